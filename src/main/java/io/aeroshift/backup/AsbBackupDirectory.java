package io.aeroshift.backup;

import io.aeroshift.transfer.RecordImage;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A backup written as asbackup's directory mode: files {@code <prefix>_<NNNNN>.asb} (prefix = the
 * namespace unless given; 5-digit counter from 00000, global across writers), each started with
 * the version and namespace lines; {@code # first-file} and the global section (indexes, then UDFs,
 * as asbackup orders them) only in file 00000, which is created first so it exists even for an
 * empty namespace.
 *
 * <p>Each writing thread (one per partition being scanned) owns one open file, so files are
 * written in parallel without a shared lock. Before each record the file's on-disk size (after
 * compression and encryption) is checked against the file limit and the file is rotated; records
 * never span files. A file is written as {@code <name>.asb.part} and renamed to {@code .asb} only
 * after it is flushed and synced, so asrestore (which reads {@code *.asb}) never sees a partial
 * file. A failed write poisons the backup: later writes fail and {@link #close()} reports it.
 */
public final class AsbBackupDirectory implements Closeable {

  private final Path dir;
  private final String namespace;
  private final String prefix;
  private final long fileLimitBytes;
  private final AsbCodec codec;
  private final boolean compact;
  private final AtomicInteger fileNumber = new AtomicInteger();
  private final Map<Thread, OpenFile> byThread = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<OpenFile> idle = new ConcurrentLinkedQueue<>();
  private final List<Path> finished = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong records = new AtomicLong();
  private volatile String failure;
  private boolean closed;

  /**
   * Creates the directory if needed and writes file 00000 with the global section.
   *
   * @param prefix file name prefix, null for the namespace (asbackup's {@code -q})
   * @param fileLimitBytes rotate a file once it reaches this many bytes on disk (0 = never)
   * @throws IOException when the directory already holds {@code .asb} files (asbackup refuses
   *     that too) or cannot be written
   */
  public AsbBackupDirectory(Path dir, String namespace, String prefix, long fileLimitBytes,
      AsbCodec codec, boolean compact, List<AsbSecondaryIndex> indexes, List<AsbUdf> udfs)
      throws IOException {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.prefix = prefix == null ? namespace : prefix;
    this.fileLimitBytes = fileLimitBytes;
    this.codec = Objects.requireNonNull(codec, "codec");
    this.compact = compact;
    Files.createDirectories(dir);
    try (DirectoryStream<Path> existing = Files.newDirectoryStream(dir, "*.{asb,asb.part}")) {
      for (Path p : existing) {
        throw new IOException("backup directory " + dir + " already holds backup files ("
            + p.getFileName() + "); use an empty directory");
      }
    }
    OpenFile first = open(true);
    for (AsbSecondaryIndex index : indexes) {
      first.writer.writeIndex(index);
    }
    for (AsbUdf udf : udfs) {
      first.writer.writeUdf(udf);
    }
    idle.add(first);
  }

  /** The name asbackup gives file {@code n} of a directory backup. */
  public static String fileName(String prefix, int n) {
    return String.format("%s_%05d.asb", prefix, n);
  }

  /**
   * Writes one record into the calling thread's file, rotating at the file limit.
   *
   * @throws IllegalStateException when this or an earlier write failed (not retried: a half
   *     written record must not be followed by a second copy)
   */
  public void writeRecord(RecordImage record) {
    if (!namespace.equals(record.namespace())) {
      throw new IllegalArgumentException(
          record + " is in namespace " + record.namespace() + ", this backup is of " + namespace);
    }
    String failed = failure;
    if (failed != null) {
      throw new IllegalStateException("backup already failed: " + failed);
    }
    Thread me = Thread.currentThread();
    OpenFile file = byThread.get(me);
    try {
      if (file != null && fileLimitBytes > 0 && file.records > 0
          && file.sizeOnDisk() >= fileLimitBytes) {
        byThread.remove(me);
        file.finish();
        file = null;
      }
      if (file == null) {
        OpenFile reused = idle.poll();
        file = reused != null ? reused : open(false);
        byThread.put(me, file);
      }
      file.writer.writeRecord(record);
      file.records++;
      records.incrementAndGet();
    } catch (IOException | RuntimeException e) {
      String reason = (file == null ? "" : file.part.getFileName() + ": ") + e.getMessage();
      failure = reason;
      throw new IllegalStateException("backup write failed: " + reason, e);
    }
  }

  /**
   * Hands the calling thread's file back for reuse by another thread (a finished partition
   * range's file continues with the next range, as asbackup's file queue does).
   */
  public void release() {
    OpenFile file = byThread.remove(Thread.currentThread());
    if (file != null) {
      idle.add(file);
    }
  }

  public long recordsWritten() {
    return records.get();
  }

  /** Final paths of the files closed so far (all of them after {@link #close()}). */
  public List<Path> files() {
    synchronized (finished) {
      List<Path> out = new ArrayList<>(finished);
      Collections.sort(out);
      return out;
    }
  }

  /** The first failure, or null. */
  public String failure() {
    return failure;
  }

  /** Flushes, syncs and renames every open file; throws if any write failed. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    List<OpenFile> open = new ArrayList<>(byThread.values());
    open.addAll(idle);
    byThread.clear();
    idle.clear();
    IOException first = null;
    for (OpenFile f : open) {
      try {
        if (failure == null) {
          f.finish();
        } else {
          f.writer.close();
        }
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
    if (failure != null) {
      throw new IOException("backup incomplete, .part files left in " + dir + ": " + failure);
    }
  }

  private OpenFile open(boolean firstFile) throws IOException {
    int n = fileNumber.getAndIncrement();
    Path target = dir.resolve(fileName(prefix, n));
    Path part = dir.resolve(target.getFileName() + ".part");
    FileOutputStream fos = new FileOutputStream(part.toFile());
    Counter counter = new Counter(new Synced(fos));
    AsbWriter writer = new AsbWriter(codec.wrapOutput(counter), compact);
    writer.writeHeader(namespace, firstFile);
    return new OpenFile(target, part, counter, writer);
  }

  private final class OpenFile {
    final Path target;
    final Path part;
    final Counter counter;
    final AsbWriter writer;
    long records;

    OpenFile(Path target, Path part, Counter counter, AsbWriter writer) {
      this.target = target;
      this.part = part;
      this.counter = counter;
      this.writer = writer;
    }

    /**
     * Bytes this file has (or will have once buffers drain) on disk. Without compression that is
     * exactly the text written (plus the 16-byte IV when encrypted); compressed output is known
     * only as far as the compressor has emitted it, so the check can lag by its buffers.
     */
    long sizeOnDisk() {
      if (codec.compression() == AsbCompression.NONE) {
        return writer.bytesWritten() + (codec.key() == null ? 0 : AesCtr.BLOCK);
      }
      return counter.count;
    }

    void finish() throws IOException {
      writer.close();
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      finished.add(target);
    }
  }

  /** Counts the bytes that reach the file. */
  private static final class Counter extends FilterOutputStream {
    volatile long count;

    Counter(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }

  /** Syncs the file to disk before closing it. */
  private static final class Synced extends FilterOutputStream {
    private final FileOutputStream fos;

    Synced(FileOutputStream fos) {
      super(fos);
      this.fos = fos;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      try {
        fos.flush();
        fos.getChannel().force(true);
      } finally {
        fos.close();
      }
    }
  }
}

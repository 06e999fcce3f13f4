package io.aeroshift.backup;

import io.aeroshift.transfer.PartitionIds;
import io.aeroshift.transfer.RecordImage;
import io.aeroshift.transfer.WorkUnit;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
  private final BackupState state;
  private boolean firstNumberFree = true;
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
    this(dir, prefix, fileLimitBytes, codec, indexes, udfs,
        BackupState.fresh(dir, new BackupState.Settings(namespace, null,
            prefix == null ? namespace : prefix, codec.compression(), codec.encryption(),
            compact)));
  }

  /**
   * Starts a backup recorded in {@code state}, or resumes it when {@code state} lists finished
   * files: those stay, a listed file still named {@code .part} (killed between recording and
   * renaming it) is renamed, unlisted {@code .part} files (unfinished work) are deleted, and the
   * first file with the global section is written again only if it was never finished.
   *
   * @throws IOException when a fresh backup's directory already holds backup files, or a resumed
   *     one holds a {@code .asb} file the state does not list or misses a listed file (nothing
   *     is changed then)
   */
  AsbBackupDirectory(Path dir, String prefix, long fileLimitBytes, AsbCodec codec,
      List<AsbSecondaryIndex> indexes, List<AsbUdf> udfs, BackupState state) throws IOException {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.state = Objects.requireNonNull(state, "state");
    this.namespace = state.settings().namespace();
    this.prefix = prefix == null ? namespace : prefix;
    this.fileLimitBytes = fileLimitBytes;
    this.codec = Objects.requireNonNull(codec, "codec");
    this.compact = state.settings().compact();
    Files.createDirectories(dir);
    if (state.loaded()) {
      reconcileFiles(state.files());
    } else {
      try (DirectoryStream<Path> existing = Files.newDirectoryStream(dir, "*.{asb,asb.part}")) {
        for (Path p : existing) {
          throw new IOException("backup directory " + dir + " already holds backup files ("
              + p.getFileName() + "); use an empty directory");
        }
      }
    }
    state.save();
    if (!state.hasFirstFile()) {
      OpenFile first = open(true);
      for (AsbSecondaryIndex index : indexes) {
        first.writer.writeIndex(index);
      }
      for (AsbUdf udf : udfs) {
        first.writer.writeUdf(udf);
      }
      idle.add(first);
    }
  }

  /** Makes the directory hold exactly the listed files, finishing an interrupted rename. */
  private void reconcileFiles(List<BackupState.FinishedFile> listed) throws IOException {
    Set<String> names = new HashSet<>();
    for (BackupState.FinishedFile f : listed) {
      names.add(f.name());
    }
    List<Path> unfinished = new ArrayList<>();
    int highest = -1;
    try (DirectoryStream<Path> existing = Files.newDirectoryStream(dir, "*.{asb,asb.part}")) {
      for (Path p : existing) {
        String name = p.getFileName().toString();
        boolean part = name.endsWith(".part");
        String asb = part ? name.substring(0, name.length() - ".part".length()) : name;
        highest = Math.max(highest, number(asb));
        if (part && !names.contains(asb)) {
          unfinished.add(p);
        } else if (!part && !names.contains(asb)) {
          throw new IOException("backup directory " + dir + " holds " + name + ", which its"
              + " backup state " + BackupState.FILE_NAME + " does not list; move it away");
        }
      }
    }
    List<Path[]> renames = new ArrayList<>();
    for (BackupState.FinishedFile f : listed) {
      Path target = dir.resolve(f.name());
      Path part = dir.resolve(f.name() + ".part");
      if (Files.exists(part) && !Files.exists(target)) {
        renames.add(new Path[] {part, target});
      } else if (!Files.exists(target)) {
        throw new IOException("backup directory " + dir + " misses " + f.name() + ", listed in"
            + " its backup state " + BackupState.FILE_NAME + "; restore the file or start the"
            + " backup again in an empty directory");
      }
    }
    for (Path[] r : renames) {
      Files.move(r[0], r[1], StandardCopyOption.ATOMIC_MOVE);
    }
    for (Path p : unfinished) {
      Files.delete(p);
    }
    for (BackupState.FinishedFile f : listed) {
      finished.add(dir.resolve(f.name()));
    }
    // numbers of deleted .part files may be reused; asrestore does not care about gaps either
    fileNumber.set(highest + 1);
    firstNumberFree = listed.stream().noneMatch(f -> number(f.name()) == 0);
  }

  /** The counter in {@code <prefix>_<NNNNN>.asb}, or -1 for another name. */
  private int number(String asbName) {
    String head = prefix + "_";
    if (!asbName.startsWith(head) || !asbName.endsWith(".asb")) {
      return -1;
    }
    try {
      return Integer.parseInt(asbName.substring(head.length(), asbName.length() - 4));
    } catch (NumberFormatException e) {
      return -1;
    }
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
      file.span(record.digest());
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

  /**
   * The calling engine worker finished scanning {@code partition}: it is done once the file
   * holding its last records is finished (at once when this thread holds no open file). Relies on
   * the engine writing a partition's records on the worker thread that reports it done (the
   * client's synchronous {@code scanPartitions} calls back on the calling thread; one partition
   * is one node's command, retried in the same loop).
   */
  public void partitionDone(int partition) {
    OpenFile file = byThread.get(Thread.currentThread());
    if (file != null) {
      file.done.add(partition);
    } else {
      state.partitionDoneWithoutOpenFile(partition);
    }
  }

  /** The backup's state (finished files, partition progress). */
  public BackupState state() {
    return state;
  }

  /**
   * Leaves every open file as it is, unflushed and unrenamed, as a killed process would (for
   * tests of resume); the state keeps only what was finished before.
   */
  synchronized void abandon() throws IOException {
    closed = true;
    List<OpenFile> open = new ArrayList<>(byThread.values());
    open.addAll(idle);
    for (OpenFile f : open) {
      f.fos.close();
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
    int n = firstFile && firstNumberFree ? 0 : fileNumber.getAndIncrement();
    if (n == 0) {
      fileNumber.compareAndSet(0, 1);
    }
    Path target = dir.resolve(fileName(prefix, n));
    Path part = dir.resolve(target.getFileName() + ".part");
    FileOutputStream fos = new FileOutputStream(part.toFile());
    Counter counter = new Counter(new Synced(fos));
    AsbWriter writer = new AsbWriter(codec.wrapOutput(counter), compact);
    writer.writeHeader(namespace, firstFile);
    return new OpenFile(target, part, fos, counter, writer, firstFile);
  }

  private final class OpenFile {
    final Path target;
    final Path part;
    final FileOutputStream fos;
    final Counter counter;
    final AsbWriter writer;
    final boolean first;
    final Map<Integer, BackupState.Span> spans = new HashMap<>();
    final Set<Integer> done = new HashSet<>();
    long records;

    OpenFile(Path target, Path part, FileOutputStream fos, Counter counter, AsbWriter writer,
        boolean first) {
      this.target = target;
      this.part = part;
      this.fos = fos;
      this.counter = counter;
      this.writer = writer;
      this.first = first;
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

    void span(byte[] digest) {
      BackupState.Span s = spans.computeIfAbsent(PartitionIds.of(digest),
          p -> new BackupState.Span());
      s.records++;
      s.last = digest;
    }

    /** Flush and sync, record in the state, then rename: see {@link BackupState}. */
    void finish() throws IOException {
      writer.close();
      state.fileFinished(new BackupState.FinishedFile(target.getFileName().toString(), records,
          first), spans, done);
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

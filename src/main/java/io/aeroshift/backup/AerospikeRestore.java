package io.aeroshift.backup;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.IAerospikeClient;
import io.aeroshift.transfer.PartitionIds;
import io.aeroshift.discovery.ClusterIdentity;
import io.aeroshift.transfer.AerospikeRecordSink;
import io.aeroshift.transfer.GuardedSink;
import io.aeroshift.transfer.RateLimiter;
import io.aeroshift.transfer.RecordImage;
import io.aeroshift.transfer.RecordSink;
import io.aeroshift.transfer.RecordWriteException;
import io.aeroshift.transfer.TransferPolicies;
import io.aeroshift.transfer.TransferSettings;
import io.aeroshift.transfer.WriteMode;
import io.aeroshift.transfer.WriteOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Restores asbackup files (ours, asbackup's, backup-go's) into a cluster through the copy engine's
 * safe writes: a {@link GuardedSink} (rate limit, bounded writes in flight, classified retries)
 * around the {@link AerospikeRecordSink} (remaining TTL, never-expire as -1, expired records
 * skipped and counted, stored user keys sent).
 *
 * <p>One reader per file, as asrestore does, reads and decodes while writers write: consecutive
 * records of one partition go out as one batch write of up to {@code writeBatch} records (the
 * copy engine's pre-switch writes; asrestore batches too), and up to {@code writeConcurrency}
 * batches of all files are written at once, with as many more decoded and waiting, so a writer
 * that finishes takes the next batch at once instead of waiting for a reader to be scheduled
 * (without them the writers sat idle 40% of a restore on a loaded machine). Batches of one file may finish out of order, so a
 * file's checkpoint moves only past the longest run of batches from its start that have all
 * returned: a rerun after a kill writes again at most the batches that were in flight (replacing
 * writes: idempotent), never skips one.
 *
 * <p>A file that cannot be read fails alone, naming file, line and reason: the records before the
 * problem are restored, nothing after it. The run is complete only when every file was read to
 * its end and every record written.
 */
public final class AerospikeRestore {

  /** What to restore and how. */
  public record Options(
      Path dir,
      AsbCodec codec,
      AsbReaderOptions readerOptions,
      boolean restoreIndexes,
      boolean restoreUdfs,
      int parallel,
      Path stateFile,
      TransferSettings settings) {}

  /**
   * Counts and per-file failures of a run.
   *
   * @param alreadyRestored records restored into this same cluster by an earlier run (files done
   *     and the part of files resumed), not written again
   * @param startedAfresh why earlier progress in the state file was dropped (it was of another
   *     cluster, or of an unknown one), or null when none was dropped
   */
  public record Result(
      List<Path> files,
      long records,
      long skippedExpired,
      long skippedNoBins,
      long alreadyRestored,
      long inDoubt,
      int indexes,
      int udfs,
      Map<String, String> failures,
      String startedAfresh) {
    public boolean complete() {
      return failures.isEmpty();
    }
  }

  private final IAerospikeClient client;
  private final Clock clock;
  private volatile boolean stopped;
  /** Test hook: the batch (counted from 1) during which the run dies as if killed; 0 = never. */
  private volatile int crashInBatch;
  private volatile boolean crashed;
  private final AtomicInteger batchesStarted = new AtomicInteger();
  private final LongAdder written = new LongAdder();
  private final LongAdder expired = new LongAdder();
  private final LongAdder noBins = new LongAdder();
  private final LongAdder skippedResume = new LongAdder();
  private final LongAdder inDoubt = new LongAdder();
  private final GlobalSectionRestore globals;

  public AerospikeRestore(IAerospikeClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.globals = new GlobalSectionRestore(client);
  }

  /** Ends a running {@link #run} early; the result then lists the files not finished. */
  public void stop() {
    stopped = true;
  }

  /**
   * Test hook: the {@code n}-th batch write (counted from 1 over the run) writes only the first
   * half of its records, then the run dies as a killed process would: nothing more is written to
   * the state file, and the run ends.
   */
  void crashInBatch(int n) {
    this.crashInBatch = n;
  }

  /** Records written so far in this run. */
  public long recordsWritten() {
    return written.sum();
  }

  /** The {@code *.asb} files of a backup directory, by name (asrestore reads the same set). */
  public static List<Path> backupFiles(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.asb")) {
      for (Path p : s) {
        if (Files.isRegularFile(p)) {
          out.add(p);
        }
      }
    }
    Collections.sort(out);
    return out;
  }

  public Result run(Options o, Consumer<String> log) throws IOException {
    TransferSettings s = o.settings();
    return run(o, new RateLimiter(s.recordsPerSecond(), s.bytesPerSecond()), log);
  }

  /**
   * Restores with a rate limiter the caller holds (to change the rate while running).
   * {@link #stop()} ends the run early: files in progress keep their last checkpoint.
   */
  public Result run(Options o, RateLimiter limiter, Consumer<String> log) throws IOException {
    List<Path> files = backupFiles(o.dir());
    if (files.isEmpty()) {
      throw new IOException("no .asb files in " + o.dir());
    }
    RestoreCheckpoints state = RestoreCheckpoints.load(o.stateFile());
    String afresh = state.forTarget(ClusterIdentity.read(client));
    if (afresh != null) {
      log.accept(afresh);
    }
    if (o.restoreIndexes() || o.restoreUdfs()) {
      restoreGlobalSections(files, o, log);
    }
    TransferSettings s = o.settings();
    RecordSink sink = new GuardedSink(
        new AerospikeRecordSink(client, new TransferPolicies(s), clock), limiter, s.retry(),
        s.writeConcurrency());
    ExecutorService writers = Executors.newFixedThreadPool(s.writeConcurrency(), r -> {
      Thread t = new Thread(r, "restore-write");
      t.setDaemon(true);
      return t;
    });
    Writes writes = new Writes(sink, writers, new Semaphore(2 * s.writeConcurrency()), s.writeBatch());
    try {
      return runFiles(files, o, writes, state, log, afresh);
    } finally {
      writers.shutdownNow();
    }
  }

  private Result runFiles(List<Path> files, Options o, Writes writes, RestoreCheckpoints state,
      Consumer<String> log, String afresh) {
    Map<String, String> failures = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Path> queue = new ConcurrentLinkedQueue<>(files);
    int workers = Math.max(1, Math.min(o.parallel(), files.size()));
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "restore");
      t.setDaemon(true);
      return t;
    });
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      futures.add(pool.submit(() -> {
        for (Path f = queue.poll(); f != null && !stopped; f = queue.poll()) {
          String problem = restoreFile(f, o, writes, state, log);
          if (problem != null) {
            failures.put(f.getFileName().toString(), problem);
          }
        }
      }));
    }
    pool.shutdown();
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (Exception e) {
        failures.put("(worker)", String.valueOf(e.getCause() == null ? e : e.getCause()));
      }
    }
    try {
      if (!crashed) { // a killed process writes nothing more
        state.flush(); // progress recorded while another reader was saving
      }
    } catch (IOException e) {
      failures.putIfAbsent("(state)", "cannot save the restore state: " + e.getMessage());
    }
    if (crashed) {
      failures.putIfAbsent("(killed)", "killed by the test hook in batch " + crashInBatch);
    } else if (stopped) {
      failures.putIfAbsent("(stopped)", "the restore was stopped; a rerun resumes from the state file");
    }
    return new Result(files, written.sum(), expired.sum(), noBins.sum(), skippedResume.sum(),
        inDoubt.sum(), globals.indexes(), globals.udfs(), new TreeMap<>(failures), afresh);
  }

  /**
   * Reads the global section at the head of every file (up to its first record) and recreates
   * the indexes and UDF modules asked for, after checking all of them against the target: a
   * conflict stops the run before anything, records included, is written.
   */
  private void restoreGlobalSections(List<Path> files, Options o, Consumer<String> log)
      throws IOException {
    List<AsbSecondaryIndex> indexes = new ArrayList<>();
    List<AsbUdf> udfs = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      try (InputStream in = o.codec().wrapInput(Files.newInputStream(file), name);
          AsbReader reader = new AsbReader(in, name, o.readerOptions())) {
        for (AsbEntry e = reader.next(); e != null && !(e instanceof AsbEntry.Record);
            e = reader.next()) {
          if (e instanceof AsbEntry.Index i && o.restoreIndexes()) {
            indexes.add(i.index());
          } else if (e instanceof AsbEntry.Udf u && o.restoreUdfs()) {
            udfs.add(u.udf());
          }
        }
      }
    }
    List<String> conflicts = globals.check(indexes, udfs);
    if (!conflicts.isEmpty()) {
      throw new IOException("the target conflicts with the backup, nothing was restored: "
          + String.join("; ", conflicts));
    }
    for (AsbSecondaryIndex index : indexes) {
      globals.createIndex(index);
    }
    for (AsbUdf udf : udfs) {
      globals.registerUdf(udf);
    }
    if (!indexes.isEmpty() || !udfs.isEmpty()) {
      log.accept(globals.indexes() + " secondary indexes and " + globals.udfs()
          + " UDF modules in place on the target");
    }
  }

  /** The batch writers shared by every file of a run. */
  private record Writes(RecordSink sink, ExecutorService pool, Semaphore slots, int batchSize) {}

  /** Consecutive records of one partition on their way to the target, and the file span they end. */
  private static final class Batch {
    final List<RecordImage> images = new ArrayList<>();
    int partition = -1;
    long records; // record entries covered, --no-bins ones (not written) included
    long endOffset;
    long endLine;
    Future<?> written;
  }

  /**
   * What of one file is known written: everything up to {@code offset}. Batches are handed over in
   * file order and taken back in the same order, so the checkpoint never passes a batch that has not
   * returned, whatever order the writers finish in.
   */
  /** A file's progress is saved at least this often (besides every {@code checkpointEvery} entries). */
  private static final long CHECKPOINT_NANOS = 1_000_000_000L;

  private final class FileCursor {
    final String name;
    final RestoreCheckpoints state;
    final ArrayDeque<Batch> inFlight = new ArrayDeque<>();
    final int checkpointEvery;
    long offset;
    long line;
    long records;
    long sinceCheckpoint;
    long savedAtNanos = System.nanoTime();

    FileCursor(String name, RestoreCheckpoints state, int checkpointEvery, long offset, long line,
        long records) {
      this.name = name;
      this.checkpointEvery = checkpointEvery;
      this.state = state;
      this.offset = offset;
      this.line = line;
      this.records = records;
    }

    /**
     * Takes back the batches at the head that have returned (all of them when {@code all}, waiting
     * for each), moving the cursor past them and checkpointing every {@code checkpointEvery}
     * entries of the settings. A failed batch stops the cursor before it; its failure is thrown after every batch of
     * the file has returned, so no write of this file is still running when the caller reports it.
     */
    void settle(boolean all) throws IOException {
      while (!inFlight.isEmpty() && (all || inFlight.peek().written.isDone())) {
        Batch b = inFlight.peek();
        try {
          b.written.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("restore interrupted", e);
        } catch (ExecutionException e) {
          drainQuietly();
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          throw new IllegalStateException(cause);
        }
        inFlight.poll();
        moveTo(b.endOffset, b.endLine, b.records);
      }
    }

    /** Moves the cursor past entries known written (or needing no write). */
    void moveTo(long endOffset, long endLine, long addedRecords) throws IOException {
      sinceCheckpoint += Math.max(1, addedRecords);
      offset = endOffset;
      line = endLine;
      records += addedRecords;
      // also once a second, so a slow (rate-limited) restore killed with kill -9 loses at most a
      // second of each file's progress, whatever checkpointEvery is
      if (sinceCheckpoint >= checkpointEvery || System.nanoTime() - savedAtNanos >= CHECKPOINT_NANOS) {
        sinceCheckpoint = 0;
        savedAtNanos = System.nanoTime();
        save(false);
      }
    }

    /** Waits for every batch still in flight, ignoring their outcome (the cursor stays put). */
    void drainQuietly() {
      for (Batch b : inFlight) {
        try {
          b.written.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (ExecutionException ignored) {
          // the first failure is the one reported
        }
      }
      inFlight.clear();
    }

    void save(boolean done) throws IOException {
      if (!crashed) { // a killed process writes nothing more
        state.put(new RestoreCheckpoints.FileProgress(name, offset, line, records, done));
      }
    }

    void saveQuietly() {
      try {
        save(false);
      } catch (IOException ignored) {
        // the failure being reported matters more; the previous checkpoint stays valid
      }
    }
  }

  /** Restores one file; returns null when it was read to the end and every record written. */
  private String restoreFile(Path file, Options o, Writes writes, RestoreCheckpoints state,
      Consumer<String> log) {
    String name = file.getFileName().toString();
    RestoreCheckpoints.FileProgress resumed = state.get(name);
    if (resumed != null && resumed.done()) {
      skippedResume.add(resumed.records());
      log.accept(name + ": already restored into this cluster (" + resumed.records() + " records), skipped");
      return null;
    }
    long resumeOffset = resumed == null ? 0 : resumed.offset();
    FileCursor cursor = new FileCursor(name, state, o.settings().checkpointEvery(), resumeOffset,
        resumed == null ? 1 : resumed.line(), resumed == null ? 0 : resumed.records());
    Batch batch = new Batch();
    try (InputStream in = o.codec().wrapInput(Files.newInputStream(file), name);
        AsbReader reader = new AsbReader(in, name, o.readerOptions())) {
      for (AsbEntry e = reader.next(); e != null; e = reader.next()) {
        if (stopped) {
          cursor.drainQuietly();
          cursor.saveQuietly();
          return name + ":" + cursor.line + ": stopped before the end of the file";
        }
        if (e.position().endOffset() <= resumeOffset) {
          if (e instanceof AsbEntry.Record) {
            skippedResume.increment();
          }
          continue;
        }
        if (e instanceof AsbEntry.Record r) {
          RecordImage image = r.record();
          int partition = PartitionIds.of(image.digest());
          if (batch.records > 0 && (batch.partition != partition || batch.images.size() >= writes.batchSize())) {
            submit(batch, writes, cursor);
            batch = new Batch();
          }
          batch.partition = partition;
          batch.records++;
          batch.endOffset = e.position().endOffset();
          batch.endLine = e.position().endLine();
          if (image.bins().isEmpty()) {
            noBins.increment(); // a --no-bins backup record: asrestore and backup-go skip these too
          } else {
            batch.images.add(image);
          }
          continue;
        }
        // a global line after records: everything before it is written first, then it is
        // checked on its own
        if (batch.records > 0) {
          submit(batch, writes, cursor);
          batch = new Batch();
        }
        cursor.settle(true);
        if (e instanceof AsbEntry.Index i && o.restoreIndexes()) {
          globals.createIndex(i.index());
        } else if (e instanceof AsbEntry.Udf u && o.restoreUdfs()) {
          globals.registerUdf(u.udf());
        }
        cursor.moveTo(e.position().endOffset(), e.position().endLine(), 0);
      }
      if (batch.records > 0) {
        submit(batch, writes, cursor);
      }
      cursor.settle(true);
      if (stopped) {
        cursor.saveQuietly();
        return name + ":" + cursor.line + ": stopped before the end of the file";
      }
      cursor.save(true);
      return null;
    } catch (AsbFormatException e) {
      return failed(cursor, batch.written == null ? batch : null, writes, e.getMessage());
    } catch (RecordWriteException | AerospikeException | IllegalStateException | IOException e) {
      // after a failed write nothing more of this file is written
      return failed(cursor, null, writes, name + ":" + cursor.line + ": " + e.getMessage());
    }
  }

  /**
   * A file that cannot go on: the batches in flight return, the records read before an unreadable
   * line ({@code pending}, null after a failed write) are still written, as before batching, and
   * the cursor is saved where the writes end.
   */
  private String failed(FileCursor cursor, Batch pending, Writes writes, String problem) {
    try {
      if (pending != null && pending.records > 0 && !stopped) {
        submit(pending, writes, cursor);
      }
      cursor.settle(true);
    } catch (RuntimeException | IOException e) {
      cursor.drainQuietly();
      problem = problem + " (then: " + e.getMessage() + ")";
    }
    cursor.saveQuietly();
    return problem;
  }

  /**
   * Hands a batch to the writers: waits for a free slot (at most {@code writeConcurrency} batches
   * of all files being written and as many waiting), and meanwhile takes back this file's finished batches.
   */
  private void submit(Batch batch, Writes writes, FileCursor cursor) throws IOException {
    try {
      while (!writes.slots().tryAcquire(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        cursor.settle(false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("restore interrupted", e);
    }
    if (batch.images.isEmpty()) {
      writes.slots().release();
      batch.written = CompletableFuture.completedFuture(null);
    } else {
      try {
        batch.written = writes.pool().submit(() -> {
          try {
            write(batch.images, writes.sink());
          } finally {
            writes.slots().release();
          }
        });
      } catch (RuntimeException e) {
        writes.slots().release();
        throw e;
      }
    }
    cursor.inFlight.add(batch);
    cursor.settle(false);
  }

  private void write(List<RecordImage> images, RecordSink sink) {
    int n = batchesStarted.incrementAndGet();
    if (n == crashInBatch) {
      sink.writeAll(images.subList(0, images.size() / 2), WriteMode.replace());
      crashed = true;
      stopped = true;
      throw new IllegalStateException("killed by the test hook in batch " + n);
    }
    List<WriteOutcome> outcomes = images.size() == 1
        ? List.of(sink.write(images.get(0), WriteMode.replace()))
        : sink.writeAll(images, WriteMode.replace());
    for (WriteOutcome outcome : outcomes) {
      switch (outcome) {
        case WRITTEN -> written.increment();
        case SKIPPED_EXPIRED -> expired.increment();
        case IN_DOUBT -> inDoubt.increment();
        default -> throw new IllegalStateException("unexpected restore outcome " + outcome);
      }
    }
  }
}

package io.aeroshift.backup;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.IAerospikeClient;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Restores asbackup files (ours, asbackup's, backup-go's) into a cluster through the copy engine's
 * safe writes: a {@link GuardedSink} (rate limit, bounded writes in flight, classified retries)
 * around the {@link AerospikeRecordSink} (remaining TTL, never-expire as -1, expired records
 * skipped and counted, stored user keys sent). One file per worker, as asrestore does; progress is
 * checkpointed per file after the last entry written, so a rerun resumes there.
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

  private static final int CHECKPOINT_EVERY = 1000;
  /** A file's progress is also saved this often, so a kill loses at most this much of each file. */
  private static final long CHECKPOINT_NANOS = 1_000_000_000L;

  private final IAerospikeClient client;
  private final Clock clock;
  private volatile boolean stopped;
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
          String problem = restoreFile(f, o, sink, state, log);
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
    if (stopped) {
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

  /** Restores one file; returns null when it was read to the end and every record written. */
  private String restoreFile(Path file, Options o, RecordSink sink, RestoreCheckpoints state,
      Consumer<String> log) {
    String name = file.getFileName().toString();
    RestoreCheckpoints.FileProgress resumed = state.get(name);
    if (resumed != null && resumed.done()) {
      skippedResume.add(resumed.records());
      log.accept(name + ": already restored into this cluster (" + resumed.records() + " records), skipped");
      return null;
    }
    long resumeOffset = resumed == null ? 0 : resumed.offset();
    long records = resumed == null ? 0 : resumed.records();
    long lastOffset = resumeOffset;
    long lastLine = resumed == null ? 1 : resumed.line();
    int sinceCheckpoint = 0;
    long checkpointedAt = System.nanoTime();
    try (InputStream in = o.codec().wrapInput(Files.newInputStream(file), name);
        AsbReader reader = new AsbReader(in, name, o.readerOptions())) {
      for (AsbEntry e = reader.next(); e != null; e = reader.next()) {
        if (stopped) {
          saveQuietly(state, name, lastOffset, lastLine, records);
          return name + ":" + lastLine + ": stopped before the end of the file";
        }
        if (e.position().endOffset() <= resumeOffset) {
          if (e instanceof AsbEntry.Record) {
            skippedResume.increment();
          }
          continue;
        }
        if (e instanceof AsbEntry.Record r) {
          restoreRecord(r.record(), sink);
          records++;
        } else if (e instanceof AsbEntry.Index i && o.restoreIndexes()) {
          globals.createIndex(i.index()); // a global line after records: checked on its own
        } else if (e instanceof AsbEntry.Udf u && o.restoreUdfs()) {
          globals.registerUdf(u.udf());
        }
        lastOffset = e.position().endOffset();
        lastLine = e.position().endLine();
        if (++sinceCheckpoint >= CHECKPOINT_EVERY || System.nanoTime() - checkpointedAt >= CHECKPOINT_NANOS) {
          sinceCheckpoint = 0;
          checkpointedAt = System.nanoTime();
          state.put(new RestoreCheckpoints.FileProgress(name, lastOffset, lastLine, records, false));
        }
      }
      state.put(new RestoreCheckpoints.FileProgress(name, lastOffset, lastLine, records, true));
      return null;
    } catch (AsbFormatException e) {
      saveQuietly(state, name, lastOffset, lastLine, records);
      return e.getMessage();
    } catch (RecordWriteException | AerospikeException | IllegalStateException | IOException e) {
      saveQuietly(state, name, lastOffset, lastLine, records);
      return name + ":" + lastLine + ": " + e.getMessage();
    }
  }

  private static void saveQuietly(RestoreCheckpoints state, String name, long offset, long line,
      long records) {
    try {
      state.put(new RestoreCheckpoints.FileProgress(name, offset, line, records, false));
    } catch (IOException ignored) {
      // the failure being reported matters more; the previous checkpoint stays valid
    }
  }

  private void restoreRecord(RecordImage record, RecordSink sink) {
    if (record.bins().isEmpty()) {
      // a --no-bins backup record: asrestore and backup-go skip these too
      noBins.increment();
      return;
    }
    WriteOutcome outcome = sink.write(record, WriteMode.replace());
    switch (outcome) {
      case WRITTEN:
        written.increment();
        break;
      case SKIPPED_EXPIRED:
        expired.increment();
        break;
      case IN_DOUBT:
        inDoubt.increment();
        break;
      default:
        throw new IllegalStateException("unexpected restore outcome " + outcome);
    }
  }
}

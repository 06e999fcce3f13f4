package io.aeroshift.transfer;

import io.aeroshift.outcome.ErrorClass;
import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs the passes of one migration: full copy, catch-up passes and delete reconciliation,
 * partition by partition, in parallel, checkpointing every finished partition (in batches:
 * {@link FinishedCheckpoints}) and a cursor every {@link TransferSettings#checkpointEvery()}
 * records inside one.
 *
 * <p>Memory stays bounded whatever the data size: each worker scans one partition and writes every
 * record from the scan callback before the next is read, so at most {@code maxScans} records are
 * in flight; writes are bounded separately by the {@link GuardedSink}; no queue sits between scan
 * and write. Reconciliation holds one partition's source digests (packed, 20 bytes each).
 *
 * <p>After the switch, the generation each of our writes got back is remembered per partition in
 * the checkpoint store ({@link OwnVersions}), saved in the same transaction as the checkpoint that
 * covers the write: a new engine on the same store still recognises the versions it wrote.
 *
 * <p>One pass runs at a time per engine. {@link #stop()} ends the running pass abruptly, leaving
 * the checkpoints as they were: a new engine on the same store resumes it.
 */
public final class CopyEngine {

  /** DONE checkpoints saved together ({@link FinishedCheckpoints}). */
  static final int FINISHED_BATCH = 64;
  /** The longest a DONE checkpoint waits for its batch. */
  static final Duration FINISHED_MAX_WAIT = Duration.ofSeconds(1);

  private final String migrationId;
  private final RecordSource source;
  private final RecordSource target;
  private final CheckpointStore store;
  private final TransferSettings settings;
  private final Clock clock;
  private final RateLimiter limiter;
  private final GuardedSink sink;
  private final List<ProgressListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicReference<ProgressTracker> current = new AtomicReference<>();
  private volatile boolean stopped;
  private volatile ExecutorService workers;
  private volatile PartitionScheduler scheduler;
  /** Why the running pass was ended as a whole (a side unreachable past the deadline), or null. */
  private volatile Failure passFailure;

  /**
   * @param source where records are read
   * @param target the target read side (digest scans for reconciliation)
   * @param targetSink the raw target writer; the engine wraps it in a {@link GuardedSink}
   */
  public CopyEngine(
      String migrationId, RecordSource source, RecordSource target, RecordSink targetSink,
      CheckpointStore store, TransferSettings settings, Clock clock) {
    this.migrationId = migrationId;
    this.source = source;
    this.target = target;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.limiter = new RateLimiter(settings.recordsPerSecond(), settings.bytesPerSecond());
    this.sink = new GuardedSink(targetSink, limiter, settings.retry(), settings.writeConcurrency());
  }

  /** The migration's rate limit; {@link RateLimiter#setLimits} takes effect while running. */
  public RateLimiter rateLimiter() {
    return limiter;
  }

  /** The guarded sink this engine writes through (for a restore that shares its limits). */
  public RecordSink sink() {
    return sink;
  }

  public void addListener(ProgressListener listener) {
    listeners.add(listener);
  }

  /** Progress of the running (or last) pass. */
  public Optional<CopyProgress> progress() {
    ProgressTracker t = current.get();
    return t == null ? Optional.empty() : Optional.of(t.snapshot());
  }

  /** Full copy (resumed if it was interrupted); writes replace (clients not switched). */
  public PassSummary fullCopy(String namespace, String set, long estimatedTotal) {
    return run(PassKind.FULL, namespace, set, WriteMode.replace(), estimatedTotal);
  }

  /** Runs (or resumes) a pass of {@code kind}; see {@link PassPlanner} for which pass that is. */
  public PassSummary run(
      PassKind kind, String namespace, String set, WriteMode mode, long estimatedTotal) {
    PassRecord pass = PassPlanner.next(migrationId, store.passes(migrationId), kind, namespace,
        set, clock.instant(), settings.skewMargin());
    store.savePass(pass);
    return runPass(pass, mode, estimatedTotal);
  }

  /** A catch-up pass: records changed since the previous copy pass's start minus the skew margin. */
  public PassSummary catchUp(String namespace, String set, WriteMode mode, long estimatedTotal) {
    return run(PassKind.CATCH_UP, namespace, set, mode, estimatedTotal);
  }

  /** Delete reconciliation: removes target records whose digest the source does not have. */
  public PassSummary reconcile(String namespace, String set, WriteMode mode) {
    return run(PassKind.RECONCILE, namespace, set, mode, 0);
  }

  /**
   * Stops the running pass abruptly: no more partitions are handed out, workers are interrupted,
   * and in-progress partitions keep their last checkpoint. Irreversible for this engine.
   */
  public void stop() {
    stopped = true;
    PartitionScheduler s = scheduler;
    if (s != null) {
      s.close();
    }
    ExecutorService w = workers;
    if (w != null) {
      w.shutdownNow();
    }
  }

  private PassSummary runPass(PassRecord pass, WriteMode mode, long estimatedTotal) {
    long startNanos = System.nanoTime();
    Failure missing = missingNamespace(pass.namespace());
    if (missing != null) {
      // one failure for the pass, not 4096 partition failures that a rerun would repeat
      PassSummary summary = PassSummary.of(pass, Duration.ofNanos(System.nanoTime() - startNanos),
          store.partitions(migrationId, pass.pass()), PartitionIds.COUNT, false, missing);
      for (ProgressListener l : listeners) {
        l.passFinished(summary);
      }
      return summary;
    }
    if (mode.afterSwitch()) {
      // versions written under an earlier switch (say, before a rollback) are never checked again
      store.forgetOwnVersions(migrationId, mode.switchNanos());
    }
    Map<Integer, PartitionCheckpoint> recorded = store.partitions(migrationId, pass.pass());
    ProgressTracker tracker =
        new ProgressTracker(migrationId, pass.pass(), pass.kind(), estimatedTotal, System::nanoTime);
    List<WorkUnit> units = new ArrayList<>();
    for (int p = 0; p < PartitionIds.COUNT; p++) {
      PartitionCheckpoint cp = recorded.get(p);
      if (cp != null) {
        tracker.seed(cp);
      }
      if (cp == null || cp.state() != PartitionState.DONE) {
        if (cp == null) {
          tracker.state(p, PartitionState.PENDING);
        }
        units.add(new WorkUnit(pass.namespace(), pass.set(), p));
      }
    }
    current.set(tracker);
    PartitionScheduler sched = new PartitionScheduler(units,
        p -> source.nodeOf(pass.namespace(), p), settings.scansPerNode(), settings.maxScans());
    scheduler = sched;
    ExecutorService pool = Executors.newFixedThreadPool(settings.maxScans(), threads(pass));
    workers = pool;
    FinishedCheckpoints finished = new FinishedCheckpoints(store, FINISHED_BATCH, FINISHED_MAX_WAIT);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < settings.maxScans(); i++) {
        futures.add(pool.submit(() -> work(sched, pass, mode, recorded, tracker, finished)));
      }
    } catch (RejectedExecutionException e) {
      // stop() shut the pool down while the workers were handed out: the pass ends stopped
      if (!stopped) {
        throw e;
      }
    }
    pool.shutdown();
    if (stopped) {
      // a stop() that came before this pass's pool and scheduler were visible to it
      stop();
    }
    ScheduledExecutorService watch = watchReachability(pass);
    try {
      awaitWorkers(pool, futures);
    } finally {
      watch.shutdownNow();
      finished.flush();
    }
    Map<Integer, PartitionCheckpoint> after = store.partitions(migrationId, pass.pass());
    Failure failure = passFailure;
    PassSummary summary = PassSummary.of(pass, Duration.ofNanos(System.nanoTime() - startNanos),
        after, PartitionIds.COUNT, stopped && failure == null, failure);
    if (summary.complete()) {
      store.savePass(pass.finished(clock.instant()));
    }
    for (ProgressListener l : listeners) {
      l.passFinished(summary);
    }
    return summary;
  }

  /** NAMESPACE_NOT_FOUND naming the side that lacks the namespace, or null. */
  private Failure missingNamespace(String namespace) {
    if (source.reachable() && !source.servesNamespace(namespace)) {
      return Failure.of(FailureReason.NAMESPACE_NOT_FOUND, "the source has no namespace '" + namespace
          + "'; nothing was copied", clock.instant());
    }
    if (sink.reachable() && !sink.servesNamespace(namespace)) {
      return Failure.of(FailureReason.NAMESPACE_NOT_FOUND, "the target has no namespace '" + namespace
          + "'; nothing was copied", clock.instant());
    }
    return null;
  }

  /**
   * Ends the pass when the source or the target has had no connected node for longer than
   * {@link TransferSettings#unreachableDeadline()}: retries would only fail partition after
   * partition while the progress line shows 0 records/s. Partitions keep their checkpoints, so a
   * rerun once the cluster is back resumes them.
   */
  private ScheduledExecutorService watchReachability(PassRecord pass) {
    ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "copy-" + migrationId + "-p" + pass.pass() + "-reachability");
      t.setDaemon(true);
      return t;
    });
    long deadline = settings.unreachableDeadline().toNanos();
    long[] downSince = {0, 0};
    long period = Math.max(10, Math.min(500, settings.unreachableDeadline().toMillis() / 4));
    watch.scheduleWithFixedDelay(() -> {
      long now = System.nanoTime();
      boolean[] up = {source.reachable(), sink.reachable()};
      for (int side = 0; side < 2; side++) {
        if (up[side]) {
          downSince[side] = 0;
        } else if (downSince[side] == 0) {
          downSince[side] = now;
        } else if (now - downSince[side] >= deadline && passFailure == null) {
          FailureReason reason = side == 0 ? FailureReason.SOURCE_UNREACHABLE : FailureReason.TARGET_UNREACHABLE;
          passFailure = Failure.of(reason, (side == 0 ? "the source" : "the target") + " has had no connected node for "
              + Duration.ofNanos(now - downSince[side]).toMillis() + " ms (deadline "
              + settings.unreachableDeadline().toMillis() + " ms); pass " + pass.pass()
              + " ended, its partitions keep their checkpoints", clock.instant());
          stop();
        }
      }
    }, period, period, TimeUnit.MILLISECONDS);
    return watch;
  }

  private void awaitWorkers(ExecutorService pool, List<Future<?>> futures) {
    try {
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        if (stopped) {
          // Workers blocked in a socket read notice the stop at their next record.
          pool.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      stop();
      Thread.currentThread().interrupt();
    }
    for (Future<?> f : futures) {
      if (f.isDone() && !f.isCancelled()) {
        try {
          f.get();
        } catch (Exception e) {
          if (!stopped) {
            throw new IllegalStateException("copy worker failed unexpectedly", e);
          }
        }
      }
    }
  }

  private void work(
      PartitionScheduler sched, PassRecord pass, WriteMode mode,
      Map<Integer, PartitionCheckpoint> recorded, ProgressTracker tracker, FinishedCheckpoints finished) {
    try {
      for (WorkUnit unit = sched.take(); unit != null && !stopped; unit = sched.take()) {
        try {
          new PartitionRun(pass, unit, mode, recorded.get(unit.partition()), tracker, finished).run();
        } finally {
          sched.release(unit);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ThreadFactory threads(PassRecord pass) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "copy-" + migrationId + "-p" + pass.pass() + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** One partition of one pass: scan, write, checkpoint, retry from the cursor. */
  private final class PartitionRun {
    private final PassRecord pass;
    private final WorkUnit unit;
    private final WriteMode mode;
    private final ProgressTracker tracker;
    private final FinishedCheckpoints finished;
    private byte[] cursor;
    private long records;
    private long bytes;
    private long expired;
    private long conflicts;
    private long deleted;
    private long inDoubt;
    private int sinceCheckpoint;
    private final List<RecordImage> pending = new ArrayList<>();
    /** After the switch: the generations our own writes got in this partition; else null. */
    private OwnVersions own;

    PartitionRun(
        PassRecord pass, WorkUnit unit, WriteMode mode, PartitionCheckpoint resumed,
        ProgressTracker tracker, FinishedCheckpoints finished) {
      this.pass = pass;
      this.unit = unit;
      this.mode = mode;
      this.tracker = tracker;
      this.finished = finished;
      if (resumed != null) {
        cursor = resumed.cursor();
        records = resumed.records();
        bytes = resumed.bytes();
        expired = resumed.skippedExpired();
        conflicts = resumed.conflicts();
        deleted = resumed.deleted();
        inDoubt = resumed.inDoubt();
        if (pass.kind() == PassKind.RECONCILE) {
          cursor = null; // a digest comparison has no cursor: the partition is redone
        }
      }
    }

    void run() {
      if (mode.afterSwitch()) {
        own = new OwnVersions(mode.switchNanos(), unit.namespace(), unit.partition(),
            store.ownVersions(migrationId, mode.switchNanos(), unit.namespace(), unit.partition()));
      }
      // No checkpoint at the start: one with no cursor resumes exactly as none does, and it cost a
      // store round trip per partition and pass (4,096 each) for nothing a resume could use.
      tracker.state(unit.partition(), PartitionState.IN_PROGRESS);
      for (int attempt = 1; ; attempt++) {
        try {
          if (pass.kind() == PassKind.RECONCILE) {
            reconcile();
          } else {
            pending.clear();
            source.scan(unit, cursor, pass.sinceNanos(), this::copy);
            flush();
          }
          finish(PartitionState.DONE, null);
          return;
        } catch (RuntimeException e) {
          if (stopped || isStop(e)) {
            return; // leave the last checkpoint: the next run resumes from it
          }
          ErrorClass cls = e instanceof RecordWriteException w ? w.errorClass()
              : AerospikeErrors.classify(e);
          if (cls == ErrorClass.PERMANENT || !settings.retry().mayRetry(attempt)) {
            finish(PartitionState.FAILED, cls + " after " + attempt + " attempt(s): "
                + (e instanceof RecordWriteException ? e.getMessage() : AerospikeErrors.describe(e)));
            return;
          }
          if (!pause(settings.retry().backoff(attempt))) {
            return;
          }
        }
      }
    }

    private void copy(RecordImage image) {
      if (stopped || Thread.currentThread().isInterrupted()) {
        throw new TransferStoppedException();
      }
      pending.add(image);
      if (pending.size() >= settings.writeBatch()) {
        flush();
      }
    }

    /**
     * Writes the pending records; the cursor moves only past records whose write returned. After
     * the switch each write is conditioned on our own version of the record, and the generations
     * it returns are checkpointed with the cursor right away: a restart must know every version
     * written before the cursor.
     */
    private void flush() {
      if (pending.isEmpty()) {
        return;
      }
      if (own != null) {
        for (RecordImage image : pending) {
          WriteReply reply = sink.write(image, mode, own.generation(image.digest()));
          own.record(image.digest(), reply);
          count(image, reply.outcome());
        }
      } else {
        List<WriteOutcome> outcomes = pending.size() == 1
            ? List.of(sink.write(pending.get(0), mode))
            : sink.writeAll(pending, mode);
        for (int i = 0; i < pending.size(); i++) {
          count(pending.get(i), outcomes.get(i));
        }
      }
      cursor = pending.get(pending.size() - 1).digest();
      sinceCheckpoint += pending.size();
      pending.clear();
      if (sinceCheckpoint >= settings.checkpointEvery() || (own != null && own.hasChanges())) {
        sinceCheckpoint = 0;
        save(PartitionState.IN_PROGRESS, null);
      }
    }

    private void count(RecordImage image, WriteOutcome outcome) {
      switch (outcome) {
        case WRITTEN -> {
          long size = RecordSizes.estimate(image);
          records++;
          bytes += size;
          tracker.records.increment();
          tracker.bytes.add(size);
        }
        case SKIPPED_EXPIRED -> {
          expired++;
          tracker.skippedExpired.increment();
        }
        case REFUSED_CLIENT_WROTE -> {
          conflicts++;
          tracker.conflicts.increment();
        }
        case IN_DOUBT -> {
          inDoubt++;
          tracker.inDoubt.increment();
        }
        default -> throw new IllegalStateException("unexpected write outcome " + outcome);
      }
    }

    private void reconcile() {
      DigestSet onSource = new DigestSet();
      source.scanDigests(unit, stopping(onSource::add));
      List<byte[]> targetOnly = new ArrayList<>();
      long[] examined = {0};
      target.scanDigests(unit, stopping(d -> {
        examined[0]++;
        if (!onSource.contains(d)) {
          targetOnly.add(d);
        }
      }));
      long deletedHere = 0;
      long refusedHere = 0;
      for (byte[] digest : targetOnly) {
        if (stopped) {
          throw new TransferStoppedException();
        }
        WriteOutcome outcome = own == null
            ? sink.delete(unit.namespace(), unit.set(), digest, mode)
            : sink.delete(unit.namespace(), unit.set(), digest, mode, own.generation(digest));
        if (outcome == WriteOutcome.DELETED) {
          if (own != null) {
            own.forget(digest);
          }
          deletedHere++;
          tracker.deleted.increment();
        } else if (outcome == WriteOutcome.REFUSED_CLIENT_WROTE) {
          refusedHere++;
          tracker.conflicts.increment();
        }
      }
      records = examined[0];
      tracker.records.add(examined[0]);
      deleted += deletedHere;
      conflicts += refusedHere;
    }

    private <T> Consumer<T> stopping(Consumer<T> inner) {
      return v -> {
        if (stopped || Thread.currentThread().isInterrupted()) {
          throw new TransferStoppedException();
        }
        inner.accept(v);
      };
    }

    private void finish(PartitionState state, String failure) {
      cursor = state == PartitionState.DONE ? null : cursor;
      PartitionCheckpoint cp = save(state, failure);
      tracker.state(unit.partition(), state);
      for (ProgressListener l : listeners) {
        l.partitionFinished(cp);
      }
    }

    /** A DONE without generation changes waits for its batch; every other checkpoint is saved now. */
    private PartitionCheckpoint save(PartitionState state, String failure) {
      PartitionCheckpoint cp = new PartitionCheckpoint(migrationId, pass.pass(), unit.partition(),
          state, cursor, records, bytes, expired, conflicts, deleted, inDoubt, failure,
          clock.instant());
      if (own == null || !own.hasChanges()) {
        if (state == PartitionState.DONE) {
          finished.add(cp);
        } else {
          store.save(cp);
        }
        return cp;
      }
      OwnVersionChanges changes = own.takeChanges();
      try {
        store.save(cp, changes);
      } catch (RuntimeException e) {
        own.restore(changes);
        throw e;
      }
      return cp;
    }

    private boolean pause(Duration d) {
      try {
        Thread.sleep(d.toMillis());
        return !stopped;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private static boolean isStop(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TransferStoppedException || t instanceof InterruptedException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The instant a pass started, for callers deciding between passes. */
  public Optional<Instant> passStart(int pass) {
    return store.pass(migrationId, pass).map(PassRecord::startedAt);
  }
}

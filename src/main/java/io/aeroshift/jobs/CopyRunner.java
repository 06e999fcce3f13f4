package io.aeroshift.jobs;

import io.aeroshift.backup.AerospikeBackup;
import io.aeroshift.backup.AerospikeRestore;
import io.aeroshift.backup.AsbCodec;
import io.aeroshift.backup.AsbCompression;
import io.aeroshift.backup.AsbEncryption;
import io.aeroshift.backup.AsbEncryptionKey;
import io.aeroshift.backup.AsbReaderOptions;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.cluster.Node;
import io.aeroshift.discovery.ClusterIdentity;
import io.aeroshift.outcome.ErrorClass;
import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.planning.CopyMode;
import io.aeroshift.transfer.AerospikeErrors;
import io.aeroshift.transfer.AerospikeRecordSink;
import io.aeroshift.transfer.AerospikeRecordSource;
import io.aeroshift.transfer.CheckpointStore;
import io.aeroshift.transfer.CopyEngine;
import io.aeroshift.transfer.CopyProgress;
import io.aeroshift.transfer.CopySequence;
import io.aeroshift.transfer.PassKind;
import io.aeroshift.transfer.PassRecord;
import io.aeroshift.transfer.PassSummary;
import io.aeroshift.transfer.RateLimiter;
import io.aeroshift.transfer.RateMeter;
import io.aeroshift.transfer.RetryPolicy;
import io.aeroshift.transfer.TransferPolicies;
import io.aeroshift.transfer.TransferSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs one copy run on its own thread, step after step, saving the run after every step. The
 * steps reuse the copy engine (checkpoints in the state store under the run id, so a new runner
 * for the same run resumes them) and the backup/restore classes that run on it.
 *
 * <p>{@link #stop()} ends the run as STOPPED; {@link #abandon()} (service shutdown) stops the work
 * but leaves the stored run RUNNING, so the next start of the service resumes it.
 */
final class CopyRunner implements Runnable {
  private static final Logger LOG = Logger.getLogger(CopyRunner.class);
  private static final long MIB = 1024L * 1024L;
  /** The restore's state file in the backup directory (as {@code bin/aeroshift restore} names it). */
  static final String RESTORE_STATE = ".aeroshift-restore.state";
  /** Backoff between the runs of the steps after a side's transient failure (capped by the deadline's rest). */
  private static final RetryPolicy RETRY = new RetryPolicy(Integer.MAX_VALUE, Duration.ofMillis(100),
      Duration.ofSeconds(2));

  private final String id;
  private final CopyRunSpec spec;
  private final CopyRunStore runs;
  private final CheckpointStore checkpoints;
  private final CopyRunService.Connector connector;
  private final CopyRunService.Estimates estimates;
  private final TransferSettings base;
  private final Clock clock;
  private final CopyRunMetrics metrics;
  private final Runnable onEnd;

  private volatile CopyStage stage;
  private volatile CopyEngine engine;
  private volatile AerospikeBackup backup;
  private volatile AerospikeRestore restore;
  private volatile RateLimiter restoreLimiter;
  private volatile XdrCopy xdr;
  private volatile long restoreEstimate;
  private final RateMeter restoreRate = new RateMeter(10_000_000_000L, System::nanoTime);
  private volatile long recordsPerSecond;
  private volatile long bytesPerSecond;
  private volatile boolean stopRequested;
  private volatile boolean abandoned;
  private volatile Failure stalled;
  private final StallDetector stall;
  /** Wakes a runner waiting before it retries a side's transient failure, when it is halted. */
  private final Object retryWait = new Object();

  CopyRunner(CopyRun run, CopyRunStore runs, CheckpointStore checkpoints, CopyRunService.Connector connector,
      CopyRunService.Estimates estimates, TransferSettings base, Clock clock, CopyRunMetrics metrics, Duration stallLimit,
      Runnable onEnd) {
    this.stall = new StallDetector(stallLimit);
    this.id = run.id();
    this.spec = run.spec();
    this.runs = runs;
    this.checkpoints = checkpoints;
    this.connector = connector;
    this.estimates = estimates;
    this.base = base;
    this.clock = clock;
    this.metrics = metrics;
    this.onEnd = onEnd;
    this.recordsPerSecond = run.recordsPerSecond();
    this.bytesPerSecond = run.bytesPerSecond();
    this.stage = run.stage();
  }

  // ---------- control, from request threads ----------

  /** Changes the rate limit of the running step now and of every later step. */
  synchronized void setRateLimits(long records, long bytes) {
    update(r -> r.withRateLimits(records, bytes));
    recordsPerSecond = records;
    bytesPerSecond = bytes;
    CopyEngine e = engine;
    if (e != null) {
      e.rateLimiter().setLimits(records, bytes);
    }
    AerospikeBackup b = backup;
    if (b != null) {
      b.rateLimiter().ifPresent(l -> l.setLimits(records, bytes));
    }
    RateLimiter r = restoreLimiter;
    if (r != null) {
      r.setLimits(records, bytes);
    }
  }

  void stop() {
    stopRequested = true;
    halt();
  }

  void abandon() {
    abandoned = true;
    halt();
  }

  /**
   * Ends an XDR run cleanly: tears XDR down on every source node (after the drain), and the run
   * ends SUCCEEDED. False when this run is not shipping with XDR.
   */
  boolean finishXdr() {
    XdrCopy x = xdr;
    if (x == null) {
      return false;
    }
    x.finish();
    return true;
  }

  /** The client an XDR step holds to the source while it ships; empty unless an XDR step runs. */
  Optional<com.aerospike.client.IAerospikeClient> xdrSourceClient() {
    return Optional.ofNullable(xdr).map(XdrCopy::source);
  }

  /** The XDR statistics of every source node as last observed; empty unless an XDR step runs. */
  Optional<io.aeroshift.transfer.xdr.XdrMonitor.Observation> xdrObservation() {
    return Optional.ofNullable(xdr).flatMap(XdrCopy::observation);
  }

  private void halt() {
    synchronized (retryWait) {
      retryWait.notifyAll();
    }
    CopyEngine e = engine;
    if (e != null) {
      e.stop();
    }
    AerospikeBackup b = backup;
    if (b != null) {
      b.stop();
    }
    AerospikeRestore r = restore;
    if (r != null) {
      r.stop();
    }
    XdrCopy x = xdr;
    if (x != null) {
      if (abandoned) {
        x.abandon();
      } else {
        x.stop();
      }
    }
  }

  /** The running step's progress, if a step is running. */
  Optional<LiveProgress> live() {
    CopyStage s = stage;
    if (s == null) {
      return Optional.empty();
    }
    Optional<CopyProgress> p = switch (s) {
      case BACKUP -> Optional.ofNullable(backup).flatMap(AerospikeBackup::progress);
      case RESTORE -> Optional.ofNullable(restore).map(this::restoreProgress);
      case XDR -> Optional.ofNullable(xdr).flatMap(x -> x.progress(id));
      default -> Optional.ofNullable(engine).flatMap(CopyEngine::progress);
    };
    Optional<RateLimiter> limiter = switch (s) {
      case BACKUP -> Optional.ofNullable(backup).flatMap(AerospikeBackup::rateLimiter);
      case RESTORE -> Optional.ofNullable(restoreLimiter);
      default -> Optional.ofNullable(engine).map(CopyEngine::rateLimiter);
    };
    // the limits as the running step's limiter holds them: what a rate change actually reached
    long records = limiter.map(RateLimiter::recordsPerSecond).orElse(recordsPerSecond);
    long bytes = limiter.map(RateLimiter::bytesPerSecond).orElse(bytesPerSecond);
    return p.map(progress -> new LiveProgress(stageOf(s, progress), progress, records, bytes));
  }

  /**
   * The step a progress sample belongs to. The runner names the next step before the engine starts
   * its pass, so for a moment the engine still reports the previous pass: labelled with the new
   * step, its records would be counted a second time in the meters.
   */
  static CopyStage stageOf(CopyStage running, CopyProgress progress) {
    return running == CopyStage.BACKUP || running == CopyStage.RESTORE || running == CopyStage.XDR ? running
        : CopyStage.valueOf(progress.kind().name());
  }

  /** A restore works by file, not by partition: records against the backup's count. */
  private CopyProgress restoreProgress(AerospikeRestore r) {
    long done = r.recordsWritten();
    double rate = restoreRate.observe(done);
    long estimate = restoreEstimate;
    return new CopyProgress(id, 0, PassKind.FULL, done, 0, 0, 0, 0, 0, 0, 0, 0, 0, rate, estimate,
        CopyProgress.eta(done, estimate, rate), Duration.ZERO, Map.of());
  }

  /**
   * Samples the running step into the meters and feeds the stall detector (called by the service's
   * ticker). A run whose records and partitions have not moved for longer than the stall limit is
   * halted and ends FAILED with reason STALLED, instead of looking busy for ever.
   */
  void sample() {
    Optional<LiveProgress> l = live();
    l.ifPresent(p -> metrics.sample(p.stage(), p.progress()));
    long mark = l.map(p -> p.stage().ordinal() * 1_000_000_000_000L + p.progress().records()
        + p.progress().partitionsDone() + p.progress().partitionsFailed() + p.progress().deleted()).orElse(-1L);
    Instant now = clock.instant();
    if (stage == CopyStage.XDR) {
      return; // caught up and idle is XDR's normal state: its monitor turns a real stall into a blocker
    }
    if (stalled == null && stall.stalled(mark, now)) {
      stalled = Failure.of(FailureReason.STALLED, "no progress for " + stall.idle(now) + " in step "
          + (stage == null ? "(connecting)" : stage) + " (limit " + stall.limit() + ")", now);
      LOG.warnf("copy run %s: %s", id, stalled.detail());
      halt();
    }
  }

  // ---------- the run ----------

  @Override
  public void run() {
    MDC.put("migration", id);
    try {
      CopyRun run = update(r -> r.started(clock.instant()));
      LOG.infof("copy run %s started (attempt %d): %s %s/%s from %s to %s", id, run.attempts(), spec.mode(),
          spec.namespace(), spec.set() == null ? "" : spec.set(), spec.source(), spec.target());
      finish(runStepsWithinDeadline());
    } catch (RunLeaseLost e) {
      takenOver(e);
    } catch (RunFailedException e) {
      LOG.errorf("copy run %s failed: %s", id, e.failure().describe());
      finishUnlessTakenOver(e.failure());
    } catch (RuntimeException e) {
      LOG.errorf(e, "copy run %s failed", id);
      finishUnlessTakenOver(Failure.of(FailureReason.INTERNAL, e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage(), clock.instant()));
    } finally {
      MDC.remove("migration");
      onEnd.run();
    }
  }

  private void finishUnlessTakenOver(Failure failure) {
    try {
      finish(failure);
    } catch (RunLeaseLost e) {
      takenOver(e);
    }
  }

  /**
   * Another runner holds the run's lease now (this one did not renew in time, or a migration's
   * reconciler moved the run): the work here stops and nothing more is saved, the new holder goes on.
   */
  private void takenOver(RunLeaseLost e) {
    LOG.warnf("copy run %s: %s; its work here stops", id, e.getMessage());
    abandoned = true;
    halt();
  }

  /**
   * Runs the steps, and runs them again with new clients after a side's transient failure (a
   * dropped connection, a node restarting: {@link #unreachable}), resuming where they stopped
   * (engine checkpoints, the backup's and the restore's state files), until that side has failed
   * for longer than the unreachable deadline without a step completing in between: only then does
   * the typed failure end the run. Returns null when all steps completed, else why not.
   */
  private Failure runStepsWithinDeadline() {
    Instant failingSince = null;
    int stepsDone = -1;
    int attempt = 0;
    while (true) {
      try {
        return runSteps(current());
      } catch (RunFailedException e) {
        if (!unreachable(e.failure()) || stopRequested || abandoned || stalled != null) {
          throw e;
        }
        int steps = current().passes().size();
        Instant now = clock.instant();
        if (failingSince == null || steps != stepsDone) {
          failingSince = now; // a step completed since the last failure: the side came back in between
          stepsDone = steps;
          attempt = 0;
        }
        Duration failing = Duration.between(failingSince, now);
        Duration deadline = base.unreachableDeadline();
        if (failing.compareTo(deadline) >= 0) {
          throw new RunFailedException(Failure.of(e.failure().reason(), e.failure().detail() + " (failing for "
              + failing.toMillis() + " ms, unreachable deadline " + deadline.toMillis() + " ms)", now), e);
        }
        attempt++;
        LOG.warnf("copy run %s: %s; retry %d (failing for %d ms of the %d ms unreachable deadline)", id,
            e.failure().describe(), attempt, failing.toMillis(), deadline.toMillis());
        pauseBeforeRetry(min(RETRY.backoff(attempt), deadline.minus(failing)));
      }
    }
  }

  /** A side that may come back: a failure the runner retries within the unreachable deadline. */
  static boolean unreachable(Failure f) {
    return f.reason() == FailureReason.SOURCE_UNREACHABLE || f.reason() == FailureReason.TARGET_UNREACHABLE;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private void pauseBeforeRetry(Duration pause) {
    long end = System.nanoTime() + pause.toNanos();
    synchronized (retryWait) {
      try {
        for (long left = end - System.nanoTime(); left > 0 && !stopRequested && !abandoned && stalled == null;
            left = end - System.nanoTime()) {
          retryWait.wait(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Runs the steps not yet completed once; returns null when all completed, else why not. A
   * retriable client failure escaping a step is typed as its side's unreachability (thrown, for
   * {@link #runStepsWithinDeadline} to retry), never INTERNAL.
   */
  private Failure runSteps(CopyRun run) {
    try (CopyRunService.Clients clients = connector.open(spec)) {
      try {
        return runSteps(run, clients);
      } catch (RunFailedException | RunLeaseLost e) {
        throw e;
      } catch (RuntimeException e) {
        if (AerospikeErrors.classify(e) != ErrorClass.RETRIABLE) {
          throw e;
        }
        throw new RunFailedException(Failure.of(sideOf(e, clients), e.getMessage() == null
            ? e.getClass().getSimpleName() : e.getMessage(), clock.instant()), e);
      }
    }
  }

  /**
   * The side a client failure came from: the side of the node it names, else the side without a
   * connected node, else the side the running step reads (the backup reads the source; the other
   * steps' remaining client calls outside the engine's own retries are to the target's nodes).
   */
  private FailureReason sideOf(RuntimeException e, CopyRunService.Clients clients) {
    Node node = null;
    for (Throwable t = e; t != null && node == null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AerospikeException ae) {
        node = ae.getNode();
      }
    }
    if (node != null && Arrays.asList(clients.source().getNodes()).contains(node)) {
      return FailureReason.SOURCE_UNREACHABLE;
    }
    if (node != null && Arrays.asList(clients.target().getNodes()).contains(node)) {
      return FailureReason.TARGET_UNREACHABLE;
    }
    boolean sourceUp = AerospikeRecordSource.connected(clients.source());
    boolean targetUp = AerospikeRecordSource.connected(clients.target());
    if (sourceUp != targetUp) {
      return sourceUp ? FailureReason.TARGET_UNREACHABLE : FailureReason.SOURCE_UNREACHABLE;
    }
    return stage == CopyStage.BACKUP ? FailureReason.SOURCE_UNREACHABLE : FailureReason.TARGET_UNREACHABLE;
  }

  private Failure runSteps(CopyRun run, CopyRunService.Clients clients) {
    Optional<String> same = ClusterIdentity.sameCluster(identity(clients.source(), FailureReason.SOURCE_UNREACHABLE),
        identity(clients.target(), FailureReason.TARGET_UNREACHABLE), spec.namespace());
    if (same.isPresent()) {
      return Failure.of(FailureReason.SAME_CLUSTER, same.get() + "; nothing was copied", clock.instant());
    }
    if (spec.mode() == CopyMode.XDR) {
      return shipWithXdr(clients);
    }
    if (spec.mode() == CopyMode.BACKUP_RESTORE && !spec.deltaOnly() && !run.completed(CopyStage.RESTORE)) {
      Failure failure = backupAndRestore(run, clients);
      if (failure != null) {
        return failure;
      }
    }
    TransferSettings settings = base.withRecordsPerSecond(recordsPerSecond).withBytesPerSecond(bytesPerSecond);
    TransferPolicies policies = new TransferPolicies(settings);
    CopyEngine e = new CopyEngine(spec.checkpointScope(), new AerospikeRecordSource(clients.source(), policies),
        new AerospikeRecordSource(clients.target(), policies),
        new AerospikeRecordSink(clients.target(), policies, clock), checkpoints, settings, clock);
    engine = e;
    if (stopRequested || abandoned) {
      e.stop();
    }
    CopySequence.Outcome outcome = CopySequence.run(e, spec.namespace(), spec.set(), this::estimate, new RunSteps());
    if (outcome.stoppedBefore() != null) {
      return stoppedBefore(CopyStage.valueOf(outcome.stoppedBefore().name()));
    }
    PassSummary incomplete = outcome.incomplete();
    if (incomplete == null) {
      return null;
    }
    if (incomplete.failure() != null) {
      // the pass failed as a whole (a side unreachable past its deadline, a namespace missing)
      return incomplete.failure();
    }
    CopyStage s = CopyStage.valueOf(incomplete.kind().name());
    return incomplete(s + " pass " + incomplete.pass(), PassResult.of(s, incomplete).failure(), incomplete.inDoubt());
  }

  /** Mode XDR: the one step that sets XDR up, watches it, and tears it down at the end (see {@link XdrCopy}). */
  private Failure shipWithXdr(CopyRunService.Clients clients) {
    if (stopRequested || abandoned) {
      return stoppedBefore(CopyStage.XDR);
    }
    XdrCopy x = new XdrCopy(clients.source(), clients.target(), spec, clock, stall.limit());
    xdr = x;
    stage = CopyStage.XDR;
    update(r -> r.withStage(CopyStage.XDR));
    if (stopRequested || abandoned) {
      halt();
    }
    LOG.infof("copy run %s: XDR DC %s ships %s to %s", id, x.settings().dcName(), spec.namespace(),
        x.settings().destinations());
    return x.run();
  }

  private Failure stoppedBefore(CopyStage s) {
    return Failure.of(FailureReason.STOPPED, "stopped before " + s, clock.instant());
  }

  /** A step that did not complete: INCOMPLETE, or WRITES_IN_DOUBT when writes were left in doubt. */
  private Failure incomplete(String what, Failure first, long inDoubt) {
    String detail = what + " incomplete: " + (first == null ? "null" : first.detail());
    if (first != null && first.reason() == FailureReason.STOPPED) {
      return Failure.of(FailureReason.STOPPED, detail, first.at());
    }
    return Failure.of(inDoubt > 0 ? FailureReason.WRITES_IN_DOUBT : FailureReason.INCOMPLETE, detail, clock.instant());
  }

  /** The copy sequence's passes as steps of this run: skipped when stored as completed, recorded when run. */
  private final class RunSteps implements CopySequence.Steps {
    @Override
    public boolean done(PassKind kind) {
      // BACKUP_RESTORE: the restore stands in for the full copy; a delta pass has none
      return (kind == PassKind.FULL && (spec.mode() != CopyMode.SCAN_COPY || spec.deltaOnly()))
          || current().completed(stageOf(kind));
    }

    @Override
    public boolean starting(PassKind kind) {
      if (stopRequested || abandoned || stalled != null) {
        return false;
      }
      CopyStage s = stageOf(kind);
      stage = s;
      update(r -> r.withStage(s));
      return true;
    }

    @Override
    public void finished(PassKind kind, PassSummary summary) {
      recordStep(PassResult.of(stageOf(kind), summary));
      LOG.infof("copy run %s: %s pass %d %s: %d records, %d deleted, %d/%d partitions, %d failed", id, kind,
          summary.pass(), summary.complete() ? "complete" : "INCOMPLETE", summary.records(), summary.deleted(),
          summary.partitionsDone(), summary.partitionsTotal(), summary.failures().size());
    }

    private CopyStage stageOf(PassKind kind) {
      return CopyStage.valueOf(kind.name());
    }
  }

  private void recordStep(PassResult result) {
    metrics.stepFinished(result);
    update(r -> r.withPass(result));
  }

  /**
   * BACKUP then RESTORE. A backup that had not completed resumes from the state it keeps in the
   * directory ({@code AerospikeBackup}: finished files stay, cut partitions continue after their
   * last record); the restore resumes from its state file. When both are done, the backup is
   * recorded as the engine's full-copy pass, started when the first attempt's backup scan started
   * (a resumed backup keeps that instant: partitions finished before the interruption were scanned
   * after it), so the catch-up pass copies what changed since then.
   */
  private Failure backupAndRestore(CopyRun run, CopyRunService.Clients clients) {
    BackupSpec b = spec.backup();
    Path dir = Path.of(b.dir());
    AsbCodec codec;
    try {
      Files.createDirectories(dir);
      codec = codec(b);
    } catch (IOException e) {
      return Failure.of(FailureReason.STORAGE_FAILED, "backup directory " + dir + ": " + e.getMessage(), clock.instant());
    }
    if (!run.completed(CopyStage.BACKUP)) {
      if (stopRequested || abandoned || stalled != null) {
        return stoppedBefore(CopyStage.BACKUP);
      }
      AerospikeBackup bk = new AerospikeBackup(clients.source(), clock);
      backup = bk;
      if (stopRequested || abandoned) {
        bk.stop();
      }
      stage = CopyStage.BACKUP;
      Instant started = clock.instant();
      Instant firstStarted = current().backupStartedAt() != null ? current().backupStartedAt() : started;
      update(r -> r.withStage(CopyStage.BACKUP).withBackupStartedAt(firstStarted));
      TransferSettings settings = base.withRecordsPerSecond(recordsPerSecond).withBytesPerSecond(bytesPerSecond);
      AerospikeBackup.Options o = new AerospikeBackup.Options(spec.namespace(), spec.set(), dir, codec, b.compact(),
          b.fileLimitMiB() * MIB, true, true, settings);
      AerospikeBackup.Result r;
      try {
        r = bk.run(o, estimate(), line -> LOG.info(line));
      } catch (IOException e) {
        return Failure.of(FailureReason.STORAGE_FAILED, "backup to " + dir + " failed: " + e.getMessage(), clock.instant());
      } catch (RuntimeException e) {
        return unreachableOrThrow(FailureReason.SOURCE_UNREACHABLE, "backup to " + dir + " failed: " + e.getMessage(), e);
      }
      if (r.pass() != null) {
        PassResult result = PassResult.of(CopyStage.BACKUP, r.pass());
        recordStep(new PassResult(0, CopyStage.BACKUP, started, result.durationMillis(), r.records(),
            result.bytes(), result.skippedExpired(), 0, 0, 0, result.partitionsTotal(), result.partitionsDone(),
            result.partitionsFailed(), r.complete(), r.failure() == null ? null
                : Failure.of(FailureReason.INCOMPLETE, r.failure(), clock.instant())));
      }
      if (!r.complete()) {
        return Failure.of(stopRequested ? FailureReason.STOPPED : FailureReason.INCOMPLETE,
            "BACKUP incomplete: " + r.failure(), clock.instant());
      }
      restoreEstimate = r.records();
    } else {
      restoreEstimate = current().passes().stream().filter(p -> p.stage() == CopyStage.BACKUP)
          .mapToLong(PassResult::records).max().orElse(0);
    }
    if (stopRequested || abandoned || stalled != null) {
      return stoppedBefore(CopyStage.RESTORE);
    }
    TransferSettings settings = base.withRecordsPerSecond(recordsPerSecond).withBytesPerSecond(bytesPerSecond);
    AerospikeRestore rs = new AerospikeRestore(clients.target(), clock);
    RateLimiter limiter = new RateLimiter(recordsPerSecond, bytesPerSecond);
    restoreLimiter = limiter;
    restore = rs;
    stage = CopyStage.RESTORE;
    update(r -> r.withStage(CopyStage.RESTORE));
    Instant started = clock.instant();
    AerospikeRestore.Options o = new AerospikeRestore.Options(dir, codec, AsbReaderOptions.defaults(), true, true,
        settings.maxScans(), dir.resolve(RESTORE_STATE), settings);
    AerospikeRestore.Result r;
    try {
      r = rs.run(o, limiter, line -> LOG.info(line));
    } catch (IOException e) {
      return Failure.of(FailureReason.STORAGE_FAILED, "restore from " + dir + " failed: " + e.getMessage(),
          clock.instant());
    } catch (RuntimeException e) {
      return unreachableOrThrow(FailureReason.TARGET_UNREACHABLE, "restore from " + dir + " failed: " + e.getMessage(),
          e);
    }
    Failure firstFailure = r.failures().isEmpty() ? null : Failure.of(FailureReason.INCOMPLETE,
        r.failures().entrySet().iterator().next().getKey() + ": " + r.failures().values().iterator().next(),
        clock.instant());
    recordStep(new PassResult(0, CopyStage.RESTORE, started, Duration.between(started, clock.instant()).toMillis(),
        r.records() + r.alreadyRestored(), 0, r.skippedExpired(), 0, 0, r.inDoubt(), 0, 0, 0, r.complete(),
        firstFailure));
    if (!r.complete()) {
      return incomplete("RESTORE", firstFailure, r.inDoubt());
    }
    if (checkpoints.passes(spec.checkpointScope()).isEmpty()) {
      checkpoints.savePass(new PassRecord(spec.checkpointScope(), 1, PassKind.FULL, spec.namespace(), spec.set(), 0,
          current().backupStartedAt(), clock.instant()));
    }
    return null;
  }

  /**
   * A backup or restore that failed on its side: thrown when the failure is transient (retried
   * within the deadline, the step resuming from its state file), else returned to end the run.
   */
  private Failure unreachableOrThrow(FailureReason side, String detail, RuntimeException e) {
    Failure failure = Failure.of(side, detail, clock.instant());
    if (AerospikeErrors.classify(e) == ErrorClass.RETRIABLE) {
      throw new RunFailedException(failure, e);
    }
    return failure;
  }

  /** The cluster's identity; a transient failure to read it names the side. */
  private ClusterIdentity identity(com.aerospike.client.IAerospikeClient client, FailureReason side) {
    try {
      return ClusterIdentity.read(client);
    } catch (RuntimeException e) {
      if (AerospikeErrors.classify(e) != ErrorClass.RETRIABLE) {
        throw e;
      }
      throw new RunFailedException(Failure.of(side, "reading the cluster's identity: " + e.getMessage(),
          clock.instant()), e);
    }
  }

  private static AsbCodec codec(BackupSpec b) throws IOException {
    AsbCompression compression = b.compress() == null ? AsbCompression.NONE : AsbCompression.parse(b.compress());
    AsbEncryptionKey key = null;
    if (b.encrypt() != null) {
      AsbEncryption mode = AsbEncryption.parse(b.encrypt());
      key = AsbEncryptionKey.fromPemFile(Path.of(b.keyFile()), mode);
    }
    return AsbCodec.of(compression, key);
  }

  private long estimate() {
    try {
      return estimates.objects(spec.source(), spec.namespace(), spec.set());
    } catch (RuntimeException e) {
      LOG.warnf("copy run %s: no estimate of the records to copy (%s)", id, e.getMessage());
      return 0;
    }
  }

  private void finish(Failure failure) {
    if (abandoned) {
      LOG.infof("copy run %s interrupted by the service stopping; resumed at the next start", id);
      return;
    }
    if (stalled != null && !stopRequested) {
      failure = stalled;
    }
    CopyRunState end = failure == null ? CopyRunState.SUCCEEDED : stopRequested ? CopyRunState.STOPPED
        : CopyRunState.FAILED;
    Failure reason = end == CopyRunState.STOPPED ? Failure.of(FailureReason.STOPPED, "stopped on request"
        + (failure == null ? "" : " (" + failure.detail() + ")"), clock.instant()) : failure;
    Optional<LiveProgress> last = live();
    stage = null; // the ticker samples nothing from here on
    last.ifPresent(l -> metrics.sample(l.stage(), l.progress()));
    metrics.ended(end == CopyRunState.SUCCEEDED);
    update(r -> r.ended(end, reason, clock.instant()));
    LOG.infof("copy run %s %s%s", id, end, reason == null ? "" : ": " + reason.describe());
  }

  private CopyRun current() {
    return runs.find(id).orElseThrow(() -> new IllegalStateException("copy run " + id + " vanished from the store"));
  }

  /**
   * Read-modify-write of the stored run; only this runner changes a running run's steps. The save
   * is checked against the version read: should another writer have changed the run in between,
   * the change is applied again to what it stored.
   */
  private synchronized CopyRun update(UnaryOperator<CopyRun> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return runs.save(change.apply(current()));
      } catch (ConcurrentRunChange e) {
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }
}

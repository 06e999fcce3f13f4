package io.aeroshift.workflow.migration;

import io.aeroshift.jobs.BackupSpec;
import io.aeroshift.jobs.CopyRun;
import io.aeroshift.jobs.CopyRunService;
import io.aeroshift.jobs.CopyRunSpec;
import io.aeroshift.jobs.CopyRunState;
import io.aeroshift.jobs.CopyStage;
import io.aeroshift.jobs.Jobs;
import io.aeroshift.jobs.PassResult;
import io.aeroshift.jobs.RunNotFound;
import io.aeroshift.jobs.RunStateConflict;
import io.aeroshift.jobs.ValidationRun;
import io.aeroshift.jobs.ValidationRunService;
import io.aeroshift.jobs.ValidationRunSpec;
import io.aeroshift.jobs.ValidationRunState;
import io.aeroshift.jobs.XdrSpec;
import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.planning.CopyMode;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.transfer.CopyProgress;
import io.aeroshift.transfer.xdr.XdrMonitor;
import io.aeroshift.validation.ValidationResult;
import io.aeroshift.validation.ValidationResultStore;
import io.aeroshift.validation.ValidationSummary;
import io.aeroshift.workflow.machine.JobKind;
import io.aeroshift.workflow.machine.JobView;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.Progress;
import io.aeroshift.workflow.machine.ValidationRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@link MigrationJobs} over the job runner ({@link Jobs}): a copy or validation job of a migration
 * is one durable run per namespace of its plan, named {@code <job id>-<namespace>}, started with
 * {@link Jobs#ensureCopy}/{@link Jobs#ensureValidation} (idempotent: a run interrupted by a stop or
 * death of its reconciler's process resumes here from its checkpoints). Copy runs of a migration
 * share the checkpoint scope {@code <migration>/<namespace>}, so a delta pass copies what changed
 * since the pass before and a retried attempt keeps what was copied. Cutover steps go to the one
 * {@link CutoverSteps} collaborator.
 */
public final class RunnerMigrationJobs implements MigrationJobs {
  private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RunnerMigrationJobs.class);
  /** Who the runs say asked for them. */
  static final String BY = "workflow";

  private final Jobs jobs;
  private final CutoverSteps cutover;
  private final Function<MigrationPlan, List<String>> namespaces;
  private final ValidationResultStore results;
  private final Path backups;
  private final Clock clock;
  /** Copy and validation jobs started through this adapter: job id to its runs. */
  private final Map<String, Started> started = new ConcurrentHashMap<>();

  /** A job's runs, one per namespace. */
  private record Started(String migration, JobKind kind, List<String> runs) {}

  /**
   * @param backups where BACKUP_RESTORE runs keep their files, one directory per run
   */
  public RunnerMigrationJobs(Jobs jobs, CutoverSteps cutover, Function<MigrationPlan, List<String>> namespaces,
      ValidationResultStore results, Path backups, Clock clock) {
    this.jobs = jobs;
    this.cutover = cutover;
    this.namespaces = namespaces;
    this.results = results;
    this.backups = backups;
    this.clock = clock;
  }

  /** Run ids are stored in columns of 64 characters (copy_run, validation_job, run_lock, validation results). */
  static final int MAX_RUN_ID = 64;

  /**
   * The run of a job in one namespace: {@code <job id>-<namespace>}, or, when that is longer than a
   * run id may be, its first characters and a hash of the whole (the same for the same job and
   * namespace, so a start issued again finds its run).
   */
  static String runId(String jobId, String namespace) {
    String full = jobId + "-" + namespace;
    if (full.length() <= MAX_RUN_ID) {
      return full;
    }
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
          .digest(full.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String tag = java.util.HexFormat.of().formatHex(hash, 0, 5);
      return full.substring(0, MAX_RUN_ID - tag.length() - 1) + "-" + tag;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  @Override
  public void startCopy(Migration m, MigrationPlan plan, String jobId, JobKind kind, long recordsPerSecond,
      long bytesPerSecond) {
    boolean delta = kind == JobKind.DELTA_PASS;
    // a delta pass is a scan whatever the mode (an XDR plan has none: XDR ships the changes)
    boolean backupRestore = !delta && plan.copy() != null && plan.copy().mode() == CopyMode.BACKUP_RESTORE;
    XdrSpec xdr = !delta && plan.copy() != null && plan.copy().mode() == CopyMode.XDR ? xdrSpec(plan) : null;
    CopyMode mode = backupRestore ? CopyMode.BACKUP_RESTORE : xdr != null ? CopyMode.XDR : CopyMode.SCAN_COPY;
    List<String> runs = new ArrayList<>();
    for (String ns : namespaces.apply(plan)) {
      String id = runId(jobId, ns);
      BackupSpec backup = backupRestore ? new BackupSpec(backups.resolve(id).toString(), null, null, null, false, 250)
          : null;
      jobs.ensureCopy(new CopyRunSpec(id, plan.source().cluster(), m.team(), null, m.targetEndpoints(), ns, null,
          mode, recordsPerSecond, bytesPerSecond, backup, plan.name(), BY, clock.instant(), xdr,
          new CopyRunSpec.MigrationStep(m.id(), m.id() + "/" + ns, delta)));
      runs.add(id);
    }
    started.put(jobId, new Started(m.id(), kind, List.copyOf(runs)));
  }

  /**
   * An XDR plan's shipping: its proxy endpoints and reach timeout ({@code copy.xdr}); ready for
   * cutover at the plan's {@code cutover.maxLagSeconds}.
   */
  static XdrSpec xdrSpec(MigrationPlan plan) {
    MigrationPlan.XdrSettings x = plan.copy().xdr();
    return new XdrSpec(x.proxyEndpoints(), x.reachTimeoutSeconds(), plan.cutover().maxLagSeconds());
  }

  @Override
  public Optional<XdrMonitor.Observation> xdr(String jobId) {
    Started s = started.get(jobId);
    if (s == null) {
      return Optional.empty();
    }
    XdrMonitor.Observation worst = null;
    for (String run : s.runs()) {
      Optional<XdrMonitor.Observation> o = jobs.xdr(run);
      if (o.isEmpty()) {
        return Optional.empty();
      }
      worst = worse(worst, o.get());
    }
    return Optional.ofNullable(worst);
  }

  /** BLOCKED before CATCHING_UP before READY (a rewind first among those), then the larger lag. */
  private static XdrMonitor.Observation worse(XdrMonitor.Observation a, XdrMonitor.Observation b) {
    if (a == null) {
      return b;
    }
    int ra = rank(a);
    int rb = rank(b);
    return ra != rb ? (ra > rb ? a : b) : (a.lagSeconds() >= b.lagSeconds() ? a : b);
  }

  private static int rank(XdrMonitor.Observation o) {
    return switch (o.state()) {
      case BLOCKED -> 3;
      case CATCHING_UP -> o.recoveriesPending() > 0 ? 2 : 1;
      case READY -> 0;
    };
  }

  @Override
  public void finishXdr(String jobId) {
    Started s = started.get(jobId);
    if (s == null) {
      return;
    }
    for (String run : s.runs()) {
      if (jobs.runsHere(run)) {
        try {
          jobs.finishXdr(run);
        } catch (RunStateConflict | RunNotFound e) {
          // it ended meanwhile: its state says how
        }
      }
    }
  }

  @Override
  public void startValidation(Migration m, MigrationPlan plan, String jobId) {
    List<String> runs = new ArrayList<>();
    String source = plan.source().cluster();
    for (String ns : namespaces.apply(plan)) {
      String id = runId(jobId, ns);
      // scope source->migration/namespace: the report's readers are the source's team, as for one-off runs
      jobs.ensureValidation(new ValidationRunSpec(id, source, m.team(), null, m.targetEndpoints(), ns,
          plan.validation().suite(), null, source + "->" + m.id() + "/" + ns, BY, clock.instant(), m.id()));
      runs.add(id);
    }
    started.put(jobId, new Started(m.id(), JobKind.VALIDATION, List.copyOf(runs)));
  }

  @Override
  public void startCutoverStep(Migration m, MigrationPlan plan, String jobId, JobKind kind) {
    List<com.aerospike.client.IAerospikeClient> own = new ArrayList<>();
    if (plan.copy() != null && plan.copy().mode() == CopyMode.XDR) {
      for (String ns : namespaces.apply(plan)) {
        jobs.xdrSourceClient(runId(io.aeroshift.workflow.machine.PhaseMachine.xdrJobId(m), ns)).ifPresent(own::add);
      }
    }
    cutover.start(m, plan, jobId, kind, own);
  }

  @Override
  public void stop(String jobId) {
    Started s = started.get(jobId);
    if (s == null) {
      cutover.stop(jobId);
      // a copy or validation started by another process (before a restart, or a replica whose lease
      // ran out): its runs are stored active with nobody at work; left so, they would hold their
      // target namespace's run_lock for ever
      jobs.stopForOwner((run, namespace) -> run.equals(runId(jobId, namespace)));
      return;
    }
    for (String run : s.runs()) {
      if (jobs.runsHere(run)) {
        try {
          jobs.stop(run);
        } catch (RunStateConflict | RunNotFound e) {
          // it ended meanwhile: nothing to stop
        }
      }
    }
  }

  @Override
  public JobView observe(String jobId) {
    Started s = started.get(jobId);
    if (s == null) {
      // a cutover step, or a job this process has not started (yet): UNKNOWN makes the step issue it again
      return cutover.knows(jobId) ? cutover.observe(jobId) : JobView.unknown(jobId);
    }
    return s.kind() == JobKind.VALIDATION ? observeValidation(jobId, s) : observeCopy(jobId, s);
  }

  /** What the runs of a job say together: one still at work makes the job RUNNING, one lost makes it UNKNOWN. */
  private enum Together { RUNNING, UNKNOWN, STOPPED, FAILED, SUCCEEDED }

  private JobView observeCopy(String jobId, Started s) {
    List<CopyRunService.Observed> runs = new ArrayList<>();
    Together together = Together.SUCCEEDED;
    Failure failure = null;
    for (String id : s.runs()) {
      Optional<CopyRunService.Observed> o = jobs.copy(id);
      Together t = o.map(r -> state(id, r.run().state().active(), r.run().state() == CopyRunState.STOPPED,
          r.run().state() == CopyRunState.FAILED)).orElse(Together.UNKNOWN);
      if (t == Together.FAILED && failure == null) {
        failure = o.get().run().failure();
      }
      together = t.ordinal() < together.ordinal() ? t : together;
      o.ifPresent(runs::add);
    }
    return switch (together) {
      case RUNNING -> JobView.running(jobId, copyProgress(runs));
      case UNKNOWN -> JobView.unknown(jobId);
      case STOPPED -> new JobView(jobId, JobView.JobState.STOPPED, null, null, null, null);
      case FAILED -> JobView.failed(jobId, failure);
      case SUCCEEDED -> s.kind() == JobKind.DELTA_PASS ? JobView.delta(jobId, delta(runs))
          : JobView.copied(jobId, new Progress(1.0, copied(runs), 0, 0));
    };
  }

  private Together state(String id, boolean active, boolean stopped, boolean failed) {
    if (active) {
      return jobs.runsHere(id) ? Together.RUNNING : Together.UNKNOWN;
    }
    return stopped ? Together.STOPPED : failed ? Together.FAILED : Together.SUCCEEDED;
  }

  /** Records the finished steps of the runs wrote to the target, plus what the running steps wrote so far. */
  private static long copied(List<CopyRunService.Observed> runs) {
    long records = 0;
    for (CopyRunService.Observed o : runs) {
      CopyStage live = o.live().map(l -> l.stage()).orElse(null);
      for (PassResult p : o.run().passes()) {
        if (p.stage().copiesRecords() && p.stage() != live) {
          records += p.records();
        }
      }
      if (live != null && live.copiesRecords()) {
        records += o.live().get().progress().records();
      }
    }
    return records;
  }

  private static Progress copyProgress(List<CopyRunService.Observed> runs) {
    double fraction = 0;
    double rate = 0;
    long eta = -1;
    for (CopyRunService.Observed o : runs) {
      fraction += fullCopyFraction(o);
      if (o.live().isPresent()) {
        CopyProgress p = o.live().get().progress();
        rate += p.recordsPerSecond();
        if (p.eta() != null) {
          eta = Math.max(eta, p.eta().toSeconds());
        }
      }
    }
    return new Progress(runs.isEmpty() ? 0 : Math.min(1.0, fraction / runs.size()), copied(runs), rate, eta);
  }

  /** How far a run's full copy is: the scan, or the backup (first half) and the restore (second half). */
  private static double fullCopyFraction(CopyRunService.Observed o) {
    CopyRun run = o.run();
    if (run.state() == CopyRunState.SUCCEEDED || run.completed(CopyStage.FULL) || run.completed(CopyStage.RESTORE)) {
      return 1.0;
    }
    if (o.live().isEmpty()) {
      return run.completed(CopyStage.BACKUP) ? 0.5 : 0;
    }
    double f = o.live().get().progress().fractionDone();
    return switch (o.live().get().stage()) {
      case BACKUP -> f / 2;
      case RESTORE -> 0.5 + f / 2;
      case FULL -> f;
      default -> 1.0;
    };
  }

  /**
   * A finished delta pass: what the catch-up copied and the reconciliation deleted. Namespaces run
   * at once, so the pass took as long as its slowest catch-up (the lag; deletes do not delay writes).
   */
  private static JobView.DeltaPass delta(List<CopyRunService.Observed> runs) {
    long records = 0;
    long deleted = 0;
    long millis = 0;
    for (CopyRunService.Observed o : runs) {
      for (PassResult p : o.run().passes()) {
        if (p.stage() == CopyStage.CATCH_UP) {
          records += p.records();
          millis = Math.max(millis, p.durationMillis());
        } else if (p.stage() == CopyStage.RECONCILE) {
          deleted += p.deleted();
        }
      }
    }
    double rate = millis == 0 ? 0 : records * 1000.0 / millis;
    return new JobView.DeltaPass(records, deleted, millis, rate);
  }

  private JobView observeValidation(String jobId, Started s) {
    Together together = Together.SUCCEEDED;
    Failure failure = null;
    List<ValidationRun> finished = new ArrayList<>();
    for (String id : s.runs()) {
      Optional<ValidationRun> o = jobs.validation(id).map(ValidationRunService.Observed::run);
      Together t = o.map(r -> state(id, r.state().active(), r.state() == ValidationRunState.STOPPED,
          r.state() == ValidationRunState.FAILED)).orElse(Together.UNKNOWN);
      if (t == Together.FAILED && failure == null) {
        failure = o.get().failure();
      }
      together = t.ordinal() < together.ordinal() ? t : together;
      o.filter(r -> r.state() == ValidationRunState.FINISHED).ifPresent(finished::add);
    }
    return switch (together) {
      case RUNNING -> JobView.running(jobId, Progress.NONE);
      case UNKNOWN -> JobView.unknown(jobId);
      case STOPPED -> new JobView(jobId, JobView.JobState.STOPPED, null, null, null, null);
      case FAILED -> JobView.failed(jobId, failure);
      case SUCCEEDED -> evidence(jobId, finished);
    };
  }

  /**
   * The evidence of finished validation runs, named by a stored run (the API's
   * {@code /api/v1/validations/{id}} finds it): the only namespace's run, else the first that did
   * not pass, else the first.
   */
  private JobView evidence(String jobId, List<ValidationRun> runs) {
    if (runs.isEmpty()) {
      return JobView.failed(jobId, Failure.of(FailureReason.NAMESPACE_NOT_FOUND, "the plan's source has no namespace"
          + " to validate", clock.instant()));
    }
    boolean passed = true;
    long source = 0;
    long target = 0;
    long differences = 0;
    String id = null;
    Instant at = null;
    for (ValidationRun run : runs) {
      Optional<ValidationResult> stored = results.run(run.id()).map(ValidationResultStore.StoredRun::result);
      if (stored.isEmpty()) {
        return JobView.failed(jobId, Failure.of(FailureReason.INCOMPLETE, "validation run " + run.id()
            + " finished but its report is not stored", clock.instant()));
      }
      ValidationResult r = stored.get();
      if (r.failure() != null) {
        return JobView.failed(jobId, Failure.of(FailureReason.INCOMPLETE, "validation of " + run.spec().namespace()
            + " (run " + run.id() + "): " + r.failure(), clock.instant()));
      }
      ValidationSummary sum = r.summary();
      boolean ok = r.passedAsEvidence();
      if (id == null || (passed && !ok)) {
        id = run.id();
      }
      passed &= ok;
      source += sum.sourceRecordsCompared();
      target += sum.targetRecordsCompared();
      differences += sum.missing() + sum.extra() + sum.differing() + sum.countMismatches();
      at = at == null || run.finishedAt().isAfter(at) ? run.finishedAt() : at;
    }
    return JobView.validated(jobId, new ValidationRecord(id, passed, at, source, target, differences, 0));
  }

  @Override
  public boolean backupsLeft(Migration m) {
    return backupDirs(m).keySet().stream().anyMatch(java.nio.file.Files::exists);
  }

  @Override
  public void removeBackups(Migration m) {
    for (Map.Entry<Path, String> e : backupDirs(m).entrySet()) {
      Path dir = e.getKey();
      if (!java.nio.file.Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (jobs.runsHere(e.getValue())) {
        LOG.infof("migration %s: backup directory %s is still in use by copy run %s; removed later", m.id(), dir,
            e.getValue());
        continue;
      }
      try {
        BackupDirectories.remove(dir);
        LOG.infof("migration %s is %s: removed the backup directory %s of copy run %s", m.id(), m.phase(), dir,
            e.getValue());
      } catch (java.io.IOException | RuntimeException ex) {
        LOG.warnf("migration %s: cannot remove the backup directory %s (%s); trying again at the next step", m.id(),
            dir, ex.getMessage());
      }
    }
  }

  /**
   * The backup directories the BACKUP_RESTORE runs of {@code m} were given (to the run that used
   * each): only those under this adapter's backup directory, never that directory itself.
   */
  private Map<Path, String> backupDirs(Migration m) {
    Path base = backups.toAbsolutePath().normalize();
    Map<Path, String> out = new java.util.LinkedHashMap<>();
    for (CopyRun run : jobs.copiesOf(m.id())) {
      if (run.spec().backup() == null) {
        continue;
      }
      Path dir = Path.of(run.spec().backup().dir()).toAbsolutePath().normalize();
      if (dir.startsWith(base) && !dir.equals(base)) {
        out.put(dir, run.id());
      }
    }
    return out;
  }

  @Override
  public Set<String> running() {
    Set<String> out = new HashSet<>(cutover.running());
    for (Started s : started.values()) {
      if (s.runs().stream().anyMatch(jobs::runsHere)) {
        out.add(s.migration());
      }
    }
    return out;
  }

  /** Stops this runner's work without ending its runs: whoever next leases their migrations resumes them. */
  @Override
  public void close() {
    try {
      jobs.close();
    } finally {
      cutover.close();
    }
  }
}

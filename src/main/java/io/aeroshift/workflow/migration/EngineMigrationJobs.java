package io.aeroshift.workflow.migration;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.discovery.AerospikeClients;
import io.aeroshift.discovery.ConnectionSpec;
import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.transfer.AerospikeRecordSink;
import io.aeroshift.transfer.AerospikeRecordSource;
import io.aeroshift.transfer.CheckpointStore;
import io.aeroshift.transfer.CopyEngine;
import io.aeroshift.transfer.CopyProgress;
import io.aeroshift.transfer.PassSummary;
import io.aeroshift.transfer.TransferPolicies;
import io.aeroshift.transfer.TransferSettings;
import io.aeroshift.transfer.WriteMode;
import io.aeroshift.validation.AerospikeValidator;
import io.aeroshift.validation.ValidationEngine;
import io.aeroshift.validation.ValidationResult;
import io.aeroshift.validation.ValidationResultStore;
import io.aeroshift.validation.ValidationSuite;
import io.aeroshift.validation.ValidationSummary;
import io.aeroshift.workflow.machine.JobKind;
import io.aeroshift.workflow.machine.JobView;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.Progress;
import io.aeroshift.workflow.machine.ValidationRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * {@link MigrationJobs} over the engines that exist: the copy engine (full copy, catch-up and
 * delete reconciliation, checkpointed per partition under {@code <migration>/<namespace>} so a
 * job started again after a restart resumes where it stopped) and the validator with the plan's
 * suite. Jobs run on threads of this process and are known to it only; the cutover steps are
 * {@link CutoverSteps}' (without them they fail with {@link FailureReason#NOT_IMPLEMENTED}).
 */
public final class EngineMigrationJobs implements MigrationJobs {
  private static final Logger LOG = Logger.getLogger(EngineMigrationJobs.class);

  /** The namespaces a plan's source serves (from its latest discovery). */
  public interface Namespaces extends Function<MigrationPlan, List<String>> {}

  private final Function<MigrationPlan, ConnectionSpec> source;
  private final BiFunction<Migration, MigrationPlan, ConnectionSpec> target;
  private final Namespaces namespaces;
  private final CheckpointStore checkpoints;
  private final ValidationResultStore validations;
  private final Function<String, ValidationSuite> suites;
  private final TransferSettings settings;
  private final Clock clock;
  private final CutoverSteps cutover;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "migration-job");
    t.setDaemon(true);
    return t;
  });

  public EngineMigrationJobs(Function<MigrationPlan, ConnectionSpec> source,
      BiFunction<Migration, MigrationPlan, ConnectionSpec> target, Namespaces namespaces, CheckpointStore checkpoints,
      ValidationResultStore validations, Function<String, ValidationSuite> suites, TransferSettings settings,
      Clock clock) {
    this(source, target, namespaces, checkpoints, validations, suites, settings, clock, null);
  }

  /** @param cutover the cutover steps' executor, null when the cutover steps are not available here */
  public EngineMigrationJobs(Function<MigrationPlan, ConnectionSpec> source,
      BiFunction<Migration, MigrationPlan, ConnectionSpec> target, Namespaces namespaces, CheckpointStore checkpoints,
      ValidationResultStore validations, Function<String, ValidationSuite> suites, TransferSettings settings,
      Clock clock, CutoverSteps cutover) {
    this.cutover = cutover;
    this.source = source;
    this.target = target;
    this.namespaces = namespaces;
    this.checkpoints = checkpoints;
    this.validations = validations;
    this.suites = suites;
    this.settings = settings;
    this.clock = clock;
  }

  /** One job of this process. */
  private final class Job {
    final String id;
    final String migrationId;
    final List<CopyEngine> engines = new CopyOnWriteArrayList<>();
    volatile boolean stopped;
    volatile JobView result;
    volatile long baseRecords;
    volatile int spaces;
    volatile int finishedSpaces;

    Job(String id, String migrationId) {
      this.id = id;
      this.migrationId = migrationId;
    }

    JobView view() {
      JobView r = result;
      if (r != null) {
        return r;
      }
      if (stopped) {
        return new JobView(id, JobView.JobState.STOPPED, null, null, null, null);
      }
      long records = baseRecords;
      double current = 0;
      double rate = 0;
      long eta = -1;
      for (CopyEngine e : engines) {
        CopyProgress p = e.progress().orElse(null);
        if (p != null) {
          records += p.records();
          current = p.fractionDone();
          rate += p.recordsPerSecond();
          eta = p.eta() == null ? -1 : p.eta().toSeconds();
        }
      }
      double fraction = spaces == 0 ? 0 : Math.min(1.0, (finishedSpaces + current) / spaces);
      return JobView.running(id, new Progress(fraction, records, rate, eta));
    }
  }

  @Override
  public synchronized void startCopy(Migration m, MigrationPlan plan, String jobId, JobKind kind,
      long recordsPerSecond, long bytesPerSecond) {
    Job job = fresh(jobId, m.id());
    if (job == null) {
      return;
    }
    threads.submit(() -> runCopy(job, m, plan, kind, recordsPerSecond, bytesPerSecond));
  }

  @Override
  public synchronized void startValidation(Migration m, MigrationPlan plan, String jobId) {
    Job job = fresh(jobId, m.id());
    if (job == null) {
      return;
    }
    threads.submit(() -> runValidation(job, m, plan));
  }

  @Override
  public synchronized void startCutoverStep(Migration m, MigrationPlan plan, String jobId, JobKind kind) {
    if (cutover != null) {
      cutover.start(m, plan, jobId, kind);
      return;
    }
    Job job = fresh(jobId, m.id());
    if (job == null) {
      return;
    }
    // The cutover issue (14) writes these executors; until then the step fails, typed, and says so.
    job.result = JobView.failed(jobId, Failure.of(FailureReason.NOT_IMPLEMENTED, kind + " executor is not built yet"
        + " (cutover issue); nothing was changed", clock.instant()));
  }

  /** A new job for the id, or null when one runs (or finished) here already. */
  private Job fresh(String jobId, String migrationId) {
    Job existing = jobs.get(jobId);
    if (existing != null && !existing.stopped) {
      return null;
    }
    Job job = new Job(jobId, migrationId);
    jobs.put(jobId, job);
    return job;
  }

  @Override
  public void stop(String jobId) {
    if (cutover != null) {
      cutover.stop(jobId);
    }
    Job job = jobs.get(jobId);
    if (job != null && job.result == null) {
      job.stopped = true;
      job.engines.forEach(CopyEngine::stop);
    }
  }

  @Override
  public JobView observe(String jobId) {
    if (cutover != null && cutover.knows(jobId)) {
      return cutover.observe(jobId);
    }
    Job job = jobs.get(jobId);
    return job == null ? JobView.unknown(jobId) : job.view();
  }

  @Override
  public Set<String> running() {
    Set<String> out = ConcurrentHashMap.newKeySet();
    jobs.values().stream().filter(j -> j.result == null && !j.stopped).forEach(j -> out.add(j.migrationId));
    if (cutover != null) {
      out.addAll(cutover.running());
    }
    return out;
  }

  @Override
  public void close() {
    if (cutover != null) {
      cutover.close();
    }
    for (Job j : jobs.values()) {
      j.stopped = true;
      j.engines.forEach(CopyEngine::stop);
    }
    threads.shutdownNow();
    try {
      threads.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    jobs.clear();
  }

  // ---------- copy ----------

  private void runCopy(Job job, Migration m, MigrationPlan plan, JobKind kind, long rps, long bps) {
    Instant started = clock.instant();
    long records = 0;
    long deleted = 0;
    long copyMillis = 0;
    try (IAerospikeClient src = connect("source", source.apply(plan), FailureReason.SOURCE_UNREACHABLE);
        IAerospikeClient dst = connect("target", target.apply(m, plan), FailureReason.TARGET_UNREACHABLE)) {
      TransferSettings s = settings.withRecordsPerSecond(rps).withBytesPerSecond(bps);
      TransferPolicies policies = new TransferPolicies(s);
      List<String> spaces = namespaces.apply(plan);
      job.spaces = spaces.size();
      for (String ns : spaces) {
        CopyEngine engine = new CopyEngine(m.id() + "/" + ns, new AerospikeRecordSource(src, policies),
            new AerospikeRecordSource(dst, policies), new AerospikeRecordSink(dst, policies, clock), checkpoints, s,
            clock);
        job.engines.add(engine);
        if (job.stopped) {
          engine.stop();
          return;
        }
        // one pass after the other: a reconcile after an unfinished catch-up would hide it from the next one
        PassSummary first = kind == JobKind.FULL_COPY ? engine.fullCopy(ns, null, 0)
            : engine.catchUp(ns, null, WriteMode.replace(), 0);
        if (!passed(job, kind, ns, first)) {
          return;
        }
        records += first.records();
        copyMillis += first.duration().toMillis();
        if (kind == JobKind.DELTA_PASS) {
          PassSummary reconcile = engine.reconcile(ns, null, WriteMode.replace());
          if (!passed(job, kind, ns, reconcile)) {
            return;
          }
          deleted += reconcile.deleted();
        }
        job.engines.remove(engine);
        job.baseRecords = records;
        job.finishedSpaces++;
      }
      long millis = Duration.between(started, clock.instant()).toMillis();
      if (kind == JobKind.FULL_COPY) {
        job.result = JobView.copied(job.id, new Progress(1.0, records, 0, 0));
      } else {
        // the lag is what the catch-up passes took; the delete reconciliation does not delay writes
        double rate = copyMillis == 0 ? 0 : records * 1000.0 / copyMillis;
        job.result = JobView.delta(job.id, new JobView.DeltaPass(records, deleted, copyMillis, rate));
      }
      LOG.infof("migration %s: %s %s done: %d records, %d deleted", m.id(), kind, job.id, records, deleted);
    } catch (JobFailure e) {
      job.result = JobView.failed(job.id, e.failure);
    } catch (RuntimeException e) {
      if (!job.stopped) {
        LOG.errorf(e, "migration %s: job %s failed", m.id(), job.id);
        job.result = JobView.failed(job.id, Failure.of(FailureReason.INTERNAL, String.valueOf(e.getMessage()),
            clock.instant()));
      }
    }
  }

  /** False (and the job ended) when the pass was stopped or left partitions undone. */
  private boolean passed(Job job, JobKind kind, String ns, PassSummary p) {
    if (job.stopped) {
      return false;
    }
    if (!p.complete()) {
      job.result = JobView.failed(job.id, Failure.of(FailureReason.INCOMPLETE, kind + " of " + ns + " pass "
          + p.pass() + ": " + p.failures().size() + " partition(s) failed, first: "
          + (p.failures().isEmpty() ? "stopped" : p.failures().values().iterator().next()), clock.instant()));
      return false;
    }
    return true;
  }

  // ---------- validation ----------

  private void runValidation(Job job, Migration m, MigrationPlan plan) {
    ConnectionSpec s = source.apply(plan);
    ConnectionSpec t = target.apply(m, plan);
    ValidationSuite suite = suites.apply(plan.validation().suite());
    AerospikeValidator.Settings d = AerospikeValidator.Settings.defaults();
    AerospikeValidator.Settings vs = new AerospikeValidator.Settings(d.parallelPartitions(), d.socketTimeoutMillis(),
        null);
    boolean passed = true;
    long src = 0;
    long dst = 0;
    long diffs = 0;
    try (AerospikeValidator validator = AerospikeValidator.connect(List.of(AerospikeClients.hosts(s)),
        AerospikeClients.policy(s), List.of(AerospikeClients.hosts(t)),
        AerospikeClients.policy(t), suite, vs, validations, m.id())) {
      for (String ns : namespaces.apply(plan)) {
        if (job.stopped) {
          return;
        }
        // a run id per start: a validation started again after a restart is a new run
        ValidationResult r = validator.validate(java.util.UUID.randomUUID().toString(), ns, clock.instant(),
            ValidationEngine.allPartitions());
        if (r.summary().pendingRecheckPartitions() > 0) {
          r = validator.recheck(r, catchUpBeforeRecheck(job, m, plan, ns));
        }
        ValidationSummary sum = r.summary();
        passed &= r.passedAsEvidence();
        src += sum.sourceRecordsCompared();
        dst += sum.targetRecordsCompared();
        diffs += sum.missing() + sum.extra() + sum.differing() + sum.countMismatches();
        if (r.failure() != null) {
          job.result = JobView.failed(job.id, Failure.of(FailureReason.INCOMPLETE, "validation of " + ns + ": "
              + r.failure(), clock.instant()));
          return;
        }
      }
      job.result = JobView.validated(job.id, new ValidationRecord(job.id, passed, clock.instant(), src, dst, diffs,
          0));
      LOG.infof("migration %s: validation %s %s: %d/%d records, %d difference(s)", m.id(), job.id,
          passed ? "passed" : "FAILED", src, dst, diffs);
    } catch (RuntimeException e) {
      if (!job.stopped) {
        LOG.errorf(e, "migration %s: validation %s could not run", m.id(), job.id);
        job.result = JobView.failed(job.id, Failure.of(FailureReason.TARGET_UNREACHABLE, "validation could not run: "
            + e.getMessage(), clock.instant()));
      }
    }
  }

  // ---------- clients ----------

  /**
   * The catch-up pass (and delete reconciliation) a differing partition waits for before its
   * re-check (docs/validation.md): records clients wrote between the last delta pass and the
   * validation's cut-off are on the target then, so live writers do not fail the validation.
   * Before the switch only: after it, passes belong to the cutover's after-switch rules. Returns
   * the re-check's cut-off: the pass's start (what was written before it, the pass copied; what
   * was written since is left out as changed after the cut-off), or now when no pass ran.
   */
  private Instant catchUpBeforeRecheck(Job job, Migration m, MigrationPlan plan, String ns) {
    if (m.switchedAt() != null || job.stopped) {
      return clock.instant();
    }
    Instant passStart = clock.instant();
    try (IAerospikeClient src = connect("source", source.apply(plan), FailureReason.SOURCE_UNREACHABLE);
        IAerospikeClient dst = connect("target", target.apply(m, plan), FailureReason.TARGET_UNREACHABLE)) {
      TransferPolicies policies = new TransferPolicies(settings);
      CopyEngine engine = new CopyEngine(m.id() + "/" + ns, new AerospikeRecordSource(src, policies),
          new AerospikeRecordSource(dst, policies), new AerospikeRecordSink(dst, policies, clock), checkpoints,
          settings, clock);
      job.engines.add(engine);
      try {
        PassSummary p = engine.catchUp(ns, null, WriteMode.replace(), 0);
        if (p.complete() && !job.stopped) {
          engine.reconcile(ns, null, WriteMode.replace());
          return passStart;
        }
      } finally {
        job.engines.remove(engine);
      }
    } catch (JobFailure e) {
      // unreachable now: the re-check reads both sides again and reports what it cannot read
      LOG.warnf("migration %s: catch-up before the re-check of %s not done: %s", m.id(), ns, e.getMessage());
    }
    return clock.instant();
  }

  private static final class JobFailure extends RuntimeException {
    final Failure failure;

    JobFailure(Failure failure) {
      super(failure.describe());
      this.failure = failure;
    }
  }

  private IAerospikeClient connect(String side, ConnectionSpec spec, FailureReason reason) {
    try {
      return AerospikeClients.connect(spec, settings.maxScans() + settings.writeConcurrency() + 4);
    } catch (RuntimeException e) {
      throw new JobFailure(Failure.of(reason, "cannot connect to the " + side + " " + spec.seeds() + ": "
          + e.getMessage(), clock.instant()));
    }
  }
}

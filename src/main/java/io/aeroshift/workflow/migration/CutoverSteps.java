package io.aeroshift.workflow.migration;

import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.policy.Policy;
import io.aeroshift.cutover.ClientSwitch;
import io.aeroshift.cutover.ClientSwitchException;
import io.aeroshift.cutover.Cutover;
import io.aeroshift.cutover.CutoverReport;
import io.aeroshift.cutover.DeltaScope;
import io.aeroshift.cutover.Drain;
import io.aeroshift.cutover.DrainFailedException;
import io.aeroshift.cutover.DrainResult;
import io.aeroshift.cutover.LagCheckFailedException;
import io.aeroshift.cutover.ManualSwitch;
import io.aeroshift.cutover.ResidualWriter;
import io.aeroshift.cutover.ReverseScope;
import io.aeroshift.cutover.Rollback;
import io.aeroshift.cutover.RollbackReport;
import io.aeroshift.cutover.SeedListSwitch;
import io.aeroshift.cutover.SourceActivityProbe;
import io.aeroshift.cutover.SwitchReceipt;
import io.aeroshift.cutover.SwitchRequest;
import io.aeroshift.cutover.WebhookSwitch;
import io.aeroshift.discovery.AerospikeClients;
import io.aeroshift.discovery.ConnectionSpec;
import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.planning.CutoverMethod;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.transfer.AerospikeRecordSink;
import io.aeroshift.transfer.AerospikeRecordSource;
import io.aeroshift.transfer.CheckpointStore;
import io.aeroshift.transfer.CopyEngine;
import io.aeroshift.transfer.TransferPolicies;
import io.aeroshift.transfer.TransferSettings;
import io.aeroshift.transfer.WriteMode;
import io.aeroshift.validation.AerospikeValidator;
import io.aeroshift.validation.PartitionResult;
import io.aeroshift.validation.RecordFinding;
import io.aeroshift.validation.ValidationEngine;
import io.aeroshift.validation.ValidationResult;
import io.aeroshift.validation.ValidationResultStore;
import io.aeroshift.validation.ValidationSuite;
import io.aeroshift.validation.ValidationSummary;
import io.aeroshift.workflow.machine.CutoverBlocker;
import io.aeroshift.workflow.machine.JobKind;
import io.aeroshift.workflow.machine.JobView;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.ValidationRecord;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The cutover's jobs as the reconciler starts and observes them: {@code CLIENT_SWITCH} (final
 * delta passes with writes flowing, the lag check, the switch by the plan's method),
 * {@code DRAIN} (the drain, then the final validation with client writes on the target after the
 * switch counted apart) and {@code ROLLBACK} (last forward pass, switch back, copy back, validation).
 *
 * <p>Every job reads its instants from the stored migration, never from the clock: the switch
 * instant ({@link Migration#switchedAt}) and the switch-back instant were saved by the phase
 * machine before the job was started, so a job started again after a restart uses the same
 * instants, restarts no workload twice (the rollout annotation is the instant) and never copies
 * with pre-switch rules. Engines use the forward copy's checkpoint ids ({@code <migration>/<ns>}),
 * so the drain continues the catch-up chain of the copy.
 */
public final class CutoverSteps implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CutoverSteps.class);

  /**
   * The service's cutover limits (plans set the lag and the quiet period).
   *
   * @param switchTimeout how long one switch may take (rollouts, webhook retries, a manual confirmation)
   * @param finalDeltaPasses final delta passes tried before the lag check fails ({@code STALLED})
   * @param drainMaxDuration the longest a drain waits for the source to go quiet ({@code DEADLINE_EXCEEDED})
   * @param drainPause the pause between two drain rounds
   * @param maxIncompletePasses drain rounds in a row with failed partitions before it fails ({@code INCOMPLETE})
   * @param webhookAttemptTimeout one webhook call's timeout
   */
  public record Settings(Duration switchTimeout, int finalDeltaPasses, Duration drainMaxDuration, Duration drainPause,
      int maxIncompletePasses, Duration webhookAttemptTimeout) {}

  private final Function<MigrationPlan, ConnectionSpec> source;
  private final BiFunction<Migration, MigrationPlan, ConnectionSpec> target;
  private final Function<MigrationPlan, List<String>> namespaces;
  private final CheckpointStore checkpoints;
  private final ValidationResultStore validations;
  private final Function<String, ValidationSuite> suites;
  private final TransferSettings transfer;
  private final KubernetesClient kubernetes;
  private final Function<String, Optional<Migration>> migrations;
  private final Settings settings;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<String, Step> steps = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "cutover-step");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param migrations the stored migration by id (the manual method reads the engineer's
   *     {@code confirm-switch} from it)
   */
  public CutoverSteps(Function<MigrationPlan, ConnectionSpec> source,
      BiFunction<Migration, MigrationPlan, ConnectionSpec> target, Function<MigrationPlan, List<String>> namespaces,
      CheckpointStore checkpoints, ValidationResultStore validations, Function<String, ValidationSuite> suites,
      TransferSettings transfer, KubernetesClient kubernetes, Function<String, Optional<Migration>> migrations,
      Settings settings, Clock clock) {
    this.source = source;
    this.target = target;
    this.namespaces = namespaces;
    this.checkpoints = checkpoints;
    this.validations = validations;
    this.suites = suites;
    this.transfer = transfer;
    this.kubernetes = kubernetes;
    this.migrations = migrations;
    this.settings = settings;
    this.clock = clock;
  }

  /** One step running (or finished) in this process. */
  private static final class Step {
    final String id;
    final String migrationId;
    final List<CopyEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile Cutover cutover;
    volatile Future<?> thread;
    volatile boolean stopped;
    volatile List<CutoverBlocker> blockers = List.of();
    volatile JobView result;
    final List<IAerospikeClient> ownSourceClients;

    Step(String id, String migrationId, List<IAerospikeClient> ownSourceClients) {
      this.id = id;
      this.migrationId = migrationId;
      this.ownSourceClients = List.copyOf(ownSourceClients);
    }

    JobView view() {
      JobView r = result;
      if (r != null) {
        return r;
      }
      if (stopped) {
        return new JobView(id, JobView.JobState.STOPPED, null, null, null, null);
      }
      return JobView.cutoverRunning(id, blockers);
    }
  }

  /** Starts the step unless it runs (or finished) here already. */
  public synchronized void start(Migration m, MigrationPlan plan, String jobId, JobKind kind) {
    start(m, plan, jobId, kind, List.of());
  }

  /**
   * @param ownSourceClients other clients this service holds to the source meanwhile (an XDR
   *     plan's copy ships until after the drain): their connections are not residual writers
   */
  public synchronized void start(Migration m, MigrationPlan plan, String jobId, JobKind kind,
      List<IAerospikeClient> ownSourceClients) {
    Step existing = steps.get(jobId);
    if (existing != null && !existing.stopped) {
      return;
    }
    Step step = new Step(jobId, m.id(), ownSourceClients);
    steps.put(jobId, step);
    step.thread = threads.submit(() -> run(step, m, plan, kind));
  }

  /** True when this process knows the job. */
  public boolean knows(String jobId) {
    return steps.containsKey(jobId);
  }

  public JobView observe(String jobId) {
    Step s = steps.get(jobId);
    return s == null ? JobView.unknown(jobId) : s.view();
  }

  public void stop(String jobId) {
    Step s = steps.get(jobId);
    if (s != null && s.result == null) {
      halt(s);
    }
  }

  public Set<String> running() {
    Set<String> out = ConcurrentHashMap.newKeySet();
    steps.values().stream().filter(s -> s.result == null && !s.stopped).forEach(s -> out.add(s.migrationId));
    return out;
  }

  @Override
  public void close() {
    steps.values().forEach(this::halt);
    threads.shutdownNow();
    try {
      threads.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    steps.clear();
  }

  private void halt(Step s) {
    s.stopped = true;
    Cutover c = s.cutover;
    if (c != null) {
      c.stop();
    }
    s.engines.forEach(CopyEngine::stop);
    Future<?> f = s.thread;
    if (f != null) {
      f.cancel(true); // a manual switch waiting for its confirmation, a webhook's backoff
    }
  }

  private void run(Step step, Migration m, MigrationPlan plan, JobKind kind) {
    try {
      step.result = switch (kind) {
        case CLIENT_SWITCH -> switchClients(step, m, plan);
        case DRAIN -> drain(step, m, plan);
        case ROLLBACK -> rollBack(step, m, plan);
        default -> throw new IllegalArgumentException(kind + " is not a cutover step");
      };
    } catch (StepFailure e) {
      step.result = stoppedOr(step, e.failure);
    } catch (ClientSwitchException e) {
      step.result = stoppedOr(step, e.failure());
    } catch (LagCheckFailedException e) {
      step.result = stoppedOr(step, e.failure());
    } catch (DrainFailedException e) {
      step.result = stoppedOr(step, e.failure());
    } catch (RuntimeException e) {
      if (!step.stopped) {
        LOG.errorf(e, "migration %s: %s %s failed", m.id(), kind, step.id);
        step.result = JobView.failed(step.id, Failure.of(FailureReason.INTERNAL, String.valueOf(e.getMessage()),
            clock.instant()));
      }
    }
    if (step.result != null && step.result.failure() != null) {
      LOG.warnf("migration %s: %s %s failed: %s", m.id(), kind, step.id, step.result.failure().describe());
    }
  }

  /** A stopped step ends STOPPED (it is started again), never FAILED. */
  private JobView stoppedOr(Step step, Failure failure) {
    return step.stopped ? null : JobView.failed(step.id, failure);
  }

  // ---------- client switch ----------

  private JobView switchClients(Step step, Migration m, MigrationPlan plan) {
    Instant switchAt = required(m.switchedAt(), "the switch instant");
    try (IAerospikeClient src = connect("source", source.apply(plan), FailureReason.SOURCE_UNREACHABLE);
        IAerospikeClient dst = connect("target", target.apply(m, plan), FailureReason.TARGET_UNREACHABLE)) {
      Cutover cutover = cutover(step, m, plan, src, dst);
      // the switch instant is stored already, so even these passes use its rules: no client is on
      // the target yet, so they replace what the engine wrote and nothing else
      Duration lag = cutover.finalDelta(WriteMode.afterSwitch(switchAt));
      LOG.infof("migration %s: final delta pass took %d ms; switching clients (%s) with instant %s", m.id(),
          lag.toMillis(), plan.cutover().method().yamlName(), switchAt);
      checkStopped(step);
      SwitchReceipt receipt = cutover.switchClients(switchAt, sourceSeeds(plan), m.targetEndpoints());
      LOG.infof("migration %s: clients switched: %s", m.id(), receipt.detail());
      return JobView.cutoverDone(step.id, new JobView.CutoverStep(List.of(), null, null, null, receipt));
    }
  }

  // ---------- drain and final validation ----------

  private JobView drain(Step step, Migration m, MigrationPlan plan) {
    Instant switchAt = required(m.switchedAt(), "the switch instant");
    DrainResult drained;
    try (IAerospikeClient src = connect("source", source.apply(plan), FailureReason.SOURCE_UNREACHABLE);
        IAerospikeClient dst = connect("target", target.apply(m, plan), FailureReason.TARGET_UNREACHABLE)) {
      Cutover cutover = cutover(step, m, plan, src, dst);
      step.cutover = cutover;
      checkStopped(step);
      drained = cutover.drain(switchAt, new Drain.Listener() {
        @Override
        public void blockers(List<ResidualWriter> writers, Instant quietSince) {
          step.blockers = writers.stream().map(w -> new CutoverBlocker("RESIDUAL_WRITER", w.describe())).toList();
        }
      });
      step.blockers = List.of();
      checkStopped(step);
      Validated v = validate(step, m, plan, switchAt, true);
      SwitchReceipt receipt = m.cutover().switched() != null ? m.cutover().switched()
          : new SwitchReceipt(plan.cutover().method().yamlName(), switchAt, "switched before this process started");
      CutoverReport report = cutover.report(switchAt, receipt, drained, v.record().id())
          .withFinalValidation(v.record().id(), v.expected());
      LOG.infof("migration %s: drained %d record(s), %d conflict(s) left alone; final validation %s: %d unexpected"
          + " difference(s), %d client write(s) on the target after the switch", m.id(), drained.recordsDrained(),
          drained.conflicts(), v.record().id(), v.record().differences(), v.expected());
      return JobView.cutoverDone(step.id, new JobView.CutoverStep(List.of(), report, v.record(), null, null));
    }
  }

  // ---------- rollback ----------

  private JobView rollBack(Step step, Migration m, MigrationPlan plan) {
    Instant switchAt = required(m.switchedAt(), "the switch instant");
    Instant switchBackAt = required(m.cutover().switchBackAt(), "the switch-back instant");
    RollbackReport report;
    try (IAerospikeClient src = connect("source", source.apply(plan), FailureReason.SOURCE_UNREACHABLE);
        IAerospikeClient dst = connect("target", target.apply(m, plan), FailureReason.TARGET_UNREACHABLE)) {
      List<ReverseScope> reverse = new ArrayList<>();
      TransferPolicies policies = new TransferPolicies(transfer);
      for (String ns : namespaces.apply(plan)) {
        String id = ReverseScope.reverseIdOf(m.id()) + "/" + ns;
        CopyEngine e = new CopyEngine(id, new AerospikeRecordSource(dst, policies),
            new AerospikeRecordSource(src, policies), new AerospikeRecordSink(src, policies, clock), checkpoints,
            transfer, clock);
        step.engines.add(e);
        reverse.add(new ReverseScope(e, checkpoints, id, ns, null));
      }
      Rollback rollback = new Rollback(m.id(), forwardScopes(step, m, plan, src, dst), reverse,
          clientSwitch(m, plan), settings.switchTimeout(), clock);
      checkStopped(step);
      rollback.lastForward(switchAt);
      checkStopped(step);
      SwitchReceipt receipt = rollback.switchBack(switchBackAt, sourceSeeds(plan), m.targetEndpoints());
      LOG.infof("migration %s: clients switched back: %s", m.id(), receipt.detail());
      checkStopped(step);
      report = rollback.copyBack(switchAt, switchBackAt, receipt);
    }
    checkStopped(step);
    // what clients wrote on the source since the switch back is the expected difference now
    Validated v = validate(step, m, plan, switchBackAt, false);
    LOG.infof("migration %s: rolled back: %d record(s) copied back, %d conflict(s) left alone; validation %s: %d"
        + " unexpected difference(s)", m.id(), report.recordsCopiedBack(), report.conflictsLeftAlone(),
        v.record().id(), v.record().differences());
    return JobView.cutoverDone(step.id, new JobView.CutoverStep(List.of(), null, null,
        report.withFinalValidation(v.record().id()), null));
  }

  // ---------- pieces ----------

  private Cutover cutover(Step step, Migration m, MigrationPlan plan, IAerospikeClient src, IAerospikeClient dst) {
    MigrationPlan.CutoverSpec c = plan.cutover();
    Drain.Settings drain = new Drain.Settings(Duration.ofSeconds(c.drainQuietPeriodSeconds()),
        settings.drainMaxDuration(), settings.drainPause(), settings.maxIncompletePasses());
    Cutover.Settings s = new Cutover.Settings(Duration.ofSeconds(c.maxLagSeconds()), settings.finalDeltaPasses(),
        settings.switchTimeout(), drain);
    return new Cutover(m.id(), forwardScopes(step, m, plan, src, dst), clientSwitch(m, plan),
        new SourceActivityProbe(src, step.ownSourceClients, clock), s, clock);
  }

  /**
   * The forward copy's engines, under the copy's checkpoint ids so their catch-up chain goes on.
   * None for an XDR plan: its XDR copy ships every source change until the workflow tears it down
   * after the drain (no scan pass has run to catch up from), and its readiness gate already held
   * the cutover until the replication's lag was within {@code cutover.maxLagSeconds}.
   */
  private List<DeltaScope> forwardScopes(Step step, Migration m, MigrationPlan plan, IAerospikeClient src,
      IAerospikeClient dst) {
    if (plan.copy() != null && plan.copy().mode() == io.aeroshift.planning.CopyMode.XDR) {
      return List.of();
    }
    TransferPolicies policies = new TransferPolicies(transfer);
    List<DeltaScope> out = new ArrayList<>();
    for (String ns : namespaces.apply(plan)) {
      CopyEngine e = new CopyEngine(m.id() + "/" + ns, new AerospikeRecordSource(src, policies),
          new AerospikeRecordSource(dst, policies), new AerospikeRecordSink(dst, policies, clock), checkpoints,
          transfer, clock);
      step.engines.add(e);
      out.add(new DeltaScope(e, ns, null));
    }
    return out;
  }

  /** The plan's switch method. */
  ClientSwitch clientSwitch(Migration m, MigrationPlan plan) {
    MigrationPlan.CutoverSpec c = plan.cutover();
    CutoverMethod method = c.method();
    return switch (method) {
      case CONFIGMAP, SECRET -> {
        MigrationPlan.ConfigMapSwitch s = c.seedList();
        String ns = s.namespace() != null ? s.namespace() : plan.target().kubernetesNamespace();
        yield new SeedListSwitch(kubernetes, method == CutoverMethod.SECRET ? SeedListSwitch.Store.SECRET
            : SeedListSwitch.Store.CONFIGMAP, ns, s.name(), s.key(), s.restart(), clock);
      }
      case WEBHOOK -> new WebhookSwitch(http, URI.create(c.webhook().url()), settings.webhookAttemptTimeout(),
          Duration.ofMillis(500), Duration.ofSeconds(30), clock);
      case MANUAL -> new ManualSwitch(this::confirmed, clock);
    };
  }

  /** The engineer's {@code confirm-switch} for this direction, as stored with the migration. */
  private boolean confirmed(String migrationId, SwitchRequest.Direction direction) {
    return migrations.apply(migrationId).map(m -> direction == SwitchRequest.Direction.TO_TARGET
        ? m.cutover().switchConfirmedBy() != null : m.cutover().switchBackConfirmedBy() != null).orElse(false);
  }

  private List<String> sourceSeeds(MigrationPlan plan) {
    return source.apply(plan).seeds();
  }

  /** A validation's record and the differences it counted apart as expected. */
  private record Validated(ValidationRecord record, long expected) {}

  /**
   * Validates every namespace and sorts the differences: on records one side wrote at or after
   * {@code since} (the target after the switch; the source after the switch back) they are client
   * writes, expected and counted apart; every other difference, and every difference the result
   * does not list (its lists are capped), counts against the validation.
   */
  private Validated validate(Step step, Migration m, MigrationPlan plan, Instant since, boolean targetNewer) {
    ConnectionSpec s = source.apply(plan);
    ConnectionSpec t = target.apply(m, plan);
    ValidationSuite suite = suites.apply(plan.validation().suite());
    AerospikeValidator.Settings d = AerospikeValidator.Settings.defaults();
    AerospikeValidator.Settings vs = new AerospikeValidator.Settings(d.parallelPartitions(), d.socketTimeoutMillis(),
        null);
    String firstId = null;
    boolean complete = true;
    long src = 0, dst = 0, unexpected = 0, expected = 0;
    long sinceNanos = WriteMode.afterSwitch(since).switchNanos();
    try (AerospikeValidator validator = AerospikeValidator.connect(List.of(AerospikeClients.hosts(s)),
        AerospikeClients.policy(s), List.of(AerospikeClients.hosts(t)), AerospikeClients.policy(t), suite, vs,
        // stored as the migration's other validations are (source->migration): the source's team reads them
        validations, plan.source().cluster() + "->" + m.id());
        IAerospikeClient newer = connect(targetNewer ? "target" : "source", targetNewer ? t : s,
            targetNewer ? FailureReason.TARGET_UNREACHABLE : FailureReason.SOURCE_UNREACHABLE)) {
      for (String ns : namespaces.apply(plan)) {
        checkStopped(step);
        String runId = UUID.randomUUID().toString();
        firstId = firstId == null ? runId : firstId;
        ValidationResult r = validator.validate(runId, ns, clock.instant(), ValidationEngine.allPartitions());
        if (r.summary().pendingRecheckPartitions() > 0) {
          r = validator.recheck(r, clock.instant());
        }
        if (r.failure() != null) {
          throw new StepFailure(Failure.of(FailureReason.INCOMPLETE, "validation of " + ns + ": " + r.failure(),
              clock.instant()));
        }
        ValidationSummary sum = r.summary();
        complete &= sum.unvalidatedPartitions() == 0;
        src += sum.sourceRecordsCompared();
        dst += sum.targetRecordsCompared();
        for (PartitionResult p : r.partitions()) {
          long differences = p.missing() + p.extra() + p.differing();
          List<RecordFinding> listed = p.findings();
          if (differences > listed.size()) {
            unexpected += differences - listed.size();
            LOG.warnf("migration %s: validation %s: %d difference(s) of partition %d not listed, counted as unexpected",
                m.id(), runId, differences - listed.size(), p.partitionId());
          }
          for (RecordFinding f : listed) {
            if (clientWrite(newer, ns, f, sinceNanos, targetNewer)) {
              expected++;
            } else {
              unexpected++;
              LOG.warnf("migration %s: validation %s: unexpected %s of %s/%s digest %s (partition %d)", m.id(), runId,
                  f.kind(), ns, f.set(), f.digest(), p.partitionId());
            }
          }
        }
        if (r.partitions().isEmpty()) {
          unexpected += sum.countMismatches();
        }
      }
    } catch (StepFailure e) {
      throw e;
    } catch (RuntimeException e) {
      if (step.stopped) {
        throw e;
      }
      throw new StepFailure(Failure.of(FailureReason.TARGET_UNREACHABLE, "validation could not run: "
          + e.getMessage(), clock.instant()));
    }
    String id = firstId == null ? step.id : firstId;
    return new Validated(new ValidationRecord(id, complete && unexpected == 0, clock.instant(), src, dst, unexpected,
        0), expected);
  }

  /**
   * True when the difference is on a record the newer side holds with a last-update time at or
   * after {@code sinceNanos} (a client wrote it there after the switch), or no longer holds at all:
   * the drain is over and the service writes nothing more there, so a record gone since the
   * comparison was deleted by a client (the applications keep writing during the validation). A
   * record the comparison found missing on the newer side is never counted so (CE keeps no
   * tombstone to prove a client deleted it).
   */
  private static boolean clientWrite(IAerospikeClient newer, String ns, RecordFinding f, long sinceNanos,
      boolean targetNewer) {
    RecordFinding.Kind absentOnNewer = targetNewer ? RecordFinding.Kind.MISSING_ON_TARGET
        : RecordFinding.Kind.EXTRA_ON_TARGET;
    if (f.kind() == absentOnNewer) {
      return false;
    }
    Policy p = new Policy(newer.getReadPolicyDefault());
    p.filterExp = Exp.build(Exp.ge(Exp.lastUpdate(), Exp.val(sinceNanos)));
    p.failOnFilteredOut = false;
    Key key = new Key(ns, HexFormat.of().parseHex(f.digest()), f.set(), null);
    return newer.exists(p, key) || !newer.exists(null, key);
  }

  private static final class StepFailure extends RuntimeException {
    final Failure failure;

    StepFailure(Failure failure) {
      super(failure.describe());
      this.failure = failure;
    }
  }

  private void checkStopped(Step step) {
    if (step.stopped || Thread.currentThread().isInterrupted()) {
      throw new StepFailure(Failure.of(FailureReason.STOPPED, "stopped; the step starts again with the stored"
          + " instants", clock.instant()));
    }
  }

  private Instant required(Instant value, String what) {
    if (value == null) {
      throw new StepFailure(Failure.of(FailureReason.INTERNAL, what + " is not stored; nothing was changed",
          clock.instant()));
    }
    return value;
  }

  private IAerospikeClient connect(String side, ConnectionSpec spec, FailureReason reason) {
    try {
      return AerospikeClients.connect(spec, transfer.maxScans() + transfer.writeConcurrency() + 4);
    } catch (RuntimeException e) {
      throw new StepFailure(Failure.of(reason, "cannot connect to the " + side + " " + spec.seeds() + ": "
          + e.getMessage(), clock.instant()));
    }
  }
}

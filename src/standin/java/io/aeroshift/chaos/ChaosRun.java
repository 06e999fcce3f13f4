package io.aeroshift.chaos;

import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.discovery.AerospikeClients;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * One chaos run: two emulated clusters, a live writer on the source, the migration (scan copy, or
 * backup then restore) run by a separate service process (a CLI process per step, or copy runs of
 * the Quarkus service process, {@link RunPlan#service}; workflow runs are {@link WorkflowRun}'s)
 * while the plan's faults hit it, then
 * three validations, each checked against the run's own record-by-record comparison:
 * <ol>
 *   <li>chaos: writer on, faults injected at their times, the service killed and restarted; then,
 *       writer stopped and transient faults gone, a validation of what the chaos left, which must
 *       name every difference (records the target lost, changes the interrupted copy missed);</li>
 *   <li>final sync: writer stopped, transient faults gone, lost writes and clock skew still on; the
 *       migration once more, then a validation that must name every difference (lost writes);</li>
 *   <li>repair: every fault removed; the migration and a validation once more; the clusters must
 *       now be equal and the validation must say so.</li>
 * </ol>
 */
final class ChaosRun {
  static final String NAMESPACE = "test";
  static final String SET = "chaos";
  /** A service step that has not ended after this long is a hang. */
  static final Duration STEP_DEADLINE = Duration.ofSeconds(180);
  /** The source's name in the Quarkus service's registry. */
  static final String SOURCE_NAME = "chaos-source";

  private final RunPlan plan;
  private final Path dir;
  private final PrintStream log;
  private final List<String> problems = new ArrayList<>();
  private int faults;
  private int hangs;
  private int serviceKills;
  private int untypedFailures;
  /** The Quarkus service of a {@link RunPlan#QUARKUS} run, else null. */
  private QuarkusService service;

  private ChaosRun(RunPlan plan, Path dir, PrintStream log) {
    this.plan = plan;
    this.dir = dir;
    this.log = log;
  }

  /** Runs the plan; the working directory is removed unless the run failed or AEROSHIFT_CHAOS_KEEP is set. */
  static RunOutcome run(RunPlan plan, PrintStream log) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("aeroshift-chaos-" + plan.seed() + "-");
    RunOutcome outcome = plan.service().equals(RunPlan.WORKFLOW) ? WorkflowRun.run(plan, dir, log)
        : new ChaosRun(plan, dir, log).execute();
    if (outcome.failed() || outcome.incomplete() || System.getenv("AEROSHIFT_CHAOS_KEEP") != null) {
      log.println("  run " + plan.seed() + ": service logs and reports kept in " + dir);
    } else {
      deleteTree(dir);
    }
    return outcome;
  }

  private RunOutcome execute() throws IOException, InterruptedException {
    try (EmulatedCluster source = EmulatedCluster.builder().nodes(plan.sourceNodes()).edition(Edition.COMMUNITY)
            .build(plan.sourceBuild()).clusterName("chaos-source").namespace(NamespaceSpec.named(NAMESPACE).replicationFactor(2))
            .start();
        EmulatedCluster target = EmulatedCluster.builder().nodes(plan.targetNodes()).edition(Edition.ENTERPRISE)
            .build("7.2.0.6").clusterName("chaos-target").namespace(NamespaceSpec.named(NAMESPACE).replicationFactor(2))
            .start()) {
      source.loadRecords(NAMESPACE, SET, plan.records(), 120);
      FaultSwitch src = new FaultSwitch("source", source);
      FaultSwitch dst = new FaultSwitch("target", target);
      String seeds = String.join(",", source.seeds());
      String targetSeeds = String.join(",", target.seeds());
      if (plan.service().equals(RunPlan.QUARKUS)) {
        try {
          service = QuarkusService.start(dir.resolve("service-data"), dir.resolve("service-quarkus.log"));
        } catch (QuarkusService.StartHang e) {
          problems.add("HANG: " + e.getMessage());
          return new RunOutcome(plan.seed(), 0, 0, 0, 1, 0, 0, 0, true, 0, problems);
        }
        service.api().registerSource(SOURCE_NAME, "chaos", source.seeds());
      }
      try {
        return migrateAndJudge(source, target, src, dst, seeds, targetSeeds);
      } finally {
        if (service != null) {
          service.close();
        }
      }
    }
  }

  private RunOutcome migrateAndJudge(EmulatedCluster source, EmulatedCluster target, FaultSwitch src, FaultSwitch dst,
      String seeds, String targetSeeds) throws IOException, InterruptedException {
    // 1. chaos
    try (IAerospikeClient writerClient = connect(source)) {
      LiveWriter writer = new LiveWriter(writerClient, NAMESPACE, SET, plan.records(), plan.writesPerSecond(),
          plan.mode().equals(RunPlan.COPY), plan.seed());
      writer.start();
      try (FaultTimeline timeline = new FaultTimeline(plan.faults(), src, dst)) {
        migrate("chaos", seeds, targetSeeds, target, "a", plan.serviceRps(), timeline);
        faults += timeline.applied();
        for (String e : timeline.errors()) {
          log.printf("  run %d: %s%n", plan.seed(), e);
        }
      } finally {
        writer.close();
      }
      log.printf("  run %d chaos stage: %d faults, writer %d writes (%d failed)%n", plan.seed(), faults,
          writer.done(), writer.failed());
    }
    // 2. what the chaos left: writer stopped, transient faults gone; validation must name every difference
    src.startAll();
    dst.startAll();
    src.set("latency-ms=0;drop-fraction=0");
    dst.set("latency-ms=0;drop-fraction=0");
    Stage afterChaos = validateAndCompare("after-chaos", seeds, targetSeeds, source, target);
    // 3. final sync under the lasting faults (lost writes, clock skew)
    long lostBeforeFinal = target.faults().lostWrites();
    migrate("final", seeds, targetSeeds, target, "b", 0, null);
    Stage finalStage = validateAndCompare("final", seeds, targetSeeds, source, target);
    // nothing but the target's lost writes can make this stage's records differ (the writer is stopped)
    long lostWritesFound = target.faults().lostWrites() > lostBeforeFinal ? finalStage.judgement.reported() : 0;
    // 4. repair: nothing failing any more
    src.set("clear");
    dst.set("clear");
    // records a source node stamped ahead stay in the future until real time passes their stamp;
    // a validation refuses to vouch for them until then (SourceClocks), so the repair waits it out
    long aheadUntil = System.nanoTime() + Math.max(0, plan.sourceClockAheadMillis() + 6_000) * 1_000_000L;
    List<Integer> stepCodes = migrate("repair", seeds, targetSeeds, target, "c", 0, null);
    if (plan.sourceClockAheadMillis() > 0) {
      long waitMillis = Math.max(0, (aheadUntil - System.nanoTime()) / 1_000_000);
      log.printf("  run %d: waiting %d ms until records stamped ahead are in the past%n", plan.seed(), waitMillis);
      Thread.sleep(waitMillis); // the clock's time itself is what is waited for, nothing to poll
    }
    Stage repair = validateAndCompare("repair", seeds, targetSeeds, source, target);
    long lost = repair.differences.size();
    boolean incomplete = stepCodes.stream().anyMatch(c -> c != 0) || !repair.verdict.passed();
    if (incomplete) {
      problems.add("repair stage (no faults) did not complete: step exits " + stepCodes + ", validation exit "
          + repair.verdict.exitCode());
    }
    if (lost > 0) {
      problems.add(lost + " records differ after the repair stage, e.g. " + repair.differences.get(0));
    }
    int falsePasses = 0;
    long unreported = untypedFailures;
    long reported = 0;
    for (Stage st : List.of(afterChaos, finalStage, repair)) {
      falsePasses += st.judgement.falsePass() ? 1 : 0;
      unreported += st.judgement.unreported();
      reported += st.judgement.reported();
    }
    return new RunOutcome(plan.seed(), faults, lost, falsePasses, hangs, unreported, reported, lostWritesFound, incomplete,
        serviceKills, problems);
  }

  private record Stage(ValidationVerdict verdict, List<ClusterComparison.Difference> differences, Judgement judgement) {}

  private Stage validateAndCompare(String stage, String seeds, String targetSeeds, EmulatedCluster source,
      EmulatedCluster target) throws IOException, InterruptedException {
    Path report = dir.resolve("validation-" + stage + ".json");
    OptionalInt code = runOnce(stage, List.of("validate", "--source", seeds, "--target", targetSeeds, "--namespace",
        NAMESPACE, "--report", report.toString()));
    ValidationVerdict verdict = code.isPresent() ? ValidationVerdict.read(code.getAsInt(), report) : ValidationVerdict.HUNG;
    List<ClusterComparison.Difference> differences;
    try (IAerospikeClient s = connect(source); IAerospikeClient t = connect(target)) {
      differences = ClusterComparison.compare(s, t, NAMESPACE);
    }
    Judgement j = Judgement.of(verdict, differences);
    if (j.falsePass()) {
      problems.add(stage + " validation PASSED over " + differences.size() + " differing records, e.g. " + differences.get(0));
    } else if (j.unreported() > 0) {
      problems.add(stage + " validation (exit " + verdict.exitCode() + ") did not name " + j.unreported() + " of "
          + differences.size() + " differing records");
    }
    log.printf("  run %d %s stage: validation exit %d, %d records differ (%d named by validation); target lost %d writes so far%n",
        plan.seed(), stage, verdict.exitCode(), differences.size(), j.reported(), target.faults().lostWrites());
    return new Stage(verdict, differences, j);
  }

  /**
   * One stage's migration: the CLI steps, each a process of its own, or one copy run through the
   * Quarkus service's API; returns the exit codes (-1 for a hang; a service copy run: 0 SUCCEEDED,
   * 1 otherwise).
   */
  private List<Integer> migrate(String stage, String seeds, String targetSeeds, EmulatedCluster target, String tag, int rps,
      FaultTimeline timeline) throws IOException, InterruptedException {
    if (service == null) {
      return runSteps(stage, steps(seeds, targetSeeds, tag, rps), timeline);
    }
    String backupDir = plan.mode().equals(RunPlan.COPY) ? null : dir.resolve("backup-" + tag).toString();
    ServiceCopy.Result r = ServiceCopy.run(service, SOURCE_NAME, target.seeds(), NAMESPACE, backupDir, rps, timeline, log,
        plan.seed());
    serviceKills += r.kills();
    if (r.code().isEmpty()) {
      hangs++;
    }
    if (r.problem() != null) {
      problems.add(stage + ": " + r.problem());
    }
    if (r.code().isPresent() && r.code().getAsInt() != 0 && r.failureReason() == null) {
      untypedFailures++; // a failure the service did not say the reason of
    }
    return List.of(r.code().orElse(-1));
  }

  /** The service's commands of one stage; {@code rps} 0 = no rate limit. */
  private List<List<String>> steps(String seeds, String targetSeeds, String tag, int rps) {
    List<String> limit = rps > 0 ? List.of("--rps", Integer.toString(rps)) : List.of();
    if (plan.mode().equals(RunPlan.COPY)) {
      return List.of(concat(List.of("copy", "--source", seeds, "--target", targetSeeds, "--namespace", NAMESPACE,
          "--unreachable-deadline", "20"), limit));
    }
    String backupDir = dir.resolve("backup-" + tag).toString();
    return List.of(concat(List.of("backup", "--source", seeds, "--namespace", NAMESPACE, "--dir", backupDir), limit),
        concat(List.of("restore", "--target", targetSeeds, "--dir", backupDir), limit));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Runs the steps in order, each to its end (restarted after a kill); returns their exit codes. */
  private List<Integer> runSteps(String stage, List<List<String>> steps, FaultTimeline timeline)
      throws IOException, InterruptedException {
    List<Integer> codes = new ArrayList<>();
    for (List<String> step : steps) {
      OptionalInt code = timeline == null ? runOnce(stage, step) : runKillable(stage, step, timeline);
      codes.add(code.orElse(-1));
    }
    return codes;
  }

  private OptionalInt runOnce(String stage, List<String> args) throws IOException, InterruptedException {
    ServiceProcess p = ServiceProcess.start(args, dir.resolve("service-" + stage + ".log"));
    OptionalInt code = p.await(STEP_DEADLINE);
    if (code.isEmpty()) {
      hang(p);
    }
    return code;
  }

  /** Runs one step while the timeline may kill it (kill -9, then the same command again). */
  private OptionalInt runKillable(String stage, List<String> args, FaultTimeline timeline)
      throws IOException, InterruptedException {
    ServiceProcess p = ServiceProcess.start(args, dir.resolve("service-" + stage + ".log"));
    long deadline = System.nanoTime() + STEP_DEADLINE.toNanos();
    while (true) {
      long untilKill = timeline.millisUntilNextKill();
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        hang(p);
        return OptionalInt.empty();
      }
      OptionalInt code = p.await(Duration.ofMillis(Math.max(1, Math.min(left, untilKill))));
      if (code.isPresent()) {
        return code;
      }
      if (timeline.takeDueKill()) {
        p.kill();
        log.printf("  run %d: kill -9 %s; restarting it%n", plan.seed(), args.get(0));
        p = ServiceProcess.start(args, dir.resolve("service-" + stage + ".log"));
        deadline = System.nanoTime() + STEP_DEADLINE.toNanos();
      }
    }
  }

  private void hang(ServiceProcess p) throws InterruptedException {
    hangs++;
    problems.add("HANG: '" + p.describe() + "' still running after " + STEP_DEADLINE.toSeconds() + " s (log " + p.log() + ")");
    p.kill();
  }

  private static IAerospikeClient connect(EmulatedCluster cluster) {
    ClientPolicy policy = new ClientPolicy();
    policy.timeout = 5_000;
    return AerospikeClients.connect(policy, cluster.hosts());
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

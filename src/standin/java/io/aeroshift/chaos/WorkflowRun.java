package io.aeroshift.chaos;

import com.aerospike.client.Host;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.policy.ClientPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import io.aeroshift.discovery.AerospikeClients;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One migration through the workflow of the Quarkus service process, as its users drive it over
 * /api/v1: the embedded demo's catalog plan (its mock Kubernetes API server, simulated AKO
 * operator, source cluster and writing application live in the service process and are kept on
 * disk under the data directory), created, started, approved by the team's owner, cut over by the
 * engineer, with the service killed with kill -9 in the plan's phase and started again on the same
 * data. Then checked from outside: COMPLETED (a FAILED with a typed reason is reported and the run
 * incomplete; no progress for {@link #STALL} or no end by {@link #DEADLINE} is a hang), one
 * AerospikeCluster (no second provisioning), the clients' seeds ConfigMap naming the target's
 * endpoints, and the target equal to the source record by record, except records written on the
 * target since the cutover began (the application writes there after the switch).
 */
final class WorkflowRun {
  static final String PLAN = "catalog-ce-demo";
  static final String OWNER = "owner-catalog";
  static final Duration STALL = Duration.ofSeconds(90);
  static final Duration DEADLINE = Duration.ofSeconds(300);
  private static final long POLL_MILLIS = 100;

  private final RunPlan plan;
  private final Path dir;
  private final PrintStream log;
  private final List<String> problems = new ArrayList<>();
  /** Phases the service had answered from its store and no longer had after a kill. */
  private int lostPhases;

  private WorkflowRun(RunPlan plan, Path dir, PrintStream log) {
    this.plan = plan;
    this.dir = dir;
    this.log = log;
  }

  static RunOutcome run(RunPlan plan, Path dir, PrintStream log) throws IOException, InterruptedException {
    return new WorkflowRun(plan, dir, log).execute();
  }

  private RunOutcome execute() throws IOException, InterruptedException {
    Path plans = Files.createDirectories(dir.resolve("plans"));
    try (Stream<Path> files = Files.list(QuarkusService.CHECKOUT.resolve("demo-plans"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        // copying at the plan's rate: the phases last long enough for a kill to land in them
        Files.writeString(plans.resolve(f.getFileName()), Files.readString(f)
            .replaceAll("recordsPerSecond: \\d+", "recordsPerSecond: " + plan.serviceRps()));
      }
    }
    List<String> settings = new ArrayList<>(List.of("-Daeroshift.demo.records-scale=0.02", "-Daeroshift.demo.plans-dir=" + plans,
        "-Daeroshift.validators.dir=" + QuarkusService.CHECKOUT.resolve("validators"),
        // the killed service's lease on the migration is not released: the next start waits this out
        "-Daeroshift.workflow.lease-ttl=PT5S",
        // one host clock stamps the records and the passes (as in the tests' profile). With the
        // default 30 s every final delta pass copies again the last 30 s of the two applications'
        // writes at the plan's slow rate, and on a loaded 2-core host no pass got under the plan's
        // 5 s lag (STALLED after 5 passes of 6-9 s, 4 of 6 runs on 21da494 with tests running beside)
        "-Daeroshift.copy.skew-margin=PT2S"));
    if (System.getenv("AEROSHIFT_CHAOS_SERVICE_OPTS") != null) {
      settings.addAll(List.of(System.getenv("AEROSHIFT_CHAOS_SERVICE_OPTS").trim().split("\\s+")));
    }
    QuarkusService service;
    try {
      service = QuarkusService.start(dir.resolve("service-data"), dir.resolve("service-quarkus.log"), settings);
    } catch (QuarkusService.StartHang e) {
      problems.add("HANG: " + e.getMessage());
      return outcome(0, 0, 0, 1, 0, true);
    }
    try (service) {
      return drive(service);
    }
  }

  private RunOutcome drive(QuarkusService service) throws IOException, InterruptedException {
    ServiceApi api = service.api();
    String id = api.createMigration(PLAN);
    api.command(id, "start", "engineer");
    int killAt = RunPlan.WORKFLOW_PHASES.indexOf(plan.killPhase());
    int kills = 0;
    String killedIn = null;
    String last = null;
    String lastCommanded = null;
    long lastChange = System.nanoTime();
    long deadline = lastChange + DEADLINE.toNanos();
    JsonNode m = null;
    while (true) {
      try {
        m = api.read("/api/v1/migrations/" + id);
      } catch (IOException e) {
        log.printf("  run %d: migration %s not readable: %s%n", plan.seed(), id, e.getMessage());
      }
      long now = System.nanoTime();
      String phase = m == null ? "?" : m.path("phase").asText();
      String progress = phase + "/" + (m == null ? "" : m.path("progress").path("recordsCopied").asText());
      if (!progress.equals(last)) {
        String before = last == null ? null : last.substring(0, last.indexOf('/'));
        if (m != null && !phase.equals(before)) {
          log.printf("  run %d: migration %s %s%n", plan.seed(), id, phase);
          int was = before == null ? -1 : RunPlan.WORKFLOW_PHASES.indexOf(before);
          if (was >= 0 && RunPlan.WORKFLOW_PHASES.indexOf(phase) >= 0 && RunPlan.WORKFLOW_PHASES.indexOf(phase) < was) {
            // the service answered the later phase from its store before the kill: a saved state change was lost
            lostPhases++;
            problems.add("the migration was " + before + " (answered from the store) before the kill -9 and " + phase
                + " after the start: a saved phase was lost");
          }
        }
        last = progress;
        lastChange = now;
      }
      if (phase.equals("COMPLETED") || phase.equals("FAILED") || phase.equals("ABORTED") || phase.equals("ROLLED_BACK")) {
        break;
      }
      if (now - lastChange > STALL.toNanos() || now > deadline) {
        problems.add("HANG: migration " + id + (now > deadline ? " not ended after " + DEADLINE.toSeconds() + " s"
            : " without progress for " + STALL.toSeconds() + " s") + " in " + phase + " after " + kills + " kill -9 (log "
            + service.log() + ")");
        return outcome(kills, 0, 0, 1, 0, true);
      }
      int at = RunPlan.WORKFLOW_PHASES.indexOf(phase);
      if (kills == 0 && at >= killAt && at >= 0) {
        service.kill();
        kills++;
        killedIn = phase;
        log.printf("  run %d: kill -9 the Quarkus service in %s (planned: %s); starting it again on the same data%n",
            plan.seed(), phase, plan.killPhase());
        try {
          service.restart();
        } catch (QuarkusService.StartHang e) {
          problems.add("HANG: " + e.getMessage());
          return outcome(kills, 0, 0, 1, 0, true);
        }
        lastChange = System.nanoTime();
        deadline = lastChange + DEADLINE.toNanos();
        lastCommanded = null;
        continue;
      }
      // the users' part: the owner approves, the engineer cuts over (again after a restart: a command
      // stored before the kill is consumed once; one refused with 409 was not needed)
      if ((phase.equals("AWAITING_APPROVAL") || phase.equals("APPROVED")) && !phase.equals(lastCommanded)) {
        int status = phase.equals("AWAITING_APPROVAL") ? api.command(id, "approve", OWNER) : api.command(id, "cutover", "engineer");
        log.printf("  run %d: %s -> %d%n", plan.seed(), phase.equals("APPROVED") ? "cutover" : "approve", status);
        lastCommanded = phase;
      }
      Thread.sleep(POLL_MILLIS); // the poll's interval, bounded by the stall limit and deadline above
    }
    String phase = m.path("phase").asText();
    if (!phase.equals("COMPLETED")) {
      JsonNode failure = m.path("failure");
      String reason = failure.path("reason").isTextual() ? failure.path("reason").asText() : null;
      problems.add("migration " + id + " ended " + phase + (reason == null ? " without a typed reason" : " " + reason + ": "
          + failure.path("detail").asText()));
      log.printf("  run %d: migration %s ended %s %s (killed in %s)%n", plan.seed(), id, phase, failure, killedIn);
      return outcome(kills, 0, 0, 0, reason == null ? 1 : 0, true);
    }
    return judge(api, id, m, kills, killedIn);
  }

  /** The end state, checked from outside the service: Kubernetes objects and the records. */
  private RunOutcome judge(ServiceApi api, String id, JsonNode m, int kills, String killedIn) throws IOException {
    long unreported = 0;
    JsonNode demo = api.read("/api/v1/demo");
    String k8s = demo.path("kubernetesApi").asText();
    JsonNode entry = null;
    for (JsonNode d : demo.path("migrations")) {
      if (d.path("plan").asText().equals(PLAN)) {
        entry = d;
      }
    }
    String kubeNs = entry.path("kubernetesNamespace").asText();
    JsonNode clusters = api.kubernetes(k8s + "/apis/asdb.aerospike.com/v1/namespaces/" + kubeNs + "/aerospikeclusters");
    if (clusters.path("items").size() != 1) {
      unreported++;
      problems.add("provisioned " + clusters.path("items").size() + " AerospikeClusters in " + kubeNs + ", not one");
    }
    Set<String> endpoints = new TreeSet<>();
    m.path("targetEndpoints").forEach(e -> endpoints.add(e.asText()));
    String[] cm = entry.path("configMap").asText().split("/");
    String seeds = api.kubernetes(k8s + "/api/v1/namespaces/" + cm[0] + "/configmaps/" + cm[1]).path("data")
        .path(entry.path("seedsKey").asText()).asText();
    if (!new TreeSet<>(List.of(seeds.split(","))).equals(endpoints)) {
      unreported++;
      problems.add("the clients' seeds are " + seeds + ", the target's endpoints " + endpoints);
    }
    Instant cutoverBegan = null;
    for (JsonNode h : api.read("/api/v1/migrations/" + id + "/history")) {
      if (h.path("kind").asText().equals("TRANSITION") && h.path("to").asText().equals("CUTTING_OVER") && cutoverBegan == null) {
        cutoverBegan = Instant.parse(h.path("at").asText());
      }
    }
    List<String> sourceSeeds = new ArrayList<>();
    for (JsonNode s : demo.path("sources")) {
      if (s.path("name").asText().equals(m.path("source").asText())) {
        s.path("seeds").forEach(x -> sourceSeeds.add(x.asText()));
      }
    }
    JsonNode snapshot = api.read("/api/v1/clusters/" + m.path("source").asText() + "/discoveries/latest");
    long differing = 0;
    try (IAerospikeClient source = connect(sourceSeeds); IAerospikeClient target = connect(new ArrayList<>(endpoints))) {
      for (JsonNode ns : snapshot.path("namespaces")) {
        String namespace = ns.path("name").asText();
        long since = cutoverBegan.getEpochSecond() * 1_000_000_000L + cutoverBegan.getNano();
        ClusterComparison.SinceComparison c = ClusterComparison.compareSince(source, target, namespace, since, () -> { });
        List<ClusterComparison.Difference> d = c.differences();
        log.printf("  run %d: namespace %s: %d records differ (%d written on the target since the cutover began, left out)%n",
            plan.seed(), namespace, d.size(), c.leftOut());
        if (!d.isEmpty()) {
          problems.add(d.size() + " records of " + namespace + " differ after COMPLETED, e.g. " + d.get(0));
        }
        differing += d.size();
      }
    }
    log.printf("  run %d: migration %s COMPLETED (killed in %s); %d AerospikeCluster, seeds %s%n", plan.seed(), id, killedIn,
        clusters.path("items").size(), seeds);
    // COMPLETED means the drain's final validation passed: records still differing are lost and it passed over them
    return outcome(kills, differing, differing > 0 ? 1 : 0, 0, unreported, false);
  }

  private RunOutcome outcome(int kills, long lost, int falsePasses, int hangs, long unreported, boolean incomplete) {
    return new RunOutcome(plan.seed(), kills, lost, falsePasses, hangs, unreported + lostPhases, 0, 0, incomplete, kills, problems);
  }

  private static IAerospikeClient connect(List<String> seeds) {
    ClientPolicy policy = new ClientPolicy();
    policy.timeout = 5_000;
    return AerospikeClients.connect(policy, seeds.stream().map(s -> {
      int colon = s.lastIndexOf(':');
      return new Host(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
    }).toList());
  }
}

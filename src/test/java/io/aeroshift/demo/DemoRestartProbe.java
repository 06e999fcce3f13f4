package io.aeroshift.demo;

import static io.aeroshift.demo.DemoWaveTest.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aeroshift.testsupport.ClusterContents;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * The demo restart check shared by {@link DemoRestartFirstTest} and {@link DemoRestartSecondTest}:
 * two starts of the service with the demo on (each class has its own test profile, so Quarkus
 * stops and starts again between them) on one demo directory and one H2 file database.
 *
 * <p>Whichever class runs first finds no probe: it starts the demo wave (its plans slowed down so
 * the copy takes a while), waits until the payments migration is copying, part done, checks that
 * the AerospikeCluster it provisioned is already saved to disk (a kill now would keep it), notes
 * the demo's clusters (seeds, node ids), the targets' endpoints and node ids and the migrations,
 * writes the probe and ends: the service stops mid-copy. The other class finds the probe: the demo
 * must answer with the same Kubernetes API URL, the same source clusters (seeds, node ids) and the
 * same records, the same target pods, and the same migrations must go on (no second provisioning)
 * to AWAITING_APPROVAL with the generated records on each target.
 */
final class DemoRestartProbe {
  static final Path DIR = Path.of("target", "demo-restart").toAbsolutePath();
  private static final Path PROBE = DIR.resolve("probe.properties");
  private static final String CLEANED = "aeroshift.test.demo-restart.cleaned";

  enum Outcome { STARTED_AND_STOPPED_MID_COPY, VERIFIED_AFTER_RESTART }

  private DemoRestartProbe() {}

  /** The profile's settings: the shared demo directory and database (fresh when no probe waits), slow plans. */
  static Map<String, String> config() {
    try {
      if (!Files.exists(PROBE) && System.getProperty(CLEANED) == null) {
        deleteTree(DIR); // once per JVM: Quarkus may ask a profile for its settings while the other start runs
        System.setProperty(CLEANED, "true");
      }
      Path plans = Files.createDirectories(DIR.resolve("plans"));
      for (Map.Entry<Path, String> f : DemoWave.planFiles(Path.of("demo-plans")).entrySet()) {
        // the demo's plans, copying slowly enough for the restart to land mid-copy
        Files.writeString(plans.resolve(f.getKey().getFileName()),
            f.getValue().replaceAll("recordsPerSecond: \\d+", "recordsPerSecond: 150"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> m = DemoTestSettings.demo(DIR.resolve("demo").toString(),
        "jdbc:h2:file:" + DIR.resolve("db").resolve("aeroshift") + ";DB_CLOSE_ON_EXIT=FALSE");
    m.put("aeroshift.demo.records-scale", "0.05");
    m.put("aeroshift.demo.plans-dir", DIR.resolve("plans").toString());
    // the first start's lease on a migration is not released by a stop: the second waits it out
    m.put("aeroshift.workflow.lease-ttl", "PT5S");
    return m;
  }

  static Outcome run() throws Exception {
    if (!Files.exists(PROBE)) {
      startAndStopMidCopy();
      return Outcome.STARTED_AND_STOPPED_MID_COPY;
    }
    verifyAfterRestart();
    return Outcome.VERIFIED_AFTER_RESTART;
  }

  private static void startAndStopMidCopy() throws Exception {
    JsonPath demo = as("viewer").get("/api/v1/demo").then().statusCode(200).extract().jsonPath();
    as("engineer").post("/api/v1/waves/demo/start").then().statusCode(202);
    Map<String, Object> copying = Awaitility.await().atMost(DemoWaveTest.DEADLINE).pollInterval(Duration.ofMillis(200))
        .until(() -> payments(), m -> m != null && "COPYING".equals(m.get("phase"))
            && ((Number) ((Map<?, ?>) m.get("progress")).get("recordsCopied")).longValue() > 0);
    assertThat(((Number) ((Map<?, ?>) copying.get("progress")).get("fractionDone")).doubleValue())
        .as("the restart lands mid-copy").isLessThan(1.0);
    // what a kill now would leave: the AerospikeCluster is in the saved objects already
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(
        () -> Files.exists(DIR.resolve("demo/kubernetes/objects.json"))
            && Files.readString(DIR.resolve("demo/kubernetes/objects.json")).contains("\"payments-ee-demo\""));

    Properties p = new Properties();
    p.setProperty("kubernetesApi", demo.getString("kubernetesApi"));
    p.setProperty("sources", demo.getString("sources").toString());
    p.setProperty("migrations", ids().toString());
    p.setProperty("paymentsRecords", Integer.toString(DemoWaveTest.generated(
        ClusterContents.of(hosts(demo, "payments-ce"), "payments")).size()));
    p.setProperty("targetPods", targetPods(demo.getString("kubernetesApi")).toString());
    try (Writer w = Files.newBufferedWriter(PROBE, StandardCharsets.UTF_8)) {
      p.store(w, "demo restart probe: the first start stopped while payments was copying");
    }
  }

  private static void verifyAfterRestart() throws Exception {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(PROBE, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    JsonPath demo = as("viewer").get("/api/v1/demo").then().statusCode(200).extract().jsonPath();
    assertThat(demo.getString("kubernetesApi")).isEqualTo(p.getProperty("kubernetesApi"));
    assertThat(demo.getString("sources")).as("same clusters: names, seeds, node ids").isEqualTo(p.getProperty("sources"));
    assertThat(DemoWaveTest.generated(ClusterContents.of(hosts(demo, "payments-ce"), "payments")))
        .hasSize(Integer.parseInt(p.getProperty("paymentsRecords")));
    // the AerospikeCluster kept, its pods running again on their endpoints with their node ids
    Map<String, String> podsBefore = parse(p.getProperty("targetPods"));
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> targetPods(demo.getString("kubernetesApi")), now -> now.keySet().containsAll(podsBefore.keySet()));
    assertThat(targetPods(demo.getString("kubernetesApi"))).containsAllEntriesOf(podsBefore);

    Map<String, String> ids = DemoWaveTest.awaitPhases("AWAITING_APPROVAL");
    assertThat(ids.toString()).as("the same migrations went on").isEqualTo(p.getProperty("migrations"));
    for (String id : ids.values()) {
      List<String> to = as("viewer").get("/api/v1/migrations/" + id + "/history").then().statusCode(200).extract()
          .jsonPath().getList("findAll { it.kind == 'TRANSITION' }.to");
      assertThat(to).as("history of %s", id).containsOnlyOnce("PROVISIONING");
    }
    try (KubernetesClient k = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(demo.getString("kubernetesApi")).build()).build()) {
      DemoWaveTest.assertGeneratedRecordsCopied(k, "payments", "payments-ee-demo", "payments-ce",
          List.of("payments", "sessions"), demo);
      DemoWaveTest.assertGeneratedRecordsCopied(k, "catalog", "catalog-ee-demo", "catalog-ce", List.of("catalog"), demo);
    }
    Files.delete(PROBE);
  }

  private static Map<String, Object> payments() {
    List<Map<String, Object>> l = as("viewer").get("/api/v1/migrations?wave=demo").then().statusCode(200).extract()
        .jsonPath().getList("$");
    return l.stream().filter(m -> "payments-ce-demo".equals(m.get("plan"))).findFirst().orElse(null);
  }

  private static Map<String, String> ids() {
    List<Map<String, Object>> l = as("viewer").get("/api/v1/migrations?wave=demo").then().statusCode(200).extract()
        .jsonPath().getList("$");
    return new java.util.TreeMap<>(l.stream().collect(java.util.stream.Collectors.toMap(m -> (String) m.get("plan"),
        m -> (String) m.get("id"))));
  }

  /** Each target pod's endpoint and node id, as the AerospikeClusters' status in the mock API server lists them. */
  private static Map<String, String> targetPods(String api) throws Exception {
    Map<String, String> out = new java.util.TreeMap<>();
    JsonNode list = DemoWaveTest.getJson(api + "/apis/asdb.aerospike.com/v1/aerospikeclusters");
    for (JsonNode c : list.path("items")) {
      c.path("status").path("pods").fields().forEachRemaining(e -> out.put(
          e.getValue().path("podIP").asText() + ":" + e.getValue().path("podPort").asText(),
          e.getValue().path("aerospike").path("nodeID").asText()));
    }
    return out;
  }

  private static Map<String, String> parse(String map) {
    Map<String, String> out = new java.util.TreeMap<>();
    String body = map.substring(1, map.length() - 1);
    if (!body.isBlank()) {
      for (String kv : body.split(", ")) {
        int eq = kv.indexOf('=');
        out.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return out;
  }

  private static com.aerospike.client.Host[] hosts(JsonPath demo, String source) {
    List<String> seeds = demo.getList("sources.find { it.name == '" + source + "' }.seeds");
    return seeds.stream().map(s -> s.split(":"))
        .map(hp -> new com.aerospike.client.Host(hp[0], Integer.parseInt(hp[1])))
        .toArray(com.aerospike.client.Host[]::new);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

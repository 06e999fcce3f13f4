package io.aeroshift.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.matchesPattern;

import com.aerospike.client.Host;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeroshift.provisioning.crd.AerospikeCluster;
import io.aeroshift.testsupport.ClusterContents;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The embedded demo as a new user meets it: {@code GET /api/v1/demo} names a Kubernetes API that
 * answers plain HTTP with the payments ConfigMap holding the source seeds and the Deployments it
 * restarts; the demo wave is listed, started by an engineer (a viewer is refused), reaches
 * approval on its own, is approved by each team's owner (the other team's owner is refused), is
 * cut over by an engineer (a viewer is refused) and ends COMPLETED with each AerospikeCluster
 * Completed in the mock API server, the generated records on each target, compared record by
 * record with the test's own reader, and the payments ConfigMap holding the target's seeds.
 */
@QuarkusTest
@TestProfile(DemoWaveTest.Demo.class)
class DemoWaveTest {
  static final Duration DEADLINE = Duration.ofSeconds(240);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The demo on, with 2% of its records, its own state store and directory, the reconciler running. */
  public static class Demo implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return DemoTestSettings.demo("target/demo-wave/" + UUID.randomUUID(),
          "jdbc:h2:mem:demo-wave-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
  }

  static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, user);
  }

  @Test
  void theDemoWaveRunsToCompletedThroughTheDocumentedCalls() throws Exception {
    JsonPath demo = as("viewer").get("/api/v1/demo").then().statusCode(200)
        .body("kubernetesApi", matchesPattern("http://127\\.0\\.0\\.1:\\d+"))
        .body("wave", equalTo("demo"))
        .body("sources.name", containsInAnyOrder("payments-ce", "catalog-ce"))
        .body("migrations.plan", containsInAnyOrder("payments-ce-demo", "catalog-ce-demo"))
        .body("users.user", containsInAnyOrder("engineer", "viewer", "owner-payments", "owner-catalog"))
        .extract().jsonPath();
    String api = demo.getString("kubernetesApi");
    List<String> paymentsSeeds = demo.getList("sources.find { it.name == 'payments-ce' }.seeds");

    // plain HTTP, as curl reads it: the ConfigMap holds the source's seeds before the cutover
    JsonNode cm = getJson(api + "/api/v1/namespaces/payments/configmaps/payments-aerospike-seeds");
    assertThat(cm.path("data").path("seeds").asText()).isEqualTo(String.join(",", paymentsSeeds));
    JsonNode deployments = getJson(api + "/apis/apps/v1/namespaces/payments/deployments");
    assertThat(deployments.path("items").findValuesAsText("name")).contains("payments-api", "payments-ledger");

    as("viewer").get("/api/v1/waves").then().statusCode(200).body("name", org.hamcrest.Matchers.hasItem("demo"));
    as("viewer").post("/api/v1/waves/demo/start").then().statusCode(403);
    as("engineer").post("/api/v1/waves/demo/start").then().statusCode(202).body("state", equalTo("RUNNING"));

    Map<String, String> ids = awaitPhases("AWAITING_APPROVAL");
    String pay = ids.get("payments-ce-demo");
    String cat = ids.get("catalog-ce-demo");
    as("owner-catalog").contentType(ContentType.JSON).post("/api/v1/migrations/" + pay + "/approve").then()
        .statusCode(403);
    as("owner-payments").contentType(ContentType.JSON).post("/api/v1/migrations/" + pay + "/approve").then()
        .statusCode(202);
    as("owner-catalog").contentType(ContentType.JSON).post("/api/v1/migrations/" + cat + "/approve").then()
        .statusCode(202);
    awaitPhases("APPROVED");
    as("viewer").get("/api/v1/migrations?wave=demo").then().statusCode(200)
        .body("approval.by", containsInAnyOrder("owner-payments", "owner-catalog"))
        .body("lastValidation.outcome", everyItem(equalTo("passed")));

    as("viewer").contentType(ContentType.JSON).post("/api/v1/migrations/" + pay + "/cutover").then().statusCode(403);
    // one after the other: the wave allows one cutover at a time
    for (String id : List.of(pay, cat)) {
      as("engineer").contentType(ContentType.JSON).post("/api/v1/migrations/" + id + "/cutover").then()
          .statusCode(202);
      Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> as("viewer")
          .get("/api/v1/migrations/" + id).then().statusCode(200).extract().jsonPath().getString("phase"), phase -> {
            if ("FAILED".equals(phase) || "ROLLED_BACK".equals(phase)) {
              throw new AssertionError("cutover of " + id + " ended " + phase + ": "
                  + as("viewer").get("/api/v1/migrations/" + id).asString());
            }
            return "COMPLETED".equals(phase);
          });
    }

    try (KubernetesClient k = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(api)
        .build()).build()) {
      assertGeneratedRecordsCopied(k, "payments", "payments-ee-demo", "payments-ce", List.of("payments", "sessions"), demo);
      assertGeneratedRecordsCopied(k, "catalog", "catalog-ee-demo", "catalog-ce", List.of("catalog"), demo);
      // the clients were switched: the ConfigMap holds the target's seeds, read with plain HTTP again
      AerospikeCluster target = k.resources(AerospikeCluster.class).inNamespace("payments")
          .withName("payments-ee-demo").get();
      String targetSeeds = target.getStatus().getPods().values().stream()
          .map(p -> p.getPodIP() + ":" + p.getPodPort()).collect(Collectors.joining(","));
      JsonNode after = getJson(api + "/api/v1/namespaces/payments/configmaps/payments-aerospike-seeds");
      assertThat(after.path("data").path("seeds").asText().split(","))
          .containsExactlyInAnyOrder(targetSeeds.split(","));
    }
  }

  /** The target's generated records equal the source's (the live application's set left out: it keeps writing). */
  static void assertGeneratedRecordsCopied(KubernetesClient k, String kns, String name, String source,
      List<String> namespaces, JsonPath demo) {
    AerospikeCluster c = k.resources(AerospikeCluster.class).inNamespace(kns).withName(name).get();
    assertThat(c).as("AerospikeCluster %s/%s", kns, name).isNotNull();
    assertThat(c.getStatus().getPhase().toString()).isEqualToIgnoringCase("Completed");
    Host[] target = c.getStatus().getPods().values().stream()
        .map(p -> new Host(p.getPodIP(), p.getPodPort().intValue())).toArray(Host[]::new);
    List<String> sourceSeeds = demo.getList("sources.find { it.name == '" + source + "' }.seeds");
    Host[] src = sourceSeeds.stream().map(s -> s.split(":")).map(hp -> new Host(hp[0], Integer.parseInt(hp[1])))
        .toArray(Host[]::new);
    for (String ns : namespaces) {
      Map<String, ClusterContents.Entry> expected = generated(ClusterContents.of(src, ns));
      assertThat(expected).as("generated records of %s.%s", source, ns).isNotEmpty();
      assertThat(generated(ClusterContents.of(target, ns))).as("%s on %s", ns, name).isEqualTo(expected);
    }
  }

  static Map<String, ClusterContents.Entry> generated(Map<String, ClusterContents.Entry> all) {
    return all.entrySet().stream().filter(e -> !DemoWave.APP_SET.equals(e.getValue().set()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** Polls the wave's migrations until all are in {@code phase}; returns their ids by plan. */
  static Map<String, String> awaitPhases(String phase) {
    List<Map<String, Object>> last = Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
        .until(() -> as("viewer").get("/api/v1/migrations?wave=demo").then().statusCode(200).extract().jsonPath()
            .<Map<String, Object>>getList("$"), l -> {
              if (l.stream().anyMatch(m -> "FAILED".equals(m.get("phase")))) {
                throw new AssertionError("a demo migration failed: " + l);
              }
              return l.size() == 2 && l.stream().allMatch(m -> phase.equals(m.get("phase")));
            });
    return last.stream().collect(Collectors.toMap(m -> (String) m.get("plan"), m -> (String) m.get("id")));
  }

  static JsonNode getJson(String url) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}

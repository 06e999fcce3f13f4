package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation runs over REST between two emulated clusters: start, list, report, summary, access. */
@QuarkusTest
class ValidationResourceTest {

  private static EmulatedCluster cluster() {
    EmulatedCluster c = EmulatedCluster.builder().nodes(1).basePort(0)
        .namespace(NamespaceSpec.named("test").replicationFactor(1)).start();
    c.loadRecords("test", "users", 300, 40);
    return c;
  }

  private static String body(String source, String target, String namespace, String suite) {
    return "{\"source\":\"" + source + "\",\"target\":" + target + ",\"namespace\":\"" + namespace + "\",\"suite\":\"" + suite + "\"}";
  }

  private static String seeds(EmulatedCluster c) {
    return "{\"seeds\":[\"" + String.join("\",\"", c.seeds()) + "\"]}";
  }

  private static ExtractableResponse<Response> start(String user, String body) {
    return given().auth().preemptive().basic(user, user).contentType(ContentType.JSON).body(body)
        .post("/api/v1/validations").then().extract();
  }

  private static int runsOf(String source) {
    return given().auth().preemptive().basic("viewer", "viewer").queryParam("source", source)
        .get("/api/v1/validations").then().statusCode(200).extract().jsonPath().getList("runId").size();
  }

  @Test
  void identicalClustersMatchAndAMissingRecordIsFoundStoredAndReadable() {
    try (EmulatedCluster source = cluster(); EmulatedCluster target = cluster()) {
      String name = DiscoveryResourceTest.register(ClusterResourceTest.unique("valsrc"), "a", source.seeds(), null);

      given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
          .body(body(name, seeds(target), "test", "default")).post("/api/v1/validations")
          .then().statusCode(201)
          .header("Location", containsString("/api/v1/validations/"))
          .body("scope", equalTo(name + "->" + String.join(",", target.seeds()) + "/test"))
          .body("namespace", equalTo("test")).body("suite", equalTo("default"))
          .body("summary.missing", equalTo(0)).body("summary.extra", equalTo(0))
          .body("summary.differing", equalTo(0)).body("summary.unvalidatedPartitions", equalTo(0))
          .body("summary.partitions", equalTo(4096)).body("summary.sourceRecordsCompared", equalTo(300))
          .body("sampleRate", equalTo(1.0f)).body("hash", equalTo("xxh3-128")).body("finalEvidence", equalTo(true))
          .body("passedAsEvidence", equalTo(true)).body("exitCode", equalTo(0));

      Key gone = new Key("test", "users", "key-17");
      try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), target.hosts())) {
        assertThat(client.delete(null, gone)).isTrue();
      }
      String sha = body(name, seeds(target), "test", "default").replaceFirst("}$", ",\"hash\":\"sha-256\"}");
      ExtractableResponse<Response> second = start("engineer", sha);
      assertThat(second.statusCode()).isEqualTo(201);
      assertThat(second.jsonPath().getString("hash")).isEqualTo("sha-256");
      assertThat(second.jsonPath().getInt("summary.missing")).isEqualTo(1);
      assertThat(second.jsonPath().getInt("summary.extra")).isZero();
      assertThat(second.jsonPath().getInt("summary.differing")).isZero();
      assertThat(second.jsonPath().getInt("exitCode")).isEqualTo(1);
      assertThat(second.jsonPath().getBoolean("passedAsEvidence")).isFalse();
      assertThat(second.jsonPath().getString("ranAt")).isNotBlank();
      String id = second.jsonPath().getString("id");
      int partition = gone.digest[0] & 0xFF | (gone.digest[1] & 0x0F) << 8;

      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/validations/" + id + "/partitions?status=MISMATCH")
          .then().statusCode(200).body("$", hasSize(1))
          .body("[0].partition", equalTo(partition)).body("[0].status", equalTo("MISMATCH"))
          .body("[0].missing", equalTo(1)).body("[0].checkedAt", containsString("T"));
      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/validations/" + id + "/partitions?status=UNVALIDATED")
          .then().statusCode(200).body("$", hasSize(0));
      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/validations/" + id + "/partitions?status=BOGUS")
          .then().statusCode(400).body("reason", equalTo("INVALID_REQUEST")).body("detail", containsString("BOGUS"));

      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/validations/" + id)
          .then().statusCode(200)
          .body("report", equalTo("aeroshift-validation")).body("run.runId", equalTo(id))
          .body("summary.missing", equalTo(1)).body("summary.mismatchedPartitions", equalTo(1))
          .body("partitions[0].partition", equalTo(partition))
          .body("partitions[0].records[0].kind", equalTo("MISSING_ON_TARGET"))
          .body("partitions[0].records[0].userKey", equalTo("key-17"));

      String text = given().auth().preemptive().basic("owner-a", "owner-a").get("/api/v1/validations/" + id + "/summary")
          .then().statusCode(200).contentType(containsString("text/plain")).extract().asString();
      assertThat(text).contains("DIFFERENCES FOUND").contains("missing on target 1").contains("partition " + partition + ": MISMATCH");

      List<String> listed = given().auth().preemptive().basic("viewer", "viewer").queryParam("source", name)
          .get("/api/v1/validations").then().statusCode(200).extract().jsonPath().getList("runId");
      assertThat(listed).hasSize(2).first().isEqualTo(id);

      // reading: viewers and the source team's owner may; another team's owner may not
      given().auth().preemptive().basic("owner-b", "owner-b").get("/api/v1/validations/" + id)
          .then().statusCode(403);
      given().auth().preemptive().basic("owner-b", "owner-b").get("/api/v1/validations/" + id + "/summary")
          .then().statusCode(403);
      given().auth().preemptive().basic("owner-b", "owner-b").queryParam("source", name).get("/api/v1/validations")
          .then().statusCode(403);
      given().auth().preemptive().basic("owner-a", "owner-a").get("/api/v1/validations/" + id)
          .then().statusCode(200);
      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/validations/no-such-run")
          .then().statusCode(404).body("reason", equalTo("VALIDATION_NOT_FOUND"));
    }
  }

  @Test
  void onlyEngineersStartAndBadInputIsRefusedWithAReasonAndStoresNothing() {
    try (EmulatedCluster source = cluster(); EmulatedCluster target = cluster()) {
      String name = DiscoveryResourceTest.register(ClusterResourceTest.unique("valbad"), "a", source.seeds(), null);
      String good = body(name, seeds(target), "test", "default");

      assertThat(start("viewer", good).statusCode()).isEqualTo(403);
      assertThat(start("owner-a", good).statusCode()).isEqualTo(403);

      ExtractableResponse<Response> suite = start("engineer", body(name, seeds(target), "test", "no-such-suite"));
      assertThat(suite.statusCode()).isEqualTo(404);
      assertThat(suite.contentType()).contains("application/problem+json");
      assertThat(suite.jsonPath().getString("reason")).isEqualTo("SUITE_NOT_FOUND");
      assertThat(suite.jsonPath().getString("detail")).contains("no-such-suite");

      ExtractableResponse<Response> cluster = start("engineer", body("no-such-cluster", seeds(target), "test", "default"));
      assertThat(cluster.statusCode()).isEqualTo(404);
      assertThat(cluster.jsonPath().getString("reason")).isEqualTo("CLUSTER_NOT_FOUND");
      assertThat(cluster.jsonPath().getString("detail")).contains("no-such-cluster");

      ExtractableResponse<Response> namespace = start("engineer", body(name, seeds(target), "nope", "default"));
      assertThat(namespace.statusCode()).isEqualTo(404);
      assertThat(namespace.jsonPath().getString("reason")).isEqualTo("NAMESPACE_NOT_FOUND");
      assertThat(namespace.jsonPath().getString("detail")).contains("'nope'").contains(name);

      ExtractableResponse<Response> unreachable = start("engineer", body(name, "{\"seeds\":[\"127.0.0.1:1\"]}", "test", "default"));
      assertThat(unreachable.statusCode()).isEqualTo(502);
      assertThat(unreachable.jsonPath().getString("reason")).isEqualTo("TARGET_SEEDS_UNREACHABLE");
      assertThat(unreachable.jsonPath().getString("detail")).contains("127.0.0.1:1");

      ExtractableResponse<Response> badHash = start("engineer", good.replaceFirst("}$", ",\"hash\":\"md5\"}"));
      assertThat(badHash.statusCode()).isEqualTo(400);
      assertThat(badHash.contentType()).contains("application/problem+json");
      assertThat(badHash.jsonPath().getString("detail")).contains("hash").contains("xxh3-128").contains("md5");

      ExtractableResponse<Response> badSeed = start("engineer", body(name, "{\"seeds\":[\"no-port\"]}", "test", "default"));
      assertThat(badSeed.statusCode()).isEqualTo(400);
      assertThat(badSeed.jsonPath().getString("detail")).contains("target.seeds[0]");

      assertThat(runsOf(name)).isZero();
    }
  }

  @Test
  void anAsyncRunAnswersAtOnceShowsRunningThenItsReport() {
    try (EmulatedCluster source = cluster(); EmulatedCluster target = cluster()) {
      String name = DiscoveryResourceTest.register(ClusterResourceTest.unique("valasync"), "a", source.seeds(), null);

      ExtractableResponse<Response> started = given().auth().preemptive().basic("engineer", "engineer")
          .contentType(ContentType.JSON).queryParam("async", true).body(body(name, seeds(target), "test", "default"))
          .post("/api/v1/validations").then().extract();
      assertThat(started.statusCode()).isEqualTo(202);
      String id = started.jsonPath().getString("id");
      assertThat(started.header("Location")).endsWith("/api/v1/validations/" + id);
      assertThat(started.jsonPath().getString("state")).isEqualTo("RUNNING");
      assertThat(started.jsonPath().getInt("partitions")).isEqualTo(4096);
      assertThat(started.jsonPath().getInt("partitionsChecked")).isBetween(0, 4096);

      // poll: RUNNING (partitions checked never going down) until the stored report replaces it
      java.util.List<String> states = new java.util.ArrayList<>();
      int[] checked = {0};
      io.restassured.path.json.JsonPath view = org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(90)).pollInterval(java.time.Duration.ofMillis(20))
          .until(() -> {
            io.restassured.path.json.JsonPath v = given().auth().preemptive().basic("owner-a", "owner-a")
                .get("/api/v1/validations/" + id).then().statusCode(200).extract().jsonPath();
            states.add(v.getString("state"));
            if ("RUNNING".equals(v.getString("state"))) {
              // progress while running never goes back
              assertThat(v.getInt("partitionsChecked")).isGreaterThanOrEqualTo(checked[0]);
              checked[0] = v.getInt("partitionsChecked");
            }
            return v;
          }, v -> !"RUNNING".equals(v.getString("state")));
      assertThat(states).last().isEqualTo("FINISHED");
      assertThat(view.getString("run.runId")).isEqualTo(id);
      assertThat(view.getInt("summary.missing")).isZero();
      assertThat(view.getInt("summary.partitions")).isEqualTo(4096);
      given().auth().preemptive().basic("owner-b", "owner-b").get("/api/v1/validations/" + id).then().statusCode(403);

      // the body flag does the same; bad input is still refused before anything starts
      ExtractableResponse<Response> bad = given().auth().preemptive().basic("engineer", "engineer")
          .contentType(ContentType.JSON).body("{\"source\":\"" + name + "\",\"target\":" + seeds(target)
              + ",\"namespace\":\"nope\",\"async\":true}")
          .post("/api/v1/validations").then().extract();
      assertThat(bad.statusCode()).isEqualTo(404);
      assertThat(bad.jsonPath().getString("reason")).isEqualTo("NAMESPACE_NOT_FOUND");
      assertThat(runsOf(name)).isEqualTo(1);
    }
  }
}

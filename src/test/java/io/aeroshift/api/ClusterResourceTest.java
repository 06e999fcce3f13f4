package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.aeroshift.testsupport.CredentialFiles;
import io.aeroshift.testsupport.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Inventory CRUD, roles and secret hygiene over REST, on the embedded (H2) store. */
@QuarkusTest
class ClusterResourceTest {

  static String body(String name, String team, String seed) {
    return "{\"name\":\"" + name + "\",\"team\":\"" + team + "\",\"seeds\":[\"" + seed + "\"],\"labels\":{\"env\":\"test\"}}";
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void engineerRegistersReadsUpdatesAndDeletesACluster() {
    String name = unique("orders");
    given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
        .body(body(name, "a", "10.0.0.1:3000"))
        .post("/api/v1/clusters")
        .then().statusCode(201)
        .header("Location", containsString("/api/v1/clusters/" + name))
        .body("name", equalTo(name)).body("team", equalTo("a")).body("seeds[0]", equalTo("10.0.0.1:3000"))
        .body("origin", equalTo("API"));

    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters")
        .then().statusCode(200).body("name", hasItem(name));

    given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
        .body(body(name, "a", "10.0.0.2:3000"))
        .put("/api/v1/clusters/" + name)
        .then().statusCode(200).body("seeds[0]", equalTo("10.0.0.2:3000"));

    given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
        .body(body(name, "a", "10.0.0.1:3000"))
        .post("/api/v1/clusters")
        .then().statusCode(409).contentType("application/problem+json").body("reason", equalTo("CLUSTER_EXISTS"));

    given().auth().preemptive().basic("engineer", "engineer").delete("/api/v1/clusters/" + name)
        .then().statusCode(204);
    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + name)
        .then().statusCode(404).body("reason", equalTo("CLUSTER_NOT_FOUND"));
  }

  @Test
  void viewerCannotWrite() {
    String name = unique("viewer-try");
    given().auth().preemptive().basic("viewer", "viewer").contentType(ContentType.JSON)
        .body(body(name, "a", "10.0.0.1:3000"))
        .post("/api/v1/clusters")
        .then().statusCode(403);
    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + name).then().statusCode(404);
  }

  @Test
  void ownerActsOnlyOnItsOwnTeam() {
    String ofA = unique("team-a");
    given().auth().preemptive().basic("owner-a", "owner-a").contentType(ContentType.JSON)
        .body(body(ofA, "a", "10.0.0.1:3000"))
        .post("/api/v1/clusters").then().statusCode(201);

    given().auth().preemptive().basic("owner-b", "owner-b").contentType(ContentType.JSON)
        .body(body(ofA, "b", "10.0.0.9:3000"))
        .put("/api/v1/clusters/" + ofA)
        .then().statusCode(403).body("reason", equalTo("FORBIDDEN"));
    // nor may owner-a give its cluster away to team b: it would act for a team it does not own
    given().auth().preemptive().basic("owner-a", "owner-a").contentType(ContentType.JSON)
        .body(body(ofA, "b", "10.0.0.1:3000"))
        .put("/api/v1/clusters/" + ofA)
        .then().statusCode(403).body("reason", equalTo("FORBIDDEN")).body("detail", containsString("team b"));
    given().auth().preemptive().basic("owner-b", "owner-b").post("/api/v1/clusters/" + ofA + "/discoveries")
        .then().statusCode(403);
    given().auth().preemptive().basic("owner-b", "owner-b").delete("/api/v1/clusters/" + ofA)
        .then().statusCode(403);
    given().auth().preemptive().basic("owner-b", "owner-b").contentType(ContentType.JSON)
        .body(body(unique("for-a"), "a", "10.0.0.1:3000"))
        .post("/api/v1/clusters").then().statusCode(403);

    // owner-b may read, and the team-a entry is unchanged
    given().auth().preemptive().basic("owner-b", "owner-b").get("/api/v1/clusters/" + ofA)
        .then().statusCode(200).body("team", equalTo("a")).body("seeds[0]", equalTo("10.0.0.1:3000"));
    given().auth().preemptive().basic("owner-a", "owner-a").delete("/api/v1/clusters/" + ofA).then().statusCode(204);
  }

  @Test
  void wrongPasswordAndUnknownUsersAreRejected() {
    given().auth().preemptive().basic("engineer", "nope").get("/api/v1/clusters").then().statusCode(401);
    given().auth().preemptive().basic("root", "root").get("/api/v1/clusters").then().statusCode(401);
    given().get("/api/v1/clusters").then().statusCode(401);
  }

  @Test
  void invalidEntryIsRejectedWithFieldAndReason() {
    given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
        .body("{\"name\":\"Bad Name\",\"seeds\":[\"nohost\"]}")
        .post("/api/v1/clusters")
        .then().statusCode(422).body("reason", equalTo("INVALID_INVENTORY"))
        .body("problems.field", hasItem("team"))
        .body("problems.field", hasItem("name"))
        .body("problems.field", hasItem("seeds[0]"));
  }

  @Test
  void secretsNeverAppearInResponsesOrLogs() throws IOException {
    String secret = "S3cr3t-" + UUID.randomUUID();
    Path file = CredentialFiles.create(secret + "\n");
    String name = unique("secretive");
    List<String> bodies = new ArrayList<>();
    try (LogCapture logs = LogCapture.start()) {
      // 1. a clear password in a request is refused, without echoing it
      Response r = given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
          .body("{\"name\":\"" + name + "\",\"team\":\"a\",\"seeds\":[\"127.0.0.1:1\"],"
              + "\"credentials\":{\"user\":\"admin\",\"password\":\"" + secret + "\"}}")
          .post("/api/v1/clusters");
      bodies.add(r.asString());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.jsonPath().getString("reason")).isEqualTo("CLEAR_TEXT_SECRET");

      // 2. a malformed body carrying the secret is refused without echoing it
      r = given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
          .body("{\"name\":\"" + name + "\",\"credentials\":{\"user\":\"" + secret + "\" oops}")
          .post("/api/v1/clusters");
      bodies.add(r.asString());
      assertThat(r.statusCode()).isEqualTo(400);

      // 3. a reference is accepted; discovery reads the secret (and fails: nothing listens there)
      r = given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
          .body("{\"name\":\"" + name + "\",\"team\":\"a\",\"seeds\":[\"127.0.0.1:" + freePort() + "\"],"
              + "\"credentials\":{\"user\":\"admin\",\"passwordFrom\":{\"file\":\"" + file + "\"}}}")
          .post("/api/v1/clusters");
      bodies.add(r.asString());
      assertThat(r.statusCode()).isEqualTo(201);
      assertThat(r.jsonPath().getString("credentials.passwordFrom.file")).isEqualTo(file.toString());

      r = given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/clusters/" + name + "/discoveries");
      bodies.add(r.asString());
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(r.jsonPath().getString("reason")).isEqualTo("SEEDS_UNREACHABLE");

      for (String path : List.of("/api/v1/clusters", "/api/v1/clusters/" + name, "/api/v1/clusters/" + name + "/discoveries",
          "/q/openapi", "/q/health", "/q/metrics")) {
        bodies.add(given().auth().preemptive().basic("engineer", "engineer").get(path).asString());
      }
      List<String> lines = logs.lines();
      assertThat(lines).as("the discovery run logged something").anyMatch(l -> l.contains("discovery failed"));
      assertThat(lines).noneMatch(l -> l.contains(secret));
      assertThat(bodies).noneMatch(b -> b.contains(secret));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void discoveryOfUnreachableSeedsFailsWithReasonAndStoresNothing() throws IOException {
    String name = unique("nowhere");
    given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
        .body(body(name, "a", "127.0.0.1:" + freePort()))
        .post("/api/v1/clusters").then().statusCode(201);
    given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/clusters/" + name + "/discoveries")
        .then().statusCode(502).contentType("application/problem+json")
        .body("reason", equalTo("SEEDS_UNREACHABLE"))
        .body("detail", containsString("127.0.0.1"));
    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + name + "/discoveries")
        .then().statusCode(200).body("size()", equalTo(0));
    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + name + "/discoveries/latest")
        .then().statusCode(404).body("reason", equalTo("SNAPSHOT_NOT_FOUND"));
  }

  @Test
  void missingPasswordReferenceFailsWithCredentialsUnavailable() {
    String name = unique("nocred");
    given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
        .body("{\"name\":\"" + name + "\",\"team\":\"a\",\"seeds\":[\"127.0.0.1:3000\"],"
            + "\"credentials\":{\"user\":\"admin\",\"passwordFrom\":{\"env\":\"AEROSHIFT_TEST_UNSET_VARIABLE_X\"}}}")
        .post("/api/v1/clusters").then().statusCode(201);
    given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/clusters/" + name + "/discoveries")
        .then().statusCode(422).body("reason", equalTo("CREDENTIALS_UNAVAILABLE"))
        .body("detail", containsString("AEROSHIFT_TEST_UNSET_VARIABLE_X"));
  }

  @Test
  void operationsEndpointsServe() {
    given().get("/q/health/ready").then().statusCode(200).body(containsString("state-store"));
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    String name = unique("metric");
    given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
        .body(body(name, "a", "127.0.0.1:1")).post("/api/v1/clusters").then().statusCode(201);
    given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/clusters/" + name + "/discoveries")
        .then().statusCode(502);
    given().get("/q/metrics").then().statusCode(200)
        .body(containsString("aeroshift_discoveries_total{outcome=\"SEEDS_UNREACHABLE\"}"));
    given().get("/q/openapi").then().statusCode(200)
        .body(containsString("/api/v1/clusters/{name}/discoveries/latest"))
        .body(not(containsString("S3cr3t")));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.testsupport.ClusterContents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Copy runs over REST between emulated clusters: background run with live progress, rate change,
 * stop and resume, BACKUP_RESTORE, metrics, bad input, who may read what.
 */
@QuarkusTest
class CopyResourceTest {
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  private static EmulatedCluster cluster(int records) {
    EmulatedCluster c = EmulatedCluster.builder().nodes(2).basePort(0)
        .namespace(NamespaceSpec.named("test").replicationFactor(1).defaultTtl(0)).start();
    if (records > 0) {
      c.loadRecords("test", "users", records, 60);
    }
    return c;
  }

  private static String seeds(EmulatedCluster c) {
    return "{\"seeds\":[\"" + String.join("\",\"", c.seeds()) + "\"]}";
  }

  private static ExtractableResponse<Response> post(String user, String body) {
    return given().auth().preemptive().basic(user, user).contentType(ContentType.JSON).body(body)
        .post("/api/v1/copies").then().extract();
  }

  private static JsonPath read(String user, String id) {
    return given().auth().preemptive().basic(user, user).get("/api/v1/copies/" + id).then().statusCode(200)
        .extract().jsonPath();
  }

  /** Polls the run until {@code done} holds, failing with the last view after the deadline. */
  private static JsonPath await(String id, Predicate<JsonPath> done) {
    AtomicReference<JsonPath> last = new AtomicReference<>();
    try {
      return Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
          .until(() -> {
            last.set(read("viewer", id));
            return last.get();
          }, done::test);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("run " + id + " did not get there in time; last view: "
          + (last.get() == null ? "none" : last.get().prettify()), e);
    }
  }

  private static boolean ended(JsonPath p) {
    return List.of("SUCCEEDED", "FAILED", "STOPPED").contains(p.getString("state"));
  }

  private static String registerAndDiscover(String prefix, String team, EmulatedCluster c) {
    String name = DiscoveryResourceTest.register(ClusterResourceTest.unique(prefix), team, c.seeds(), null);
    given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/clusters/" + name + "/discoveries")
        .then().statusCode(201);
    return name;
  }

  private static String copyBody(String source, String target, String extra) {
    return "{\"source\":\"" + source + "\",\"target\":" + target + ",\"namespace\":\"test\"" + extra + "}";
  }

  /** Prometheus samples of one meter of one run: label set (without migration) -> value. */
  private static Map<String, Double> metric(String name, String runId) {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Map<String, Double> out = new java.util.TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "{") && line.contains("migration=\"" + runId + "\"")) {
        String labels = line.substring(line.indexOf('{') + 1, line.lastIndexOf('}'));
        out.put(labels.replace("migration=\"" + runId + "\"", "").replaceAll("^,|,$", "").replace(",,", ","),
            Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    return out;
  }

  @Test
  void scanCopyRunsInTheBackgroundShowsProgressTakesARateChangeAndEndsWithAnEqualTarget() {
    try (EmulatedCluster source = cluster(1500); EmulatedCluster target = cluster(0)) {
      String name = registerAndDiscover("copysrc", "a", source);

      ExtractableResponse<Response> started = post("engineer",
          copyBody(name, seeds(target), ",\"mode\":\"SCAN_COPY\",\"rateLimits\":{\"recordsPerSecond\":50}"));
      assertThat(started.statusCode()).isEqualTo(202);
      String id = started.jsonPath().getString("id");
      assertThat(started.header("Location")).endsWith("/api/v1/copies/" + id);
      assertThat(started.jsonPath().getString("state")).isIn("QUEUED", "RUNNING");

      // the rate limit keeps the full copy running long enough to be watched and changed (1500 at
      // 50/s: 30 s, lifted below), so the rate-limit checks run every time, not only when the copy is slow
      JsonPath running = await(id, p -> ended(p) || "FULL".equals(p.getString("stage")) && p.getLong("records") > 0);
      assertThat(running.getString("state")).isEqualTo("RUNNING");
      assertThat(running.getLong("records")).isBetween(1L, 1499L);
      assertThat(running.getLong("estimatedTotal")).isEqualTo(1500);
      assertThat(running.getInt("partitions.total")).isEqualTo(4096);
      assertThat(running.getDouble("fractionDone")).isBetween(0.0, 1.0);
      assertThat(running.getLong("rateLimits.recordsPerSecond")).isEqualTo(50);
      assertThat(running.getInt("pass")).isEqualTo(1);
      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/copies/" + id + "/partitions?state=DONE")
          .then().statusCode(200);

      // lower, then lift the limit: the view reads the running engine's limiter, so it shows what reached it
      given().auth().preemptive().basic("viewer", "viewer").contentType(ContentType.JSON)
          .body("{\"recordsPerSecond\":0}").put("/api/v1/copies/" + id + "/rate-limits").then().statusCode(403);
      JsonPath lowered = given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
          .body("{\"recordsPerSecond\":150,\"bytesPerSecond\":1000000}").put("/api/v1/copies/" + id + "/rate-limits")
          .then().statusCode(200).extract().jsonPath();
      assertThat(lowered.getString("stage")).as(lowered.prettify()).isEqualTo("FULL");
      assertThat(lowered.getLong("rateLimits.recordsPerSecond")).isEqualTo(150);
      assertThat(lowered.getLong("rateLimits.bytesPerSecond")).isEqualTo(1_000_000);
      JsonPath changed = given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
          .body("{\"recordsPerSecond\":0,\"bytesPerSecond\":0}").put("/api/v1/copies/" + id + "/rate-limits")
          .then().statusCode(200).extract().jsonPath();
      assertThat(changed.getString("state")).as(changed.prettify()).isEqualTo("RUNNING");
      assertThat(changed.getLong("rateLimits.recordsPerSecond")).isZero();
      assertThat(changed.getLong("rateLimits.bytesPerSecond")).isZero();

      JsonPath done = await(id, CopyResourceTest::ended);
      assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
      assertThat(done.getList("passes.stage")).containsExactly("FULL", "CATCH_UP", "RECONCILE");
      assertThat(done.getList("passes.complete", Boolean.class)).containsOnly(true);
      assertThat(done.getLong("passes[0].records")).isEqualTo(1500);
      assertThat(done.getInt("passes[0].partitionsDone")).isEqualTo(4096);
      assertThat(done.getDouble("fractionDone")).isEqualTo(1.0);
      assertThat(done.getLong("rateLimits.recordsPerSecond")).isZero();
      assertThat(ClusterContents.of(target.hosts(), "test")).hasSize(1500)
          .isEqualTo(ClusterContents.of(source.hosts(), "test"));

      long copied = done.getLong("passes[0].records") + done.getLong("passes[1].records");
      assertThat(metric("aeroshift_copy_records_total", id)).containsEntry("mode=\"SCAN_COPY\",namespace=\"test\"",
          (double) copied);
      assertThat(metric("aeroshift_copy_bytes_total", id).values()).singleElement()
          .isEqualTo((double) done.getLong("passes[0].bytes") + done.getLong("passes[1].bytes"));
      assertThat(metric("aeroshift_copy_fraction_done", id).values()).containsExactly(1.0);
      assertThat(metric("aeroshift_copy_eta_seconds", id).values()).containsExactly(0.0);
      assertThat(metric("aeroshift_copy_records_per_second", id).values()).containsExactly(0.0);
      assertThat(metric("aeroshift_copy_partitions", id))
          .containsEntry("mode=\"SCAN_COPY\",namespace=\"test\",state=\"done\"", 4096.0)
          .containsEntry("mode=\"SCAN_COPY\",namespace=\"test\",state=\"failed\"", 0.0);

      List<String> listed = given().auth().preemptive().basic("viewer", "viewer").queryParam("source", name)
          .get("/api/v1/copies").then().statusCode(200).extract().jsonPath().getList("id");
      assertThat(listed).containsExactly(id);
      given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/copies/" + id + "/stop")
          .then().statusCode(409).body("reason", equalTo("COPY_NOT_RUNNING"));
    }
  }

  @Test
  void aStoppedRunKeepsItsCheckpointsAndResumesToAnEqualTarget() {
    try (EmulatedCluster source = cluster(1200); EmulatedCluster target = cluster(0)) {
      String name = registerAndDiscover("copystop", "a", source);
      String id = post("engineer", copyBody(name, seeds(target), ",\"rateLimits\":{\"recordsPerSecond\":100}"))
          .jsonPath().getString("id");
      await(id, p -> ended(p) || p.getLong("records") > 0);

      given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/copies/" + id + "/stop")
          .then().statusCode(202);
      JsonPath stopped = await(id, CopyResourceTest::ended);
      assertThat(stopped.getString("state")).isEqualTo("STOPPED");
      assertThat(stopped.getString("failure")).contains("stopped on request");
      int copiedBeforeResume = ClusterContents.of(target.hosts(), "test").size();
      assertThat(copiedBeforeResume).isLessThan(1200);

      given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
          .body("{\"recordsPerSecond\":0}").put("/api/v1/copies/" + id + "/rate-limits")
          .then().statusCode(409).body("reason", equalTo("COPY_NOT_RUNNING"));
      given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/copies/" + id + "/resume")
          .then().statusCode(202);
      given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
          .body("{\"recordsPerSecond\":0}").put("/api/v1/copies/" + id + "/rate-limits");
      JsonPath done = await(id, CopyResourceTest::ended);
      assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
      assertThat(done.getInt("attempts")).isEqualTo(2);
      assertThat(ClusterContents.of(target.hosts(), "test")).isEqualTo(ClusterContents.of(source.hosts(), "test"));
      given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/copies/" + id + "/resume")
          .then().statusCode(409).body("reason", equalTo("COPY_NOT_RESUMABLE"));
    }
  }

  @Test
  void backupRestoreWritesAsbackupFilesAndEndsWithAnEqualTarget() throws Exception {
    Path dir = Files.createTempDirectory("copy-backup");
    try (EmulatedCluster source = cluster(700); EmulatedCluster target = cluster(0)) {
      String name = registerAndDiscover("copybr", "a", source);
      ExtractableResponse<Response> started = post("engineer", copyBody(name, seeds(target),
          ",\"mode\":\"BACKUP_RESTORE\",\"backup\":{\"dir\":\"" + dir + "\",\"compress\":\"zstd\"}"));
      assertThat(started.statusCode()).as(started.asString()).isEqualTo(202);
      String id = started.jsonPath().getString("id");

      JsonPath done = await(id, CopyResourceTest::ended);
      assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
      assertThat(done.getString("mode")).isEqualTo("BACKUP_RESTORE");
      assertThat(done.getString("backup.compress")).isEqualTo("zstd");
      assertThat(done.getList("passes.stage")).containsExactly("BACKUP", "RESTORE", "CATCH_UP", "RECONCILE");
      assertThat(done.getLong("passes[0].records")).isEqualTo(700);
      assertThat(done.getLong("passes[1].records")).isEqualTo(700);
      List<Path> files = new ArrayList<>();
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.getFileName().toString().endsWith(".asb")).forEach(files::add);
      }
      assertThat(files).isNotEmpty();
      // zstd frames start with the magic 28 B5 2F FD
      byte[] head = Arrays.copyOf(Files.readAllBytes(files.get(0)), 4);
      assertThat(head).containsExactly(0x28, 0xB5, 0x2F, 0xFD);
      assertThat(ClusterContents.of(target.hosts(), "test")).hasSize(700)
          .isEqualTo(ClusterContents.of(source.hosts(), "test"));

      // the directory now holds a backup: a second run into it is refused
      ExtractableResponse<Response> again = post("engineer", copyBody(name, seeds(target),
          ",\"mode\":\"BACKUP_RESTORE\",\"backup\":{\"dir\":\"" + dir + "\"}"));
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(again.jsonPath().getString("reason")).isEqualTo("BACKUP_DIR_NOT_EMPTY");
    }
  }

  private static String backupInto(String source, EmulatedCluster target, String dir) {
    return copyBody(source, seeds(target), ",\"mode\":\"BACKUP_RESTORE\",\"backup\":{\"dir\":\"" + dir + "\"}");
  }

  @Test
  void badInputIsRefusedWithAReasonAndChangesNothing() throws java.io.IOException {
    Path linkToProc = Files.createTempDirectory("copybad").resolve("proc-link");
    Files.createSymbolicLink(linkToProc, Path.of("/proc"));
    // the test profile lets backups go to the temporary directory and target/ only
    Path linkOut = Files.createSymbolicLink(linkToProc.resolveSibling("var-tmp-link"), Path.of("/var/tmp"));
    try (EmulatedCluster source = cluster(100); EmulatedCluster target = cluster(0)) {
      String name = registerAndDiscover("copybad", "a", source);
      String good = copyBody(name, seeds(target), "");
      assertThat(post("viewer", good).statusCode()).isEqualTo(403);
      assertThat(post("owner-a", good).statusCode()).isEqualTo(403);

      record Case(String body, int status, String reason, String detail) {}
      List<Case> cases = List.of(
          new Case(copyBody("no-such-cluster", seeds(target), ""), 404, "CLUSTER_NOT_FOUND", "no-such-cluster"),
          new Case(copyBody(name, "{\"cluster\":\"no-such-target\"}", ""), 404, "CLUSTER_NOT_FOUND", "target.cluster"),
          new Case(good.replace("\"namespace\":\"test\"", "\"namespace\":\"nope\""), 404, "NAMESPACE_NOT_FOUND", "'nope'"),
          new Case(copyBody(name, "{\"seeds\":[\"127.0.0.1:1\"]}", ""), 502, "TARGET_SEEDS_UNREACHABLE", "127.0.0.1:1"),
          new Case(copyBody(name, "{\"seeds\":[\"no-port\"]}", ""), 400, "INVALID_REQUEST", "target.seeds[0]"),
          new Case(copyBody(name, seeds(target), ",\"mode\":\"TELEPORT\""), 400, "INVALID_REQUEST", "TELEPORT"),
          new Case(copyBody(name, seeds(target), ",\"mode\":\"XDR\""), 422, "UNSUPPORTED_COPY_MODE", "XDR"),
          new Case(copyBody(name, seeds(target), ",\"mode\":\"BACKUP_RESTORE\""), 400, "INVALID_REQUEST", "backup.dir"),
          new Case(copyBody(name, seeds(target), ",\"mode\":\"BACKUP_RESTORE\",\"backup\":{\"dir\":\"/tmp/x\",\"compress\":\"lz4\"}"),
              400, "INVALID_REQUEST", "lz4"),
          new Case(copyBody(name, seeds(target), ",\"backup\":{\"dir\":\"/tmp/x\"}"), 400, "INVALID_REQUEST", "BACKUP_RESTORE"),
          new Case(copyBody(name, seeds(target), ",\"rateLimits\":{\"recordsPerSecond\":-5}"), 400, "INVALID_REQUEST",
              "recordsPerSecond"),
          new Case(copyBody(name, seeds(target), ",\"plan\":\"no-such-plan\""), 404, "PLAN_NOT_FOUND", "no-such-plan"),
          new Case("{\"target\":" + seeds(target) + "}", 400, "INVALID_REQUEST", "namespace"),
          new Case(backupInto(name, target, "/proc/x"), 400, "INVALID_REQUEST", "/proc/x is inside /proc"),
          new Case(backupInto(name, target, "/sys/kernel/x"), 400, "INVALID_REQUEST", "inside /sys"),
          new Case(backupInto(name, target, "/tmp/../dev/shm/x"), 400, "INVALID_REQUEST", "/dev/shm/x is inside /dev"),
          new Case(backupInto(name, target, linkToProc + "/x"), 400, "INVALID_REQUEST", "through a link: /proc/x"),
          new Case(backupInto(name, target, "/var/tmp/copybad"), 400, "INVALID_REQUEST",
              "/var/tmp/copybad is outside the directories backups may go to (aeroshift.jobs.backup-roots: "),
          new Case(backupInto(name, target, linkOut + "/x"), 400, "INVALID_REQUEST",
              "(through a link: /var/tmp/x) is outside the directories backups may go to"));
      for (Case c : cases) {
        ExtractableResponse<Response> r = post("engineer", c.body());
        assertThat(r.statusCode()).as(c.body() + " -> " + r.asString()).isEqualTo(c.status());
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.jsonPath().getString("reason")).as(c.body()).isEqualTo(c.reason());
        assertThat(r.jsonPath().getString("detail")).as(c.body()).contains(c.detail());
      }
      assertThat(given().auth().preemptive().basic("viewer", "viewer").queryParam("source", name)
          .get("/api/v1/copies").then().statusCode(200).extract().jsonPath().getList("id")).isEmpty();
      assertThat(ClusterContents.of(target.hosts(), "test")).isEmpty();
      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/copies/no-such-run")
          .then().statusCode(404).body("reason", equalTo("COPY_NOT_FOUND"));
    }
  }

  @Test
  void ownersReadOnlyTheirTeamsRunsViewersReadAll() {
    try (EmulatedCluster source = cluster(50); EmulatedCluster target = cluster(0)) {
      String name = registerAndDiscover("copyacl", "a", source);
      String id = post("engineer", copyBody(name, seeds(target), "")).jsonPath().getString("id");
      await(id, CopyResourceTest::ended);

      read("owner-a", id);
      read("viewer", id);
      given().auth().preemptive().basic("owner-b", "owner-b").get("/api/v1/copies/" + id).then().statusCode(403);
      given().auth().preemptive().basic("owner-b", "owner-b").get("/api/v1/copies/" + id + "/partitions")
          .then().statusCode(403);
      assertThat(given().auth().preemptive().basic("owner-b", "owner-b").get("/api/v1/copies").then().statusCode(200)
          .extract().jsonPath().getList("id")).doesNotContain(id);
      assertThat(given().auth().preemptive().basic("owner-a", "owner-a").get("/api/v1/copies").then().statusCode(200)
          .extract().jsonPath().getList("id")).contains(id);
      given().auth().preemptive().basic("owner-a", "owner-a").post("/api/v1/copies/" + id + "/stop")
          .then().statusCode(403);
      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/copies/" + id + "/partitions?state=BOGUS")
          .then().statusCode(400).body("detail", containsString("BOGUS"));
    }
  }
}

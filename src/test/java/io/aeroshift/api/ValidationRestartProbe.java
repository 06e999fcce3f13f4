package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.awaitility.Awaitility;

/**
 * The validation restart check shared by {@link ValidationRestartFirstTest} and
 * {@link ValidationRestartSecondTest}: two starts of the service (each class has its own test
 * profile, so Quarkus stops and starts again between them) on one H2 file database, with the two
 * clusters in emulator processes of their own that outlive the first start.
 *
 * <p>Whichever class runs first finds no probe: it starts both emulators (the target lacks one
 * record), registers the source, posts a synchronous validation with a slow suite, which answers
 * 202 with a Location after {@code aeroshift.validation.sync-wait} (1 s here), sees it RUNNING
 * with partitions checked, writes the probe and ends: the service stops mid-run. The other class
 * finds the probe and polls the run: it must end FINISHED (run again by the second start) or
 * FAILED with a typed reason, never be missing; FINISHED, its report must show exactly the record
 * the target lacks. It then stops the emulators and removes the probe.
 *
 * <p>The first start also leaves a rate-limited copy run RUNNING into a third emulator; the other
 * start must resume it from its startup hook ({@code CopyRuns.onStart}) and end it SUCCEEDED with a
 * target equal to the source, so a start that forgets interrupted copy runs fails here.
 */
final class ValidationRestartProbe {
  static final Path DIR = Path.of("target", "validation-restart").toAbsolutePath();
  private static final Path PROBE = DIR.resolve("probe.properties");
  private static final String CLEANED = "aeroshift.test.validation-restart.cleaned";

  enum Outcome { STARTED, VERIFIED_AFTER_RESTART }

  private ValidationRestartProbe() {}

  /** The test profile's settings: the shared database (fresh when no probe waits), a slow suite, a 1 s sync wait. */
  static Map<String, String> config() {
    try {
      Path suites = DIR.resolve("suites");
      if (Files.exists(PROBE) && !emulatorsAlive()) {
        Files.delete(PROBE); // left by a build that ran only one of the two classes
      }
      // once per JVM: Quarkus may ask a profile for its settings while the other start runs
      if (!Files.exists(PROBE) && System.getProperty(CLEANED) == null) {
        deleteTree(DIR.resolve("db"));
        System.setProperty(CLEANED, "true");
      }
      Files.createDirectories(suites);
      Files.writeString(suites.resolve("slow.yaml"), "description: full check, slowed down for the restart test\n"
          + "checks:\n  counts: true\n  checksums: true\ncompare: bins\nsampleRate: 1.0\n"
          + "recheckBeforeFail: true\nrecordsPerSecond: 150\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "quarkus.datasource.jdbc.url", "jdbc:h2:file:" + DIR.resolve("db").resolve("aeroshift") + ";DB_CLOSE_ON_EXIT=FALSE",
        "aeroshift.validation.suites-dir", DIR.resolve("suites").toString(),
        "aeroshift.validation.sync-wait", "PT1S");
  }

  static Outcome run(String serviceRunId) throws Exception {
    if (!Files.exists(PROBE)) {
      start(serviceRunId);
      return Outcome.STARTED;
    }
    verify(serviceRunId);
    return Outcome.VERIFIED_AFTER_RESTART;
  }

  private static void start(String serviceRunId) throws Exception {
    Emulator source = Emulator.start(1500);
    Emulator target = Emulator.start(1500);
    com.aerospike.client.Key gone = new com.aerospike.client.Key("test", "users", "key-17");
    try (com.aerospike.client.AerospikeClient c = new com.aerospike.client.AerospikeClient(
        new com.aerospike.client.policy.ClientPolicy(), target.seed.split(":")[0],
        Integer.parseInt(target.seed.split(":")[1]))) {
      assertThat(c.delete(null, gone)).isTrue();
    }
    Emulator copyTarget = Emulator.start(0);
    String name = DiscoveryResourceTest.register(ClusterResourceTest.unique("valrestart"), "a",
        List.of(source.seed), null);
    // A copy run slow enough (1500 records at 100/s) to be RUNNING when this start ends: only the
    // next start's hook (CopyRuns.onStart) can finish it.
    ExtractableResponse<Response> copy = given().auth().preemptive().basic("engineer", "engineer")
        .contentType(ContentType.JSON).body("{\"source\":\"" + name + "\",\"target\":{\"seeds\":[\"" + copyTarget.seed
            + "\"]},\"namespace\":\"test\",\"rateLimits\":{\"recordsPerSecond\":100}}")
        .post("/api/v1/copies").then().extract();
    assertThat(copy.statusCode()).as(copy.asString()).isEqualTo(202);
    String copyId = copy.jsonPath().getString("id");
    ExtractableResponse<Response> started = given().auth().preemptive().basic("engineer", "engineer")
        .contentType(ContentType.JSON).body("{\"source\":\"" + name + "\",\"target\":{\"seeds\":[\"" + target.seed
            + "\"]},\"namespace\":\"test\",\"suite\":\"slow\"}")
        .post("/api/v1/validations").then().extract();
    // synchronous, but bounded: 202 and a Location once the wait is over
    assertThat(started.statusCode()).as(started.asString()).isEqualTo(202);
    String id = started.jsonPath().getString("id");
    assertThat(started.header("Location")).endsWith("/api/v1/validations/" + id);
    assertThat(started.jsonPath().getString("state")).isEqualTo("RUNNING");
    JsonPath running = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> read(id), v -> v.getInt("partitionsChecked") > 0);
    assertThat(running.getString("state")).as("still running when the service stops").isEqualTo("RUNNING");
    Properties p = new Properties();
    p.setProperty("id", id);
    p.setProperty("writtenBy", serviceRunId);
    assertThat(readCopy(copyId).getString("state")).as("copy still running when the service stops").isEqualTo("RUNNING");
    p.setProperty("copyId", copyId);
    p.setProperty("sourceSeed", source.seed);
    p.setProperty("copyTargetSeed", copyTarget.seed);
    p.setProperty("pids", source.process.pid() + "," + target.process.pid() + "," + copyTarget.process.pid());
    p.setProperty("missingPartition", String.valueOf(gone.digest[0] & 0xFF | (gone.digest[1] & 0x0F) << 8));
    try (var out = Files.newOutputStream(PROBE)) {
      p.store(out, "validation restart probe");
    }
  }

  private static void verify(String serviceRunId) throws Exception {
    Properties p = new Properties();
    try (var in = Files.newInputStream(PROBE)) {
      p.load(in);
    }
    try {
      assertThat(p.getProperty("writtenBy")).as("probe written by an earlier start").isNotEqualTo(serviceRunId);
      verifyCopyResumed(p);
      String id = p.getProperty("id");
      JsonPath end = Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
          .until(() -> read(id), v -> !"RUNNING".equals(v.getString("state")));
      String state = end.getString("state");
      assertThat(state).isIn("FINISHED", "FAILED");
      if (state.equals("FAILED")) {
        assertThat(end.getString("failureReason")).isNotBlank();
        assertThat(end.getString("errorClass")).isNotBlank();
        return;
      }
      assertThat(end.getString("run.runId")).isEqualTo(id);
      assertThat(end.getInt("summary.partitions")).isEqualTo(4096);
      assertThat(end.getInt("summary.missing")).isEqualTo(1);
      assertThat(end.getInt("summary.extra")).isZero();
      assertThat(end.getInt("summary.unvalidatedPartitions")).isZero();
      assertThat(end.getInt("partitions[0].partition")).isEqualTo(Integer.parseInt(p.getProperty("missingPartition")));
    } finally {
      for (String pid : p.getProperty("pids", "").split(",")) {
        if (!pid.isBlank()) {
          ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroy);
        }
      }
      Files.deleteIfExists(PROBE);
    }
  }

  /**
   * The copy run the earlier start left RUNNING was taken up by this start's startup hook and ends
   * SUCCEEDED with a target equal to the source, record by record.
   */
  private static void verifyCopyResumed(Properties p) {
    String copyId = p.getProperty("copyId");
    JsonPath end = Awaitility.await("copy run " + copyId + " resumed at start and ended").atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> readCopy(copyId), v -> !List.of("QUEUED", "RUNNING").contains(v.getString("state")));
    assertThat(end.getString("state")).as(end.prettify()).isEqualTo("SUCCEEDED");
    assertThat(io.aeroshift.testsupport.ClusterContents.of(hosts(p.getProperty("copyTargetSeed")), "test"))
        .hasSize(1500)
        .isEqualTo(io.aeroshift.testsupport.ClusterContents.of(hosts(p.getProperty("sourceSeed")), "test"));
  }

  private static com.aerospike.client.Host[] hosts(String seed) {
    String[] hp = seed.split(":");
    return new com.aerospike.client.Host[] {new com.aerospike.client.Host(hp[0], Integer.parseInt(hp[1]))};
  }

  private static JsonPath readCopy(String id) {
    return given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/copies/" + id)
        .then().statusCode(200).extract().jsonPath();
  }

  private static boolean emulatorsAlive() throws IOException {
    Properties p = new Properties();
    try (var in = Files.newInputStream(PROBE)) {
      p.load(in);
    }
    for (String pid : p.getProperty("pids", "").split(",")) {
      if (pid.isBlank() || ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false) == false) {
        return false;
      }
    }
    return true;
  }

  private static JsonPath read(String id) {
    return given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/validations/" + id)
        .then().statusCode(200).extract().jsonPath();
  }

  /** An emulator in a process of its own (bin/emulator's main class), so it outlives a start of the service. */
  private record Emulator(Process process, String seed) {
    static Emulator start(int records) throws IOException {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "io.aeroshift.emulator.EmulatorMain", "--nodes", "1",
          "--port", String.valueOf(port), "--namespace", "test", "--replication-factor", "1",
          "--records", String.valueOf(records), "--record-size", "40", "--sets", "users"));
      Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("READY ")) {
          Thread drain = new Thread(() -> {
            try {
              while (out.readLine() != null) {
                // keep the pipe empty
              }
            } catch (IOException ignored) {
              // the emulator ended
            }
          }, "emulator-output");
          drain.setDaemon(true);
          drain.start();
          return new Emulator(proc, line.substring(6).split(",")[0].trim());
        }
        if (System.nanoTime() > deadline) {
          break;
        }
      }
      proc.destroyForcibly();
      throw new IllegalStateException("emulator did not print READY");
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}

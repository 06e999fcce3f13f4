package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.discovery.SnapshotStore;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The restart check shared by the two PostgreSQL restart test classes. Each class runs under its
 * own test profile, so Quarkus stops and starts again between them (new JVM-level application,
 * new connection pool, new EntityManagerFactory), both on the same PostgreSQL schema, never cleaned.
 *
 * <p>Whichever class runs first finds no probe, writes one (an inventory entry and a snapshot,
 * tagged with its own service-run id) and checks it reads back. The other finds a probe written
 * by a different run of the service, checks every field of the entry and the snapshot survived,
 * and deletes it so the next build starts again. The order of the classes does not matter; a
 * marker file ({@link #MARKER}) says a probe was written, so the run after it requires the probe
 * instead of writing a new one when it is gone.
 */
final class RestartProbe {
  static final String NAME = "restart-probe";

  enum Outcome { WROTE, VERIFIED_AFTER_RESTART }

  private RestartProbe() {}

  /**
   * Written next to the build output when a run writes the probe, removed when a later run
   * verified it: while it exists, a run of another service instance must find the probe. Without
   * it a restart that lost the probe would only make the second run write it again.
   */
  static final java.nio.file.Path MARKER = java.nio.file.Path.of("target", "restart-probe.written");

  static Outcome run(String serviceRunId, SnapshotStore snapshots) {
    Response existing = given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + NAME);
    String writtenBy = writtenBy();
    if (writtenBy != null && !writtenBy.equals(serviceRunId)) {
      assertThat(existing.statusCode())
          .as("service run " + writtenBy + " wrote the restart probe (" + MARKER + "); after the restart it must still be there."
              + " (If the schema was dropped by hand since, delete " + MARKER + ".)")
          .isEqualTo(200);
    }
    if (existing.statusCode() == 404) {
      given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
          .body("{\"name\":\"" + NAME + "\",\"team\":\"a\",\"seeds\":[\"10.9.0.1:3000\",\"10.9.0.2:3000\"],"
              + "\"tls\":{\"enabled\":true,\"name\":\"probe-tls\"},"
              + "\"credentials\":{\"user\":\"migrator\",\"passwordFrom\":{\"secret\":{\"name\":\"probe\",\"key\":\"password\"}}},"
              + "\"labels\":{\"writtenBy\":\"" + serviceRunId + "\"}}")
          .post("/api/v1/clusters").then().statusCode(201);
      snapshots.append(Snapshots.sample(NAME));
      snapshots.append(Snapshots.sampleWithMoreObjects(NAME));
      verify();
      mark(serviceRunId);
      return Outcome.WROTE;
    }
    assertThat(existing.statusCode()).isEqualTo(200);
    String writer = existing.jsonPath().getString("labels.writtenBy");
    assertThat(writer).as("probe written by an earlier run of the service").isNotEqualTo(serviceRunId);
    verify();
    given().auth().preemptive().basic("engineer", "engineer").delete("/api/v1/clusters/" + NAME).then().statusCode(204);
    mark(null);
    return Outcome.VERIFIED_AFTER_RESTART;
  }

  private static String writtenBy() {
    try {
      return java.nio.file.Files.exists(MARKER) ? java.nio.file.Files.readString(MARKER).trim() : null;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void mark(String serviceRunId) {
    try {
      if (serviceRunId == null) {
        java.nio.file.Files.deleteIfExists(MARKER);
      } else {
        java.nio.file.Files.createDirectories(MARKER.getParent());
        java.nio.file.Files.writeString(MARKER, serviceRunId);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void verify() {
    JsonPath c = given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + NAME)
        .then().statusCode(200).extract().jsonPath();
    assertThat(c.getString("team")).isEqualTo("a");
    assertThat(c.getList("seeds")).containsExactly("10.9.0.1:3000", "10.9.0.2:3000");
    assertThat(c.getBoolean("tls.enabled")).isTrue();
    assertThat(c.getString("tls.name")).isEqualTo("probe-tls");
    assertThat(c.getString("credentials.user")).isEqualTo("migrator");
    assertThat(c.getString("credentials.passwordFrom.secret.name")).isEqualTo("probe");
    assertThat(c.getString("credentials.passwordFrom.secret.key")).isEqualTo("password");

    JsonPath list = given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + NAME + "/discoveries")
        .then().statusCode(200).extract().jsonPath();
    assertThat(list.getList("version", Integer.class)).containsExactly(1, 2);
    for (int v = 1; v <= 2; v++) {
      ClusterSnapshot expected = v == 1 ? Snapshots.sample(NAME) : Snapshots.sampleWithMoreObjects(NAME);
      JsonPath s = given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + NAME + "/discoveries/" + v)
          .then().statusCode(200).extract().jsonPath();
      assertThat(s.getInt("version")).isEqualTo(v);
      assertThat(s.getString("takenAt")).isEqualTo(expected.takenAt().toString());
      assertThat(s.getLong("namespaces[0].objects")).isEqualTo(expected.namespaces().get(0).objects());
      assertThat(s.getLong("namespaces[0].sets[0].objects")).isEqualTo(expected.namespaces().get(0).sets().get(0).objects());
      assertThat(s.getString("nodes[0].build")).isEqualTo("6.4.0.10");
      assertThat(s.getString("udfs[0].filename")).isEqualTo("util.lua");
    }
  }
}

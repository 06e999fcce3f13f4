package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.aeroshift.jobs.CopyRun;
import io.aeroshift.jobs.CopyRunSpec;
import io.aeroshift.jobs.CopyRunState;
import io.aeroshift.jobs.JdbcCopyRunStore;
import io.aeroshift.planning.CopyMode;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.migration.MigrationStore;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A registered cluster that active work refers to cannot be removed: 409 naming that work. */
@QuarkusTest
class ClusterInUseResourceTest {
  @Inject AgroalDataSource dataSource;
  @Inject MigrationStore migrations;

  private static String register(String prefix) {
    String name = ClusterResourceTest.unique(prefix);
    given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
        .body(ClusterResourceTest.body(name, "a", "10.0.0.1:3000")).post("/api/v1/clusters").then().statusCode(201);
    return name;
  }

  @Test
  void aClusterWithAnActiveCopyRunAsSourceOrTargetIsKeptUntilTheRunIsFinal() {
    String source = register("busy-src");
    String target = register("busy-dst");
    JdbcCopyRunStore runs = new JdbcCopyRunStore(dataSource);
    String id = "c-inuse-" + System.nanoTime();
    CopyRunSpec spec = new CopyRunSpec(id, source, "a", target, null, "ns-" + id, null, CopyMode.SCAN_COPY, 0, 0, null, null,
        "engineer", Instant.now());
    CopyRun stored = runs.save(CopyRun.queued(spec));

    for (String cluster : List.of(source, target)) {
      given().auth().preemptive().basic("engineer", "engineer").delete("/api/v1/clusters/" + cluster)
          .then().statusCode(409).contentType("application/problem+json")
          .body("reason", equalTo("CLUSTER_IN_USE"))
          .body("detail", allOf(containsString("copy run " + id), containsString(cluster)));
      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + cluster).then().statusCode(200);
    }

    runs.save(new CopyRun(spec, CopyRunState.STOPPED, null, 0, 0, 0, List.of(), null, null, Instant.now(), null, stored.version()));
    given().auth().preemptive().basic("engineer", "engineer").delete("/api/v1/clusters/" + source).then().statusCode(204);
    given().auth().preemptive().basic("engineer", "engineer").delete("/api/v1/clusters/" + target).then().statusCode(204);
  }

  @Test
  void aClusterThatAMigrationNotYetFinalComesFromIsKept() throws SQLException {
    String source = register("migrating");
    String id = "m-inuse-" + System.nanoTime();
    migrations.create(Migration.planned(id, "plan-" + id, source, "team-" + id, "wave-" + id, "engineer", Instant.now()));
    try {
      given().auth().preemptive().basic("engineer", "engineer").delete("/api/v1/clusters/" + source)
          .then().statusCode(409).contentType("application/problem+json")
          .body("reason", equalTo("CLUSTER_IN_USE"))
          .body("detail", containsString("migration " + id + " (PLANNED)"));
      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + source).then().statusCode(200);
    } finally {
      try (Connection c = dataSource.getConnection()) {
        for (String table : List.of("migration_history", "migration_commands")) {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE migration_id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
          }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM migrations WHERE id = ?")) {
          ps.setString(1, id);
          ps.executeUpdate();
        }
      }
    }
    given().auth().preemptive().basic("engineer", "engineer").delete("/api/v1/clusters/" + source).then().statusCode(204);
  }
}

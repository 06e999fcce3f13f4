package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.aeroshift.jobs.CopyRun;
import io.aeroshift.jobs.CopyRunSpec;
import io.aeroshift.jobs.CopyRunState;
import io.aeroshift.jobs.JdbcCopyRunStore;
import io.aeroshift.planning.CopyMode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A copy run a migration owns is steered through its migration: stop, resume and rate changes at
 * {@code /api/v1/copies/{id}} are refused with 409 OWNED_BY_MIGRATION naming the migration and the
 * commands to use, and change nothing.
 */
@QuarkusTest
class CopyOwnedByMigrationResourceTest {
  @Inject AgroalDataSource dataSource;

  @Test
  void stopResumeAndRateChangesOfAMigrationsRunAreRefusedNamingTheMigration() {
    String migration = "m-owned-" + System.nanoTime();
    String id = migration + "-full-copy-a1-test";
    JdbcCopyRunStore runs = new JdbcCopyRunStore(dataSource);
    CopyRunSpec spec = new CopyRunSpec(id, "payments-ce", "payments", null, List.of("10.0.0.9:3000"), "ns-" + id,
        null, CopyMode.SCAN_COPY, 0, 0, null, "plan", "workflow", Instant.now(), null,
        new CopyRunSpec.MigrationStep(migration, migration + "/test", false));
    CopyRun stored = runs.save(CopyRun.queued(spec));
    try {
      for (String path : List.of("stop", "resume")) {
        given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/copies/" + id + "/" + path)
            .then().statusCode(409).contentType("application/problem+json")
            .body("reason", equalTo("OWNED_BY_MIGRATION"))
            .body("migration", equalTo(migration))
            .body("detail", allOf(containsString("copy run " + id), containsString("migration " + migration),
                containsString("POST /api/v1/migrations/" + migration + "/pause"),
                containsString("/api/v1/migrations/" + migration + "/abort")));
      }
      given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
          .body("{\"recordsPerSecond\":5,\"bytesPerSecond\":0}").put("/api/v1/copies/" + id + "/rate-limits")
          .then().statusCode(409).contentType("application/problem+json")
          .body("reason", equalTo("OWNED_BY_MIGRATION"));
      CopyRun after = runs.find(id).orElseThrow();
      assertThat(after.version()).isEqualTo(stored.version());
      assertThat(after.recordsPerSecond()).isZero();
    } finally {
      runs.save(new CopyRun(spec, CopyRunState.STOPPED, null, 0, 0, 0, List.of(), null, null, Instant.now(), null,
          runs.find(id).orElseThrow().version()));
    }
  }
}

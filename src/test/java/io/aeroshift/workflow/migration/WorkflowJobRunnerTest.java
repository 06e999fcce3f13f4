package io.aeroshift.workflow.migration;

import static io.aeroshift.workflow.migration.WorkflowHarness.in;
import static io.aeroshift.workflow.migration.WorkflowHarness.until;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.jobs.CopyRuns;
import io.aeroshift.jobs.CopyRunService;
import io.aeroshift.jobs.CopyStage;
import io.aeroshift.jobs.PassResult;
import io.aeroshift.jobs.ValidationRuns;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.Phase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The workflow's long operations are runs of the job runner: a BACKUP_RESTORE plan copies by
 * asbackup files then catches up (not by a scan), its runs are visible under
 * {@code /api/v1/copies}, and the evidence an owner approves names the stored validation run the
 * API serves with its per-partition map.
 */
@QuarkusTest
class WorkflowJobRunnerTest {
  static final String PLAN = """
      name: catalog-ce-backup-rehearsal
      source:
        cluster: catalog-ce
      team: catalog
      owners: [owner-catalog]
      wave: rehearsal
      target:
        kubernetesNamespace: catalog-backup
        clusterName: catalog-backup
        image: aerospike/aerospike-server-enterprise:8.0.0.9
        storageClass: standard
      copy:
        mode: BACKUP_RESTORE
        rateLimits:
          recordsPerSecond: 100000
          bytesPerSecond: 104857600
      validation:
        suite: default
      cutover:
        method: manual
        maxLagSeconds: 30
        drainQuietPeriodSeconds: 120
      sizing:
        growthPct: 0
        headroomPct: 20
      """;

  @Inject Inventory inventory;
  @Inject DiscoveryService discovery;
  @Inject WorkflowRuntime runtime;
  @Inject MigrationStore store;
  @Inject CopyRuns copyRuns;
  @Inject ValidationRuns validationRuns;

  static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, user);
  }

  @Test
  void aBackupRestorePlanCopiesByBackupThenCatchesUpAndItsEvidenceIsAStoredValidationRun() {
    WorkflowHarness world = WorkflowHarness.get(inventory, discovery);
    int submitted = as("engineer").contentType("application/yaml").body(PLAN.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/plans").then()
        .extract().statusCode();
    assertThat(submitted).isIn(201, 409);
    String id = as("engineer").contentType(ContentType.JSON).body("{\"plan\":\"catalog-ce-backup-rehearsal\"}")
        .post("/api/v1/migrations").then().statusCode(201).extract().path("id");
    as("engineer").contentType(ContentType.JSON).post("/api/v1/migrations/" + id + "/start").then().statusCode(202);
    MigrationReconciler r = world.reconciler(runtime, "backup-replica", Duration.ofSeconds(5));
    Migration done;
    try {
      done = until(r, store, List.of(id), in(Phase.AWAITING_APPROVAL)).get(0);
    } finally {
      r.close();
    }
    assertThat(WorkflowHarness.target(done, "catalog", false))
        .isEqualTo(WorkflowHarness.source(world.catalog, "catalog")).hasSize(500);

    // the full copy was a copy run of the job runner: backup, restore, then catch-up and reconciliation
    String fullCopy = id + "-full-copy-a1-catalog";
    CopyRunService.Observed run = copyRuns.service().find(fullCopy).orElseThrow();
    assertThat(run.run().passes()).extracting(PassResult::stage)
        .containsExactly(CopyStage.BACKUP, CopyStage.RESTORE, CopyStage.CATCH_UP, CopyStage.RECONCILE);
    assertThat(run.run().passes()).filteredOn(p -> p.stage() == CopyStage.RESTORE).singleElement()
        .satisfies(p -> assertThat(p.records()).isEqualTo(500));
    assertThat(run.run().spec().migration()).isEqualTo(id);
    as("viewer").get("/api/v1/copies/" + fullCopy).then().statusCode(200).body("mode", equalTo("BACKUP_RESTORE"))
        .body("state", equalTo("SUCCEEDED"));
    // a delta pass is a run of its own: catch-up and reconciliation, never a second full copy or backup
    String delta = id + "-delta-pass-a1-p1-catalog";
    assertThat(copyRuns.service().find(delta).orElseThrow().run().passes()).extracting(PassResult::stage)
        .containsExactly(CopyStage.CATCH_UP, CopyStage.RECONCILE);

    // the evidence is the stored validation run: the API serves its report and per-partition map
    String evidence = done.lastValidation().id();
    assertThat(validationRuns.service().find(evidence)).isPresent();
    as("owner-catalog").get("/api/v1/migrations/" + id).then().statusCode(200)
        .body("lastValidation.id", equalTo(evidence)).body("lastValidation.outcome", equalTo("passed"));
    as("owner-catalog").get("/api/v1/validations/" + evidence).then().statusCode(200)
        .body("state", equalTo("FINISHED")).body("run.runId", equalTo(evidence))
        .body("run.exitCode", equalTo(0));
    as("viewer").get("/api/v1/validations/" + evidence + "/partitions").then().statusCode(200)
        .body("$", hasSize(4096)).body("status", everyItem(equalTo("MATCH")));
    as("owner-payments").get("/api/v1/validations/" + evidence).then().statusCode(403);

    as("owner-catalog").contentType(ContentType.JSON).post("/api/v1/migrations/" + id + "/approve").then()
        .statusCode(202);
    MigrationReconciler again = world.reconciler(runtime, "backup-replica-2", Duration.ofSeconds(5));
    try {
      until(again, store, List.of(id), in(Phase.APPROVED));
    } finally {
      again.close();
    }
    String approved = as("viewer").get("/api/v1/migrations/" + id).then().statusCode(200)
        .body("approval.by", equalTo("owner-catalog")).extract().path("approval.evidence.id");
    assertThat(approved).isEqualTo(evidence);
    as("viewer").get("/api/v1/validations/" + approved + "/summary").then().statusCode(200);

    // aborted, the migration removes the backup directory its copy made, and nothing beside it; the
    // reconciler that makes it final stops there (as a process stopping right after would), and
    // another one removes the directory
    java.nio.file.Path backup = java.nio.file.Path.of(run.run().spec().backup().dir());
    assertThat(backup).isDirectory();
    java.nio.file.Path beside = backup.resolveSibling(backup.getFileName() + "-not-the-workflows");
    writeSentinel(beside);
    as("engineer").contentType(ContentType.JSON).post("/api/v1/migrations/" + id + "/abort").then().statusCode(202);
    MigrationReconciler aborting = world.reconciler(runtime, "backup-replica-3", Duration.ofSeconds(5));
    try {
      until(aborting, store, List.of(id), in(Phase.ABORTED));
    } finally {
      aborting.close();
    }
    assertThat(backup).as("removed only after the step that made the migration final").isDirectory();
    MigrationReconciler cleaning = world.reconciler(runtime, "backup-replica-4", Duration.ofSeconds(5));
    try {
      org.awaitility.Awaitility.await().atMost(WorkflowHarness.DEADLINE).pollInterval(Duration.ofMillis(50))
          .until(() -> {
            cleaning.runOnce();
            return !java.nio.file.Files.exists(backup);
          });
      // the next look finds nothing left to remove: the final migration is not stepped again
      org.awaitility.Awaitility.await().atMost(WorkflowHarness.DEADLINE).pollInterval(Duration.ofMillis(50))
          .until(() -> {
            cleaning.runOnce();
            return store.find(id).orElseThrow().nextCheckAt() == null;
          });
    } finally {
      cleaning.close();
    }
    assertThat(beside.resolve("keep.txt")).hasContent("not the workflow's");
    assertThat(store.find(id).orElseThrow().phase()).isEqualTo(Phase.ABORTED);
  }

  private static void writeSentinel(java.nio.file.Path dir) {
    try {
      java.nio.file.Files.createDirectories(dir);
      java.nio.file.Files.writeString(dir.resolve("keep.txt"), "not the workflow's");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

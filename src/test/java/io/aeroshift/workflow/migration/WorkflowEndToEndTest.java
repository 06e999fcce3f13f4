package io.aeroshift.workflow.migration;

import static io.aeroshift.workflow.migration.WorkflowHarness.in;
import static io.aeroshift.workflow.migration.WorkflowHarness.until;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.provisioning.crd.AerospikeCluster;
import io.aeroshift.testsupport.ClusterContents;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.Phase;
import io.aeroshift.workflow.machine.WaveState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The workflow end to end on emulated CE sources, fabric8's mock API server and the simulated
 * operator: a wave of two teams to approval, approvals by each team's owner only, a wrong-phase
 * command, an approval voided by a later failing validation (which stops the wave), and a
 * migration whose service is stopped and started again in every working phase. Data is compared
 * record by record with the test's own reader.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkflowEndToEndTest {
  @Inject Inventory inventory;
  @Inject DiscoveryService discovery;
  @Inject WorkflowRuntime runtime;
  @Inject MigrationStore store;

  WorkflowHarness world;

  @BeforeEach
  void world() {
    world = WorkflowHarness.get(inventory, discovery);
  }

  static io.restassured.specification.RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, user);
  }

  private List<String> wave1() {
    return store.list("wave-1", null).stream().map(Migration::id).toList();
  }

  private Migration ofPlan(String plan) {
    return store.list(null, null).stream().filter(m -> m.plan().equals(plan)).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  @Order(1)
  void aWaveOfTwoTeamsReachesApprovalAndEachOwnerApprovesOnlyTheirOwn() {
    as("viewer").post("/api/v1/waves/wave-1/start").then().statusCode(403);
    as("engineer").post("/api/v1/waves/wave-1/start").then().statusCode(202).body("state", equalTo("RUNNING"));
    List<String> ids = wave1();
    assertThat(ids).hasSize(2);
    MigrationReconciler r = world.reconciler(runtime, "replica-a", Duration.ofSeconds(5));
    try {
      until(r, store, ids, in(Phase.AWAITING_APPROVAL));

      Migration pay = ofPlan("payments-ce-to-ee");
      Migration cat = ofPlan("catalog-ce-to-ee");
      assertThat(WorkflowHarness.target(pay, "payments", true))
          .isEqualTo(WorkflowHarness.source(world.payments, "payments")).hasSize(600);
      assertThat(WorkflowHarness.target(cat, "catalog", false))
          .isEqualTo(WorkflowHarness.source(world.catalog, "catalog")).hasSize(500);

      // the list as the API gives it
      as("viewer").get("/api/v1/migrations?wave=wave-1").then().statusCode(200)
          .body("phase", org.hamcrest.Matchers.everyItem(equalTo("AWAITING_APPROVAL")))
          .body("team", org.hamcrest.Matchers.containsInAnyOrder("payments", "catalog"))
          .body("lastValidation.outcome", org.hamcrest.Matchers.everyItem(equalTo("passed")))
          .body("canCutover", org.hamcrest.Matchers.everyItem(equalTo(false)))
          .body("cutoverBlockers.reason", hasItem(hasItem("NOT_APPROVED")));

      // a command the phase does not accept: 409 naming the phase and what it accepts
      as("engineer").contentType(ContentType.JSON).post("/api/v1/migrations/" + pay.id() + "/cutover").then()
          .statusCode(409).contentType("application/problem+json").body("phase", equalTo("AWAITING_APPROVAL"))
          .body("acceptedCommands", hasItem("approve")).body("reason", equalTo("COMMAND_NOT_ACCEPTED"));

      // only an owner of the migration's team approves
      as("owner-catalog").contentType(ContentType.JSON).post("/api/v1/migrations/" + pay.id() + "/approve").then()
          .statusCode(403);
      as("engineer").contentType(ContentType.JSON).post("/api/v1/migrations/" + pay.id() + "/approve").then()
          .statusCode(403);
      as("owner-payments").contentType(ContentType.JSON).body("{\"reason\":\"counts match\"}")
          .post("/api/v1/migrations/" + pay.id() + "/approve").then().statusCode(202);
      as("owner-catalog").contentType(ContentType.JSON).post("/api/v1/migrations/" + cat.id() + "/approve").then()
          .statusCode(202);
      until(r, store, ids, in(Phase.APPROVED));

      as("viewer").get("/api/v1/migrations/" + pay.id()).then().statusCode(200)
          .body("approval.by", equalTo("owner-payments"))
          .body("approval.evidence.id", equalTo(store.find(pay.id()).orElseThrow().lastValidation().id()))
          .body("approval.evidence.sourceRecords", equalTo(600))
          .body("approval.evidence.differences", equalTo(0))
          .body("canCutover", equalTo(true));
      as("viewer").get("/api/v1/migrations/" + pay.id() + "/history").then().statusCode(200)
          .body("findAll { it.kind == 'TRANSITION' }.to", hasItem("APPROVED"))
          .body("findAll { it.command == 'approve' }.by", hasItem("owner-payments"));
    } finally {
      r.close();
    }
  }

  @Test
  @Order(2)
  void aLaterFailingValidationVoidsTheApprovalAndStopsTheWave() {
    Migration pay = ofPlan("payments-ce-to-ee");
    Migration cat = ofPlan("catalog-ce-to-ee");
    assertThat(pay.phase()).isEqualTo(Phase.APPROVED);
    // the target diverges: one record lost on it
    String digest = WorkflowHarness.target(pay, "payments", true).keySet().iterator().next();
    ClientPolicy p = new ClientPolicy();
    p.user = "admin";
    p.password = "s3cret-admin";
    try (AerospikeClient c = new AerospikeClient(p, WorkflowHarness.hosts(pay.targetEndpoints()))) {
      assertThat(c.delete(null, new Key("payments", HexFormat.of().parseHex(digest), "transactions", null)))
          .isTrue();
    }
    as("engineer").contentType(ContentType.JSON).post("/api/v1/migrations/" + pay.id() + "/validate").then()
        .statusCode(202);
    MigrationReconciler r = world.reconciler(runtime, "replica-b", Duration.ofSeconds(5));
    try {
      until(r, store, List.of(pay.id()), in(Phase.FAILED));
      Migration failed = store.find(pay.id()).orElseThrow();
      assertThat(failed.approval()).isNull();
      assertThat(failed.failure().reason()).isEqualTo(FailureReason.DATA_MISMATCH);
      assertThat(failed.lastValidation().passed()).isFalse();
      assertThat(store.history(pay.id())).anyMatch(h -> h.reason() != null
          && h.reason().startsWith("APPROVAL_VOID"));
      // stop-the-wave: the wave is stopped and the other migration paused
      assertThat(store.findWave("wave-1").orElseThrow().state()).isEqualTo(WaveState.STOPPED);
      until(r, store, List.of(cat.id()), in(Phase.PAUSED));
      as("viewer").get("/api/v1/migrations/" + pay.id()).then().body("approval", equalTo(null))
          .body("canCutover", equalTo(false)).body("lastValidation.outcome", equalTo("failed"));
    } finally {
      r.close();
    }
  }

  @Test
  @Order(3)
  void aServiceStoppedInEveryWorkingPhaseEndsWithTheSameDataAndOneProvisioning() {
    String id = as("engineer").contentType(ContentType.JSON).body("{\"plan\":\"catalog-ce-rehearsal\"}")
        .post("/api/v1/migrations").then().statusCode(201).body("phase", equalTo("PLANNED")).extract()
        .path("id");
    as("engineer").contentType(ContentType.JSON).post("/api/v1/migrations/" + id + "/start").then().statusCode(202);
    int replica = 0;
    MigrationReconciler r = world.reconciler(runtime, "restart-" + replica++, Duration.ofSeconds(1));
    String uid = null;
    try {
      for (Phase phase : List.of(Phase.PROVISIONING, Phase.COPYING, Phase.CATCHING_UP, Phase.VALIDATING)) {
        until(r, store, List.of(id), in(phase));
        if (uid == null) {
          uid = clusters().get(0).getMetadata().getUid();
        }
        // the service stops in this phase: its jobs die with it, its lease is left to run out
        r.close();
        r = world.reconciler(runtime, "restart-" + replica++, Duration.ofSeconds(1));
      }
      until(r, store, List.of(id), in(Phase.AWAITING_APPROVAL));
    } finally {
      r.close();
    }
    Migration done = store.find(id).orElseThrow();
    assertThat(WorkflowHarness.target(done, "catalog", false))
        .isEqualTo(WorkflowHarness.source(world.catalog, "catalog")).hasSize(500);
    assertThat(clusters()).singleElement().satisfies(c -> assertThat(c.getMetadata().getName())
        .isEqualTo("catalog-rehearsal"));
    assertThat(clusters().get(0).getMetadata().getUid()).isEqualTo(uid);
    assertThat(store.history(id).stream().filter(h -> "PROVISIONING".equals(h.to()))).hasSize(1);
    List<String> phases = store.history(id).stream().filter(h -> h.kind().equals("TRANSITION")).map(h -> h.to())
        .toList();
    assertThat(phases).containsExactly("PLANNED", "PROVISIONING", "COPYING", "CATCHING_UP", "VALIDATING",
        "AWAITING_APPROVAL");
  }

  private List<AerospikeCluster> clusters() {
    return world.k8s.client.resources(AerospikeCluster.class).inNamespace("catalog-rehearsal").list().getItems();
  }

  @Test
  @Order(4)
  void badInputIsRefusedAndChangesNothing() {
    int before = store.list(null, null).size();
    as("engineer").contentType(ContentType.JSON).body("{\"plan\":\"payments-ce-to-ee\",\"colour\":\"red\"}")
        .post("/api/v1/migrations").then().statusCode(400).contentType("application/problem+json")
        .body("detail", org.hamcrest.Matchers.containsString("colour"));
    as("engineer").contentType(ContentType.JSON).body("{\"plan\":\"no-such-plan\"}").post("/api/v1/migrations")
        .then().statusCode(404);
    as("viewer").contentType(ContentType.JSON).body("{\"plan\":\"catalog-ce-rehearsal\"}")
        .post("/api/v1/migrations").then().statusCode(403);
    as("engineer").contentType(ContentType.JSON).body("{\"name\":\"w2\",\"limits\":{\"maxConcurrentCopies\":0}}")
        .post("/api/v1/waves").then().statusCode(400).body("detail",
            org.hamcrest.Matchers.containsString("maxConcurrentCopies"));
    as("engineer").contentType(ContentType.JSON).post("/api/v1/migrations/nope/start").then().statusCode(404);
    as("engineer").contentType(ContentType.JSON).post("/api/v1/migrations/" + store.list(null, null).get(0).id()
        + "/frobnicate").then().statusCode(404).body("reason", equalTo("UNKNOWN_COMMAND"));
    assertThat(store.list(null, null)).hasSize(before);
    as("engineer").contentType(ContentType.JSON).body("{\"name\":\"w2\",\"limits\":{\"maxConcurrentCopies\":3,"
        + "\"cutoverWindows\":[{\"days\":[\"saturday\"],\"from\":\"22:00\",\"to\":\"02:00\"}]}}")
        .post("/api/v1/waves").then().statusCode(201).body("limits.maxConcurrentCopies", equalTo(3))
        .body("limits.cutoverWindows[0].days", hasItem("SATURDAY"));
    as("viewer").get("/api/v1/waves").then().statusCode(200).body("name", hasItem("w2"))
        .body("name", hasItem("wave-1"));
  }
}

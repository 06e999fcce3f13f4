package io.aeroshift.workflow.migration;

import static io.aeroshift.workflow.migration.WorkflowHarness.in;
import static io.aeroshift.workflow.migration.WorkflowHarness.until;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import io.aeroshift.cutover.Ledgers;
import io.aeroshift.cutover.RolloutRestarts;
import io.aeroshift.demo.SimulatedAkoOperator;
import io.aeroshift.demo.SimulatedApplication;
import io.aeroshift.demo.SimulatedDeploymentController;
import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.inventory.ClusterEntry;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.inventory.Origin;
import io.aeroshift.demo.AkoMockServer;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.Phase;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cutover through the workflow, as an engineer runs it: an emulated CE source
 * {@code orders-ce}, fabric8's mock API server with the simulated operator provisioning the
 * Enterprise target, the simulated Deployment controller, and simulated applications reading
 * their seeds from a ConfigMap and writing through the whole cutover. The service (its
 * reconciler) is killed after the point of no return and during the drain; what the
 * applications acknowledged is checked record by record with the test's own client.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CutoverWorkflowTest {
  static final String KNS = "orders";
  static final String NS = "orders";

  @Inject Inventory inventory;
  @Inject DiscoveryService discovery;
  @Inject WorkflowRuntime runtime;
  @Inject MigrationStore store;

  static EmulatedCluster source;
  static AkoMockServer k8s;
  static SimulatedAkoOperator operator;
  static SimulatedDeploymentController deployments;

  @BeforeEach
  void world() {
    if (source == null) {
      source = EmulatedCluster.builder().nodes(2).edition(Edition.COMMUNITY).build("6.4.0.10")
          .clusterName("orders-ce")
          .namespace(NamespaceSpec.named(NS).replicationFactor(2).defaultTtl(0).storageMemory(1L << 30)).start();
      source.loadRecords(NS, "preload", 300, 100);
      k8s = new AkoMockServer();
      operator = new SimulatedAkoOperator(k8s.client);
      operator.start(Duration.ofMillis(50));
      deployments = new SimulatedDeploymentController(k8s.client, KNS);
      deployments.start(Duration.ofMillis(50));
    }
    ClusterEntry e = new ClusterEntry("orders-ce", "orders", source.seeds(), null, null,
        Map.of("edition", "community"));
    if (inventory.find("orders-ce").isEmpty()) {
      inventory.create(e, Origin.API);
      discovery.discover("orders-ce");
    }
  }

  @AfterAll
  static void stop() {
    if (deployments != null) {
      deployments.close();
      operator.close();
      k8s.close();
      source.close();
    }
  }

  static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, user);
  }

  /** A plan whose clients are switched through {@code configMap} and which restarts {@code deployment}. */
  private static String plan(String name, String cluster, String configMap, String deployment) {
    return """
        name: %s
        source: {cluster: orders-ce}
        team: orders
        owners: [owner-orders]
        wave: orders
        target:
          kubernetesNamespace: orders
          clusterName: %s
          image: aerospike/aerospike-server-enterprise:8.1.1.0
          storageClass: standard
        copy:
          mode: SCAN_COPY
          rateLimits: {recordsPerSecond: 50000, bytesPerSecond: 104857600}
        validation: {suite: default}
        cutover:
          method: configmap
          maxLagSeconds: 5
          drainQuietPeriodSeconds: 2
          configMap: {name: %s, key: seeds, restart: [deployment/%s]}
        licence: {sideBySideAcknowledged: true, acknowledgedBy: ann}
        """.formatted(name, cluster, configMap, deployment);
  }

  /** The ConfigMap with the source's seeds and the Deployments its applications run in. */
  private static void applications(String configMap, List<String> names) {
    k8s.client.configMaps().inNamespace(KNS).resource(new ConfigMapBuilder().withNewMetadata().withName(configMap)
        .endMetadata().addToData("seeds", String.join(",", source.seeds())).build()).create();
    for (String d : names) {
      k8s.client.apps().deployments().inNamespace(KNS).resource(new DeploymentBuilder().withNewMetadata().withName(d)
          .endMetadata().withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", d).endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("app", d).endMetadata().withNewSpec().addNewContainer()
          .withName("app").withImage("orders/" + d + ":1").endContainer().endSpec().endTemplate().endSpec().build())
          .create();
    }
  }

  private static SimulatedApplication app(String configMap, String deployment, String prefix, int opsPerSecond) {
    SimulatedApplication app = new SimulatedApplication(k8s.client, new SimulatedApplication.Settings(KNS, configMap,
        "seeds", deployment, NS, "orders", prefix, opsPerSecond));
    deployments.pod(deployment, app);
    return app.start();
  }

  private static String seeds(String configMap) {
    return k8s.client.configMaps().inNamespace(KNS).withName(configMap).get().getData().get("seeds");
  }

  private static String restartedAt(String deployment) {
    Map<String, String> a = k8s.client.apps().deployments().inNamespace(KNS).withName(deployment).get().getSpec()
        .getTemplate().getMetadata().getAnnotations();
    return a == null ? null : a.get(RolloutRestarts.RESTARTED_AT);
  }

  private MigrationReconciler reconciler(String owner) {
    runtime.useKubernetes(k8s.client);
    // a short lease: the next replica takes a dead one's migration over within a second
    return runtime.newReconciler(owner, Duration.ofSeconds(1), Clock.systemUTC());
  }

  /** Submits the plan, creates and starts its migration and drives it to APPROVED (owner's approval). */
  private String approved(String plan, MigrationReconciler r) {
    as("engineer").contentType("application/yaml").body(plan.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/plans").then().statusCode(201);
    String name = plan.substring("name: ".length(), plan.indexOf('\n'));
    String id = as("engineer").contentType(ContentType.JSON).body("{\"plan\":\"" + name + "\"}")
        .post("/api/v1/migrations").then().statusCode(201).extract().path("id");
    as("engineer").contentType(ContentType.JSON).post("/api/v1/migrations/" + id + "/start").then().statusCode(202);
    until(r, store, List.of(id), in(Phase.AWAITING_APPROVAL));
    as("owner-orders").contentType(ContentType.JSON).post("/api/v1/migrations/" + id + "/approve").then()
        .statusCode(202);
    until(r, store, List.of(id), in(Phase.APPROVED));
    return id;
  }

  private Migration find(String id) {
    return store.find(id).orElseThrow();
  }

  @Test
  @Order(1)
  void aLiveWriterLosesNothingAndAServiceKilledAfterThePointOfNoReturnAndWhileDrainingSwitchesOnce() {
    String configMap = "orders-aerospike-seeds";
    applications(configMap, List.of("orders-api", "legacy-batch"));
    MigrationReconciler r = reconciler("cutover-1");
    SimulatedApplication api = null;
    SimulatedApplication legacy = null;
    try {
      String id = approved(plan("orders-cutover", "orders-ee", configMap, "orders-api"), r);
      api = app(configMap, "orders-api", "api", 200);
      legacy = app(configMap, "legacy-batch", "legacy", 50);
      SimulatedApplication a = api;
      SimulatedApplication l = legacy;
      await().atMost(Duration.ofSeconds(60)).until(() -> a.ledger().acknowledged() > 200
          && l.ledger().acknowledged() > 50);

      as("engineer").contentType(ContentType.JSON).post("/api/v1/migrations/" + id + "/cutover").then()
          .statusCode(202);
      // the service dies after the point of no return, once the switch is under way (the seeds written)
      String sourceSeeds = String.join(",", source.seeds());
      until(r, store, List.of(id), m -> m.phase() == Phase.CUTTING_OVER && !seeds(configMap).equals(sourceSeeds));
      Instant switchAt = find(id).switchedAt();
      assertThat(switchAt).isNotNull();
      r.close();
      // the next replica finishes the same switch with the stored instant
      r = reconciler("cutover-2");
      until(r, store, List.of(id), in(Phase.DRAINING));
      List<String> target = find(id).targetEndpoints();
      assertThat(seeds(configMap)).isEqualTo(String.join(",", target));
      assertThat(restartedAt("orders-api")).isEqualTo(RolloutRestarts.restartedAt(switchAt));
      assertThat(restartedAt("legacy-batch")).isNull();
      await().atMost(Duration.ofSeconds(60)).until(() -> a.ledger().starts() == 2);

      // legacy-batch still writes the source: the drain stays open and says who blocks it
      MigrationReconciler draining = r;
      until(draining, store, List.of(id), m -> !m.cutover().residualWriters().isEmpty());
      as("viewer").get("/api/v1/migrations/" + id).then().statusCode(200).body("phase", equalTo("DRAINING"))
          .body("canCutover", equalTo(false)).body("cutoverBlockers.reason", hasItem("RESIDUAL_WRITER"))
          .body("cutoverBlockers[0].detail", org.hamcrest.Matchers.containsString("writes/s"))
          .body("switchedAt", notNullValue());
      // the service dies while draining; the next replica drains on with the same instant
      r.close();
      r = reconciler("cutover-3");
      MigrationReconciler third = r;
      Instant longerThanQuiet = Instant.now().plusSeconds(6);
      until(third, store, List.of(id), m -> Instant.now().isAfter(longerThanQuiet));
      assertThat(find(id).phase()).isEqualTo(Phase.DRAINING);
      assertThat(find(id).cutover().residualWriters()).isNotEmpty();

      legacy.close();
      until(third, store, List.of(id), in(Phase.COMPLETED));
      long before = api.ledger().acknowledged();
      await().atMost(Duration.ofSeconds(30)).until(() -> a.ledger().acknowledged() > before + 50);
      api.close();

      Migration done = find(id);
      assertThat(done.switchedAt()).isEqualTo(switchAt);
      SimulatedApplication.Ledger apiLedger = api.ledger();
      SimulatedApplication.Ledger legacyLedger = legacy.ledger();
      // one switch: one restart of the application, the annotation of the stored instant
      assertThat(apiLedger.starts()).isEqualTo(2);
      assertThat(restartedAt("orders-api")).isEqualTo(RolloutRestarts.restartedAt(switchAt));
      assertThat(store.history(id).stream().filter(h -> "CUTTING_OVER".equals(h.to()))).hasSize(1);
      // every acknowledged write on the target with its last value, no deleted record back
      assertThat(Ledgers.deletes(apiLedger)).isPositive();
      assertThat(Ledgers.lost(apiLedger, WorkflowHarness.hosts(target), NS, "orders")).isEmpty();
      assertThat(Ledgers.lost(legacyLedger, WorkflowHarness.hosts(target), NS, "orders")).isEmpty();
      assertThat(WorkflowHarness.target(done, NS, false)).containsAllEntriesOf(
          withoutSet(WorkflowHarness.source(source, NS), "orders"));

      as("viewer").get("/api/v1/migrations/" + id).then().statusCode(200).body("phase", equalTo("COMPLETED"))
          .body("cutoverBlockers.reason", org.hamcrest.Matchers.not(hasItem("RESIDUAL_WRITER")))
          .body("cutover.switchAt", equalTo(switchAt.toString()))
          .body("cutover.finalValidationId", equalTo(done.lastValidation().id()))
          .body("cutover.recordsDrained", org.hamcrest.Matchers.greaterThan(0))
          .body("cutover.clientWritesAfterSwitch", org.hamcrest.Matchers.greaterThan(0))
          .body("lastValidation.outcome", equalTo("passed"));
      System.out.printf("workflow cutover: %d acknowledged, longest write gap %d ms (outside its own restart %d ms),"
          + " drained %d, client writes after the switch %d%n", apiLedger.acknowledged(),
          apiLedger.longestGap().toMillis(), apiLedger.longestOutsideRestarts().toMillis(),
          done.cutover().report().recordsDrained(), done.cutover().report().clientWritesAfterSwitch());
    } finally {
      r.close();
      if (api != null) {
        api.close();
      }
      if (legacy != null) {
        legacy.close();
      }
    }
  }

  @Test
  @Order(2)
  void aRollbackBringsTargetWritesBackAndKeepsASourceWriteMadeAfterTheSwitchBack() {
    String configMap = "orders-web-seeds";
    applications(configMap, List.of("orders-web"));
    MigrationReconciler r = reconciler("rollback-1");
    SimulatedApplication web = null;
    try {
      String id = approved(plan("orders-rollback", "orders-rb", configMap, "orders-web"), r);
      web = app(configMap, "orders-web", "web", 200);
      SimulatedApplication w = web;
      await().atMost(Duration.ofSeconds(60)).until(() -> w.ledger().acknowledged() > 100);
      as("engineer").contentType(ContentType.JSON).post("/api/v1/migrations/" + id + "/cutover").then()
          .statusCode(202);
      until(r, store, List.of(id), in(Phase.DRAINING));
      await().atMost(Duration.ofSeconds(60)).until(() -> w.ledger().starts() == 2);
      long firstOnTarget = w.firstSequenceOfStart();
      await().atMost(Duration.ofSeconds(60)).until(() -> w.ledger().lastValue().entrySet().stream()
          .filter(e -> seq(e.getKey()) >= firstOnTarget && e.getValue().isPresent()).count() > 50);
      String written = w.ledger().lastValue().entrySet().stream()
          .filter(e -> seq(e.getKey()) >= firstOnTarget && e.getValue().isPresent()).map(Map.Entry::getKey)
          .findFirst().orElseThrow();

      as("engineer").contentType(ContentType.JSON).post("/api/v1/migrations/" + id + "/rollback").then()
          .statusCode(202);
      // once the clients are sent back, a client on the source writes a record the application wrote on the target
      MigrationReconciler rolling = r;
      until(rolling, store, List.of(id), m -> seeds(configMap).equals(String.join(",", source.seeds()))
          || m.phase() == Phase.ROLLED_BACK);
      Key key = new Key(NS, "orders", written);
      try (AerospikeClient c = new AerospikeClient(null, source.hosts())) {
        c.put(null, key, new Bin("value", -1L));
      }
      until(r, store, List.of(id), in(Phase.ROLLED_BACK));
      await().atMost(Duration.ofSeconds(60)).until(() -> w.ledger().starts() == 3);
      long back = web.ledger().acknowledged();
      await().atMost(Duration.ofSeconds(30)).until(() -> w.ledger().acknowledged() > back + 50);
      web.close();

      Migration done = find(id);
      assertThat(done.cutover().switchBackAt()).isAfter(done.switchedAt());
      assertThat(done.cutover().rollback().recordsCopiedBack()).isPositive();
      SimulatedApplication.Ledger ledger = web.ledger();
      Map<String, Optional<Long>> expected = new HashMap<>(ledger.lastValue());
      expected.remove(written);
      assertThat(Ledgers.lost(new SimulatedApplication.Ledger(expected, List.of(), 0, 0, Duration.ZERO,
          Duration.ZERO, 0, null), source.hosts(), NS, "orders")).isEmpty();
      try (AerospikeClient c = new AerospikeClient(null, source.hosts())) {
        Record rec = c.get(null, key);
        assertThat(rec.getLong("value")).isEqualTo(-1L);
      }
      as("viewer").get("/api/v1/migrations/" + id).then().statusCode(200).body("phase", equalTo("ROLLED_BACK"))
          .body("rollback.switchBackAt", equalTo(done.cutover().switchBackAt().toString()))
          .body("rollback.recordsCopiedBack", org.hamcrest.Matchers.greaterThan(0))
          .body("rollback.finalValidationId", notNullValue());
      System.out.printf("workflow rollback: copied back %d, conflicts left alone %d, longest write gap %d ms%n",
          done.cutover().rollback().recordsCopiedBack(), done.cutover().rollback().conflictsLeftAlone(),
          ledger.longestGap().toMillis());
    } finally {
      r.close();
      if (web != null) {
        web.close();
      }
    }
  }

  private static Map<String, io.aeroshift.testsupport.ClusterContents.Entry> withoutSet(
      Map<String, io.aeroshift.testsupport.ClusterContents.Entry> all, String set) {
    Map<String, io.aeroshift.testsupport.ClusterContents.Entry> out = new HashMap<>();
    all.forEach((k, v) -> {
      if (!set.equals(v.set())) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static long seq(String key) {
    return Long.parseLong(key.substring(key.lastIndexOf('-') + 1));
  }
}

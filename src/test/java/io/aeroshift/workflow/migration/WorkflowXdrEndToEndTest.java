package io.aeroshift.workflow.migration;

import static io.aeroshift.workflow.migration.WorkflowEndToEndTest.as;
import static io.aeroshift.workflow.migration.WorkflowHarness.in;
import static io.aeroshift.workflow.migration.WorkflowHarness.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.inventory.ClusterEntry;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.inventory.Origin;
import io.aeroshift.testsupport.ClusterContents;
import io.aeroshift.testsupport.LiveSourceWriter;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.Phase;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's must-show through the workflow: a plan with {@code copy.mode: XDR} for an emulated
 * Enterprise source (the VMs upgraded in place, XDR feature key present) with live writes and
 * deletes; the reconciler provisions the target through fabric8's mock API server and the
 * simulated operator, runs one XDR copy (rewind, then shipping) to AWAITING_APPROVAL with lag 0
 * and a passing validation, the owner approves, the cutover switches the seed-list ConfigMap,
 * drains, tears XDR down and completes. Afterwards no source node has XDR configured (info
 * commands) and the target equals the source record by record (the test's own reader).
 */
@QuarkusTest
class WorkflowXdrEndToEndTest {
  private static final String NS = "ledger";
  private static final String KNS = "ledger-xdr";
  private static final String PLAN = """
      name: ledger-ee-xdr
      source:
        cluster: ledger-ee-vm
      team: payments
      owners: [owner-payments]
      wave: wave-xdr
      target:
        kubernetesNamespace: ledger-xdr
        clusterName: ledger-ee
        image: aerospike/aerospike-server-enterprise:8.1.1.0
        storageClass: ssd
        featureKeySecret: aerospike-secret
        features:
          security: false
          durableDeletes: true
      copy:
        mode: XDR
        rateLimits:
          recordsPerSecond: 20000
          bytesPerSecond: 52428800
        xdr:
          reachTimeoutSeconds: 30
      validation:
        suite: default
      cutover:
        method: configmap
        maxLagSeconds: 30
        drainQuietPeriodSeconds: 1
        validationMaxAgeMinutes: 60
        configMap:
          name: ledger-aerospike-seeds
          key: seeds
      licence:
        sideBySideAcknowledged: true
        acknowledgedBy: owner-payments
      sizing:
        growthPct: 25
        headroomPct: 30
        racks: 1
      """;

  @Inject Inventory inventory;
  @Inject DiscoveryService discovery;
  @Inject WorkflowRuntime runtime;
  @Inject MigrationStore store;

  private static ClientPolicy policy() {
    ClientPolicy p = new ClientPolicy();
    p.timeout = 3000;
    return p;
  }

  /** The applications still on the source: puts, updates and durable deletes until stopped. */
  private static Thread liveWrites(EmulatedCluster source, AtomicBoolean stop, AtomicInteger ops) {
    return new LiveSourceWriter(NS, "entries", 300, 600, 7, 11, i -> new Bin[] {new Bin("amount", i)})
        .start("ledger-app", policy(), source.hosts(), stop, ops);
  }

  @Test
  void anXdrPlanReplicatesThroughApprovalCutoverAndDrainAndLeavesNoXdrBehind() throws Exception {
    WorkflowHarness world = WorkflowHarness.get(inventory, discovery);
    try (EmulatedCluster source = EmulatedCluster.builder().nodes(2).edition(Edition.ENTERPRISE).build("7.2.0.6")
        .clusterName("ledger-ee-vm")
        .namespace(NamespaceSpec.named(NS).replicationFactor(2).defaultTtl(0).storageMemory(1L << 30)).start()) {
      source.loadRecords(NS, "entries", 1_000, 150);
      inventory.create(new ClusterEntry("ledger-ee-vm", "payments", source.seeds(), null, null,
          Map.of("edition", "enterprise")), Origin.API);
      discovery.discover("ledger-ee-vm");
      world.k8s.client.configMaps().inNamespace(KNS).resource(new ConfigMapBuilder().withNewMetadata()
          .withName("ledger-aerospike-seeds").endMetadata().addToData("seeds", String.join(",", source.seeds()))
          .build()).create();
      as("engineer").contentType(ContentType.TEXT).body(PLAN).post("/api/v1/plans").then().log().ifValidationFails()
          .statusCode(201);
      String id = as("engineer").contentType(ContentType.JSON).body("{\"plan\":\"ledger-ee-xdr\"}")
          .post("/api/v1/migrations").then().statusCode(201).extract().path("id");
      as("engineer").contentType(ContentType.JSON).post("/api/v1/migrations/" + id + "/start").then()
          .statusCode(202);

      MigrationReconciler r = world.reconciler(runtime, "xdr-replica", Duration.ofSeconds(5));
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger ops = new AtomicInteger();
      Thread app = liveWrites(source, stop, ops);
      try {
        // the rewind is the initial copy; the writes and deletes go on while XDR ships them
        until(r, store, List.of(id), in(Phase.CATCHING_UP));
        int before = ops.get();
        Awaitility.await().atMost(WorkflowHarness.DEADLINE).until(() -> ops.get() > before + 600);
        stop.set(true);
        app.join();

        until(r, store, List.of(id), in(Phase.AWAITING_APPROVAL));
        Migration awaiting = store.find(id).orElseThrow();
        assertThat(awaiting.lagSeconds()).isZero();
        assertThat(awaiting.lastValidation().passed()).isTrue();
        assertThat(awaiting.lastValidation().differences()).isZero();
        Map<String, ClusterContents.Entry> sourceNow = WorkflowHarness.source(source, NS);
        assertThat(WorkflowHarness.target(awaiting, NS, false)).isEqualTo(sourceNow);
        try (AerospikeClient t = new AerospikeClient(policy(), WorkflowHarness.hosts(awaiting.targetEndpoints()))) {
          // the writer's first operation deleted key-0 on the source while XDR shipped: gone on the target too
          assertThat(t.exists(null, new Key(NS, "entries", "key-0"))).isFalse();
          assertThat(t.exists(null, new Key(NS, "entries", "key-1"))).isTrue();
        }
        assertThat(store.history(id).stream().filter(h -> h.kind().equals("TRANSITION")).map(h -> h.to()))
            .containsSubsequence("COPYING", "CATCHING_UP", "VALIDATING", "AWAITING_APPROVAL");
        assertThat(store.history(id)).noneMatch(h -> h.reason() != null && h.reason().startsWith("DELTA_PASS"));

        as("owner-payments").contentType(ContentType.JSON).post("/api/v1/migrations/" + id + "/approve").then()
            .statusCode(202);
        until(r, store, List.of(id), in(Phase.APPROVED));
        as("engineer").contentType(ContentType.JSON).post("/api/v1/migrations/" + id + "/cutover").then()
            .statusCode(202);
        until(r, store, List.of(id), m -> m.phase() == Phase.COMPLETED || m.phase() == Phase.FAILED);
        Migration done = store.find(id).orElseThrow();
        assertThat(done.phase()).as("%s", done.failure()).isEqualTo(Phase.COMPLETED);
        assertThat(world.k8s.client.configMaps().inNamespace(KNS).withName("ledger-aerospike-seeds").get()
            .getData().get("seeds")).isEqualTo(String.join(",", done.targetEndpoints()));

        // after the teardown: no XDR configuration on any source node
        try (AerospikeClient c = new AerospikeClient(policy(), source.hosts())) {
          for (Node n : c.getNodes()) {
            assertThat(Info.request(null, n, "get-config:context=xdr")).as("node " + n).startsWith("dcs=;");
          }
        }
        assertThat(WorkflowHarness.target(done, NS, false)).isEqualTo(WorkflowHarness.source(source, NS));
      } finally {
        stop.set(true);
        app.join();
        r.close();
      }
    }
  }
}

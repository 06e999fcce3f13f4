package io.aeroshift.workflow.migration;

import com.aerospike.client.Host;
import io.aeroshift.demo.SimulatedAkoOperator;
import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.inventory.ClusterEntry;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.inventory.Origin;
import io.aeroshift.demo.AkoMockServer;
import io.aeroshift.testsupport.ClusterContents;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.Phase;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The world of a workflow test: the demo's two emulated CE sources registered and discovered as
 * {@code payments-ce} and {@code catalog-ce}, fabric8's mock API server with the AKO CRD and the
 * simulated operator, and the secret the payments plan's target reads its admin password from.
 * Started once per test JVM (the plans name these sources).
 */
final class WorkflowHarness {
  static final Duration DEADLINE = Duration.ofSeconds(240);
  private static WorkflowHarness instance;

  final EmulatedCluster payments;
  final EmulatedCluster catalog;
  final AkoMockServer k8s;
  final SimulatedAkoOperator operator;

  private WorkflowHarness(Inventory inventory, DiscoveryService discovery) {
    payments = EmulatedCluster.builder().nodes(2).edition(Edition.COMMUNITY).build("6.4.0.10")
        .clusterName("payments-ce")
        .namespace(NamespaceSpec.named("payments").replicationFactor(2).defaultTtl(0).storageMemory(1L << 30))
        .start();
    payments.loadRecords("payments", "transactions", 600, 200);
    catalog = EmulatedCluster.builder().nodes(2).edition(Edition.COMMUNITY).build("5.7.0.21")
        .clusterName("catalog-ce")
        .namespace(NamespaceSpec.named("catalog").replicationFactor(2).defaultTtl(0).storageMemory(1L << 30))
        .start();
    catalog.loadRecords("catalog", "products", 500, 300);
    register(inventory, "payments-ce", "payments", payments);
    register(inventory, "catalog-ce", "catalog", catalog);
    discovery.discover("payments-ce");
    discovery.discover("catalog-ce");
    k8s = new AkoMockServer();
    k8s.client.secrets().inNamespace("payments").resource(new SecretBuilder().withNewMetadata()
        .withName("payments-admin-auth").endMetadata().addToData("password", Base64.getEncoder()
            .encodeToString("s3cret-admin".getBytes(StandardCharsets.UTF_8))).build()).create();
    operator = new SimulatedAkoOperator(k8s.client);
    operator.start(Duration.ofMillis(50));
  }

  /** The world, started once per JVM; its sources registered and discovered in this application's store. */
  static synchronized WorkflowHarness get(Inventory inventory, DiscoveryService discovery) {
    if (instance == null) {
      instance = new WorkflowHarness(inventory, discovery);
    } else if (inventory.find("payments-ce").isEmpty()) {
      // another application (a PostgreSQL profile) shares this JVM's clusters
      register(inventory, "payments-ce", "payments", instance.payments);
      register(inventory, "catalog-ce", "catalog", instance.catalog);
      discovery.discover("payments-ce");
      discovery.discover("catalog-ce");
    }
    return instance;
  }

  private static void register(Inventory inventory, String name, String team, EmulatedCluster c) {
    ClusterEntry e = new ClusterEntry(name, team, c.seeds(), null, null, Map.of("edition", "community"));
    if (inventory.find(name).isPresent()) {
      inventory.replace(e, Origin.API);
    } else {
      inventory.create(e, Origin.API);
    }
  }

  MigrationReconciler reconciler(WorkflowRuntime runtime, String owner, Duration ttl) {
    runtime.useKubernetes(k8s.client);
    return runtime.newReconciler(owner, ttl, Clock.systemUTC());
  }

  /** Runs reconciler rounds until every migration satisfies {@code done}; fails with their last state. */
  static List<Migration> until(MigrationReconciler r, MigrationStore store, List<String> ids,
      Predicate<Migration> done) {
    AtomicReference<List<Migration>> last = new AtomicReference<>();
    try {
      return Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
        if (r != null) {
          r.runOnce();
        }
        List<Migration> now = ids.stream().map(id -> store.find(id).orElseThrow()).toList();
        last.set(now);
        return now;
      }, l -> l.stream().allMatch(done));
    } catch (ConditionTimeoutException e) {
      StringBuilder s = new StringBuilder();
      for (Migration m : last.get() == null ? List.<Migration>of() : last.get()) {
        s.append("\n  ").append(m.id()).append(' ').append(m.phase()).append(" job=").append(m.jobId())
            .append(" failure=").append(m.failure()).append(" history=").append(store.history(m.id()));
      }
      throw new AssertionError("migrations did not get there in time:" + s, e);
    }
  }

  static Predicate<Migration> in(Phase phase) {
    return m -> m.phase() == phase;
  }

  static Host[] hosts(List<String> endpoints) {
    return endpoints.stream().map(e -> e.split(":")).map(hp -> new Host(hp[0], Integer.parseInt(hp[1])))
        .toArray(Host[]::new);
  }

  /** The target's records, read with the test's own client (as admin when the plan turns security on). */
  static Map<String, ClusterContents.Entry> target(Migration m, String namespace, boolean secured) {
    com.aerospike.client.policy.ClientPolicy p = new com.aerospike.client.policy.ClientPolicy();
    p.timeout = 3000;
    if (secured) {
      p.user = "admin";
      p.password = "s3cret-admin";
    }
    try (com.aerospike.client.AerospikeClient c = new com.aerospike.client.AerospikeClient(p,
        hosts(m.targetEndpoints()))) {
      return ClusterContents.of(c, namespace);
    }
  }

  static Map<String, ClusterContents.Entry> source(EmulatedCluster c, String namespace) {
    return ClusterContents.of(hosts(c.seeds()), namespace);
  }
}

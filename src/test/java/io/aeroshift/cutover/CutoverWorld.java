package io.aeroshift.cutover;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.demo.SimulatedAkoOperator;
import io.aeroshift.demo.SimulatedApplication;
import io.aeroshift.demo.SimulatedDeploymentController;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.planning.PlanDirectory;
import io.aeroshift.planning.SourceConfig;
import io.aeroshift.demo.AkoMockServer;
import io.aeroshift.provisioning.EndToEndProvisioningTest;
import io.aeroshift.provisioning.Fabric8ClusterProvisioner;
import io.aeroshift.provisioning.PlanCompiler;
import io.aeroshift.provisioning.Readiness;
import io.aeroshift.transfer.AerospikeRecordSink;
import io.aeroshift.transfer.AerospikeRecordSource;
import io.aeroshift.transfer.CheckpointStore;
import io.aeroshift.transfer.CopyEngine;
import io.aeroshift.transfer.InMemoryCheckpointStore;
import io.aeroshift.transfer.RetryPolicy;
import io.aeroshift.transfer.TransferPolicies;
import io.aeroshift.transfer.TransferSettings;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The payments migration on simulated infrastructure: a 3-node CE source, fabric8's mock API server
 * with the AKO CRD, the simulated operator running the Enterprise target it provisions from the
 * payments plan (security off, so the applications need no credentials), the ConfigMap
 * {@code payments/payments-aerospike-seeds} holding the source seeds, the plan's Deployments and a
 * {@code legacy-batch} Deployment the plan does not restart, and the simulated Deployment
 * controller. The service's clients and one copy engine per direction sit on top.
 */
final class CutoverWorld implements AutoCloseable {
  static final String KNS = "payments";
  static final String NS = "payments";
  static final String CONFIG_MAP = "payments-aerospike-seeds";
  static final String MIGRATION = "payments-ce-to-ee";

  final AkoMockServer k8s = new AkoMockServer();
  final KubernetesClient kube = k8s.client;
  final SimulatedAkoOperator operator = new SimulatedAkoOperator(kube);
  final SimulatedDeploymentController deployments = new SimulatedDeploymentController(kube, KNS);
  final EmulatedCluster source;
  final List<String> targetSeeds;
  final AerospikeClient sourceClient;
  final AerospikeClient targetClient;
  final CheckpointStore store = new InMemoryCheckpointStore();
  final CheckpointStore reverseStore = new InMemoryCheckpointStore();
  private final List<SimulatedApplication> apps = new ArrayList<>();

  CutoverWorld() throws Exception {
    source = EmulatedCluster.builder().nodes(3).basePort(0).edition(Edition.COMMUNITY).build("6.4.0.10")
        .clusterName("payments-ce")
        .namespace(NamespaceSpec.named(NS).replicationFactor(2).defaultTtl(0).storageMemory(1L << 30)).start();
    MigrationPlan payments = PlanDirectory.loadAll(Path.of("migration-plans"), PlanDirectory.suites(Path.of("validators")))
        .stream().filter(p -> p.name().equals(MIGRATION)).findFirst().orElseThrow();
    MigrationPlan.TargetSpec t = payments.target();
    MigrationPlan plan = new MigrationPlan(payments.name(), payments.source(), payments.team(), payments.owners(),
        payments.wave(), new MigrationPlan.TargetSpec(t.kubernetesNamespace(), t.clusterName(), t.image(),
            t.storageClass(), t.featureKeySecret(), null, new MigrationPlan.Features(false, false, false, true)),
        payments.copy(), payments.validation(), payments.cutover(), payments.licence(), payments.sizing());
    try (Fabric8ClusterProvisioner provisioner = new Fabric8ClusterProvisioner(kube)) {
      provisioner.apply(PlanCompiler.compile(plan, EndToEndProvisioningTest.paymentsSnapshot(), SourceConfig.NONE)
          .cluster());
      operator.start(Duration.ofMillis(50));
      Readiness.Ready ready = provisioner.awaitReady(KNS, "payments-ee", Duration.ofSeconds(60), Duration.ofMillis(50))
          .get(90, TimeUnit.SECONDS);
      targetSeeds = ready.endpoints();
    }
    kube.configMaps().inNamespace(KNS).resource(new ConfigMapBuilder().withNewMetadata().withName(CONFIG_MAP)
        .endMetadata().addToData("seeds", String.join(",", source.seeds())).build()).create();
    for (String d : List.of("payments-api", "payments-ledger", "legacy-batch")) {
      kube.apps().deployments().inNamespace(KNS).resource(new DeploymentBuilder().withNewMetadata().withName(d)
          .endMetadata().withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", d).endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("app", d).endMetadata().withNewSpec().addNewContainer()
          .withName("app").withImage("payments/" + d + ":1").endContainer().endSpec().endTemplate().endSpec().build())
          .create();
    }
    deployments.start(Duration.ofMillis(50));
    sourceClient = new AerospikeClient(clientPolicy(), source.hosts());
    targetClient = new AerospikeClient(clientPolicy(), hosts(targetSeeds));
  }

  static ClientPolicy clientPolicy() {
    ClientPolicy p = new ClientPolicy();
    p.timeout = 2000;
    p.tendInterval = 250;
    return p;
  }

  static Host[] hosts(List<String> seeds) {
    return seeds.stream().map(s -> s.split(":")).map(hp -> new Host(hp[0], Integer.parseInt(hp[1])))
        .toArray(Host[]::new);
  }

  static TransferSettings settings() {
    return TransferSettings.defaults().withConcurrency(4, 8, 8).withSkewMargin(Duration.ofMillis(500))
        .withCheckpointEvery(50).withRetry(new RetryPolicy(10, Duration.ofMillis(20), Duration.ofMillis(500)));
  }

  /** The service's engine copying source to target. */
  CopyEngine forwardEngine() {
    TransferPolicies policies = new TransferPolicies(settings());
    return new CopyEngine(MIGRATION, new AerospikeRecordSource(sourceClient, policies),
        new AerospikeRecordSource(targetClient, policies), new AerospikeRecordSink(targetClient, policies,
            Clock.systemUTC()), store, settings(), Clock.systemUTC());
  }

  /** The rollback's engine copying target to source. */
  ReverseScope reverseScope() {
    TransferPolicies policies = new TransferPolicies(settings());
    String id = ReverseScope.reverseIdOf(MIGRATION);
    CopyEngine e = new CopyEngine(id, new AerospikeRecordSource(targetClient, policies),
        new AerospikeRecordSource(sourceClient, policies), new AerospikeRecordSink(sourceClient, policies,
            Clock.systemUTC()), reverseStore, settings(), Clock.systemUTC());
    return new ReverseScope(e, reverseStore, id, NS, null);
  }

  SeedListSwitch configMapSwitch() {
    return new SeedListSwitch(kube, SeedListSwitch.Store.CONFIGMAP, KNS, CONFIG_MAP, "seeds",
        List.of("deployment/payments-api", "deployment/payments-ledger"), Clock.systemUTC());
  }

  SourceActivityProbe probe() {
    return new SourceActivityProbe(sourceClient, List.of(), Clock.systemUTC());
  }

  /** Starts one simulated pod of {@code deployment}, writing keys {@code <prefix>-<n>} into set {@code orders}. */
  SimulatedApplication app(String deployment, String prefix, int opsPerSecond) {
    SimulatedApplication app = new SimulatedApplication(kube, new SimulatedApplication.Settings(KNS, CONFIG_MAP,
        "seeds", deployment, NS, "orders", prefix, opsPerSecond));
    deployments.pod(deployment, app);
    apps.add(app);
    return app.start();
  }

  String configMapSeeds() {
    return kube.configMaps().inNamespace(KNS).withName(CONFIG_MAP).get().getData().get("seeds");
  }

  @Override
  public void close() {
    apps.forEach(SimulatedApplication::close);
    deployments.close();
    sourceClient.close();
    targetClient.close();
    operator.close();
    source.close();
    k8s.close();
  }
}

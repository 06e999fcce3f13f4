package io.aeroshift.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.cutover.SeedListSwitch;
import io.aeroshift.cutover.SwitchRequest;
import io.aeroshift.demo.AkoMockServer;
import io.aeroshift.demo.SimulatedAkoOperator;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.EmulatedXdrProxy;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.planning.CopyMode;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.planning.PlanDirectory;
import io.aeroshift.planning.SourceConfig;
import io.aeroshift.provisioning.EndToEndProvisioningTest;
import io.aeroshift.provisioning.Fabric8ClusterProvisioner;
import io.aeroshift.provisioning.PlanCompiler;
import io.aeroshift.provisioning.Readiness;
import io.aeroshift.testsupport.ClusterContents;
import io.aeroshift.testsupport.LiveSourceWriter;
import io.aeroshift.transfer.JdbcCheckpointStore;
import io.aeroshift.transfer.TransferSettings;
import io.aeroshift.transfer.xdr.Fabric8XdrProxy;
import io.aeroshift.transfer.xdr.XdrMonitor;
import io.aeroshift.transfer.xdr.XdrProxyResources;
import io.aeroshift.validation.AerospikeValidator;
import io.aeroshift.validation.InMemoryValidationResultStore;
import io.aeroshift.validation.ValidationEngine;
import io.aeroshift.validation.ValidationResult;
import io.aeroshift.validation.ValidationSuite;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's must-show, up to the owner's approval: an emulated Enterprise source with data and
 * live writes and deletes; the target provisioned from the payments plan through fabric8's mock
 * API server and the simulated AKO operator; XDR set up by Aeroshift's job runner (copy mode XDR)
 * to the target's pods, and again through an XDR proxy deployed in the target's Kubernetes
 * namespace; the rewind finishes, the lag reaches zero, validation passes (deletes included:
 * this test's own record-by-record comparison and the validation engine); the clients are switched
 * (the seed-list ConfigMap the applications read, through the cutover's {@code SeedListSwitch});
 * after the drain the run is finished and no XDR configuration is left on any source node (nor
 * proxy object in Kubernetes).
 */
class XdrEndToEndTest {
  private static final String KNS = "payments";
  private static final String NS = "payments";
  private static final String SEEDS = "payments-aerospike-seeds";
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  private static ClientPolicy policy() {
    ClientPolicy p = new ClientPolicy();
    p.timeout = 3000;
    p.tendInterval = 250;
    return p;
  }

  private static Host[] hosts(String... seeds) {
    return hosts(List.of(seeds));
  }

  private static Host[] hosts(List<String> seeds) {
    return seeds.stream().map(s -> s.split(":")).map(hp -> new Host(hp[0], Integer.parseInt(hp[1])))
        .toArray(Host[]::new);
  }

  /** The payments plan with security off (the test's clients need no credentials). */
  private static MigrationPlan paymentsPlan() {
    MigrationPlan p = PlanDirectory.loadAll(Path.of("migration-plans"), PlanDirectory.suites(Path.of("validators")))
        .stream().filter(x -> x.name().equals("payments-ce-to-ee")).findFirst().orElseThrow();
    MigrationPlan.TargetSpec t = p.target();
    return new MigrationPlan(p.name(), p.source(), p.team(), p.owners(), p.wave(),
        new MigrationPlan.TargetSpec(t.kubernetesNamespace(), t.clusterName(), t.image(), t.storageClass(),
            t.featureKeySecret(), null, new MigrationPlan.Features(false, false, false, true)),
        p.copy(), p.validation(), p.cutover(), p.licence(), p.sizing());
  }

  /** An Enterprise source (the VMs upgraded in place), 3 nodes, with the payments data. */
  private static EmulatedCluster enterpriseSource() {
    EmulatedCluster c = EmulatedCluster.builder().nodes(3).basePort(0).edition(Edition.ENTERPRISE).build("7.2.0.6")
        .clusterName("payments-ee-vm")
        .namespace(NamespaceSpec.named(NS).replicationFactor(2).defaultTtl(0).storageMemory(1L << 30)).start();
    c.loadRecords(NS, "transactions", 1_500, 150);
    return c;
  }

  /** Provisions the target and answers its endpoints once the simulated operator reports it ready. */
  private static List<String> provision(AkoMockServer k8s) throws Exception {
    try (Fabric8ClusterProvisioner provisioner = new Fabric8ClusterProvisioner(k8s.client)) {
      provisioner.apply(PlanCompiler.compile(paymentsPlan(), EndToEndProvisioningTest.paymentsSnapshot(),
          SourceConfig.NONE).cluster());
      Readiness.Ready ready = provisioner.awaitReady(KNS, "payments-ee", Duration.ofSeconds(60), Duration.ofMillis(50))
          .get(90, TimeUnit.SECONDS);
      return ready.endpoints();
    }
  }

  private static CopyRunService service(String db, EmulatedCluster source, List<String> target) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    CopyRunService.Connector connector = spec -> new CopyRunService.Clients(new AerospikeClient(policy(), source.hosts()),
        new AerospikeClient(policy(), hosts(target)));
    return new CopyRunService(new JdbcCopyRunStore(ds), new JdbcCheckpointStore(ds), connector, (s, ns, set) -> 1_500,
        TransferSettings.defaults(), new SimpleMeterRegistry(), Clock.systemUTC(), Duration.ofMillis(100));
  }

  /** The applications still on the source: puts, updates and durable deletes until stopped. */
  private static Thread liveWrites(EmulatedCluster source, AtomicBoolean stop, AtomicInteger ops) {
    return new LiveSourceWriter(NS, "transactions", 400, 900, 7, 11,
        i -> new Bin[] {new Bin("amount", i), new Bin("state", "s" + i)})
        .start("payments-app", policy(), source.hosts(), stop, ops);
  }

  private static void migrate(KubernetesClient kube, String db, EmulatedCluster source, List<String> target, XdrSpec xdr)
      throws Exception {
    kube.configMaps().inNamespace(KNS).resource(new ConfigMapBuilder().withNewMetadata().withName(SEEDS).endMetadata()
        .addToData("seeds", String.join(",", source.seeds())).build()).create();
    CopyRunService service = service(db, source, target);
    try {
      CopyRunSpec spec = new CopyRunSpec(db, "payments-ee-vm", "payments", "payments-ee", null, NS, null, CopyMode.XDR,
          0, 0, null, "payments-ce-to-ee", "engineer", Instant.now(), xdr);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger ops = new AtomicInteger();
      Thread app = liveWrites(source, stop, ops);
      try {
        service.start(spec);
        // the rewind is the initial copy: while it runs the replication is not ready, whatever its lag
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() ->
            service.xdrObservation(spec.id()).filter(o -> o.state() != XdrMonitor.State.BLOCKED).isPresent());
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> ops.get() > 2_000
            && service.xdrObservation(spec.id()).filter(o -> o.state() != XdrMonitor.State.BLOCKED
                && o.recoveriesPending() == 0).isPresent());
      } finally {
        stop.set(true); // the writes stop (the cutover's freeze); XDR drains what is queued
        app.join();
      }
      XdrMonitor.Observation ready = Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
          .until(() -> service.xdrObservation(spec.id()).orElseThrow(), XdrMonitor.Observation::ready);
      assertThat(ready.lagSeconds()).isZero();
      assertThat(ready.inQueue()).isZero();

      // validation, deletes included: the test's own reader record by record, then the engine
      assertThat(ClusterContents.of(hosts(target), NS)).isEqualTo(ClusterContents.of(source.hosts(), NS));
      try (AerospikeValidator validator = AerospikeValidator.connect(List.of(source.hosts()), List.of(hosts(target)),
          ValidationSuite.defaults(), new AerospikeValidator.Settings(4, 10_000, null), new InMemoryValidationResultStore(),
          db)) {
        ValidationResult result = validator.validate(NS, Instant.now(), ValidationEngine.allPartitions());
        assertThat(result.summary().missing()).isZero();
        assertThat(result.summary().extra()).isZero();
        assertThat(result.summary().differing()).isZero();
        assertThat(result.passedAsEvidence()).isTrue();
      }

      // cutover: the applications' seed list now names the target; their writes go there
      SeedListSwitch clients = new SeedListSwitch(kube, SeedListSwitch.Store.CONFIGMAP, KNS, SEEDS, "seeds", List.of(),
          Clock.systemUTC());
      clients.switchClients(new SwitchRequest(db, SwitchRequest.Direction.TO_TARGET, source.seeds(), target, Instant.now()),
          Duration.ofSeconds(30));
      assertThat(clients.currentSeeds()).isEqualTo(String.join(",", target));
      try (AerospikeClient switched = new AerospikeClient(policy(), hosts(clients.currentSeeds().split(",")))) {
        switched.put(null, new Key(NS, "transactions", "after-cutover"), new Bin("amount", 1));
      }
      // the drain: nothing is left to ship from the source
      Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
          .until(() -> service.xdrObservation(spec.id()).orElseThrow(), XdrMonitor.Observation::ready);

      // after the drain: the run is finished, XDR is torn down on every source node
      service.finishXdr(spec.id());
      CopyRunService.Observed done = Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
          .until(() -> service.find(spec.id()).orElseThrow(), o -> !o.run().state().active());
      assertThat(done.run().state()).as("%s", done.run().failure()).isEqualTo(CopyRunState.SUCCEEDED);
      Key afterCutover = new Key(NS, "transactions", "after-cutover");
      try (AerospikeClient t = new AerospikeClient(policy(), hosts(target));
          AerospikeClient src = new AerospikeClient(policy(), source.hosts())) {
        assertThat(t.exists(null, afterCutover)).isTrue();
        assertThat(src.exists(null, afterCutover)).isFalse();
      }
      try (AerospikeClient c = new AerospikeClient(policy(), source.hosts())) {
        for (Node n : c.getNodes()) {
          assertThat(Info.request(null, n, "get-config:context=xdr")).as("node " + n).startsWith("dcs=;");
        }
      }
    } finally {
      service.close();
    }
  }

  @Test
  void anEnterpriseSourceReplicatesToTheProvisionedTargetsPods() throws Exception {
    try (AkoMockServer k8s = new AkoMockServer(); SimulatedAkoOperator operator = new SimulatedAkoOperator(k8s.client);
        EmulatedCluster source = enterpriseSource()) {
      operator.start(Duration.ofMillis(50));
      List<String> target = provision(k8s);
      migrate(k8s.client, "xdr-e2e-direct", source, target, XdrSpec.direct());
    }
  }

  @Test
  void anEnterpriseSourceReplicatesThroughTheXdrProxyInTheTargetsNamespace() throws Exception {
    try (AkoMockServer k8s = new AkoMockServer(); SimulatedAkoOperator operator = new SimulatedAkoOperator(k8s.client);
        EmulatedCluster source = enterpriseSource()) {
      operator.start(Duration.ofMillis(50));
      List<String> target = provision(k8s);
      XdrProxyResources resources = new XdrProxyResources("payments-ee-xdr-proxy", KNS,
          "aerospike/aerospike-xdr-proxy:4.0.5", target, 1, "LoadBalancer");
      Fabric8XdrProxy proxies = new Fabric8XdrProxy(k8s.client);
      proxies.apply(resources);
      assertThat(proxies.gone(resources)).isFalse();
      // the proxy pod: the emulated proxy writes into the target's pods through the official client
      try (EmulatedXdrProxy proxy = EmulatedXdrProxy.start(List.of(hosts(target)), policy())) {
        migrate(k8s.client, "xdr-e2e-proxy", source, target, XdrSpec.viaProxy(List.of(proxy.address())));
        assertThat(proxy.writes()).isPositive();
        assertThat(proxy.deletes()).isPositive();
      }
      proxies.remove(resources);
      Awaitility.await().atMost(DEADLINE).until(() -> proxies.gone(resources));
    }
  }
}

package io.aeroshift.provisioning;

import io.aeroshift.demo.AkoMockServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.demo.SimulatedAkoOperator;
import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.discovery.NamespaceInfo;
import io.aeroshift.discovery.NodeInfo;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.planning.PlanDirectory;
import io.aeroshift.planning.SourceConfig;
import io.aeroshift.provisioning.crd.AerospikeCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The payments example plan: plan, dry run, apply, wait until ready, then use the cluster with the client. */
public class EndToEndProvisioningTest {

  public static ClusterSnapshot paymentsSnapshot() {
    NamespaceInfo ns = new NamespaceInfo("payments", 10_000, 0, 2, "memory", List.of(), List.of(), false,
        10_000L * 2 * 64 + 20_000_000, 2L * (2L << 30), 0, 0, 0, 90, null, 0, List.of(),
        Map.of("replication-factor", "2", "memory-size", String.valueOf(2L << 30), "storage-engine", "memory",
            "nsup-period", "120"));
    return new ClusterSnapshot("payments-ce", 1, Instant.parse("2026-11-28T06:00:00Z"), "payments", false, List.of(),
        List.of(new NodeInfo("BB9000000000001", "127.0.0.1:3000", "6.4.0.10", "Aerospike Community Edition", true, 1),
            new NodeInfo("BB9000000000002", "127.0.0.1:3001", "6.4.0.10", "Aerospike Community Edition", true, 1)),
        List.of(ns), List.of(), List.of(), 2, new ClusterSnapshot.Rates(100, 50, 0, 5));
  }

  @Test
  void planDryRunApplyWaitAndConnect() throws Exception {
    MigrationPlan plan = PlanDirectory.loadAll(Path.of("migration-plans"), PlanDirectory.suites(Path.of("validators")))
        .stream().filter(p -> p.name().equals("payments-ce-to-ee")).findFirst().orElseThrow();
    PlanPreview preview = PlanCompiler.compile(plan, paymentsSnapshot(), SourceConfig.NONE);

    try (AkoMockServer k8s = new AkoMockServer();
        SimulatedAkoOperator operator = new SimulatedAkoOperator(k8s.client);
        Fabric8ClusterProvisioner provisioner = new Fabric8ClusterProvisioner(k8s.client)) {
      // dry run touched nothing
      assertThat(k8s.client.resources(AerospikeCluster.class).inAnyNamespace().list().getItems()).isEmpty();
      // the platform team's prerequisites: the plan's references
      assertThat(preview.references()).extracting(ResourceReference::name)
          .contains("aerospike-secret", "payments-admin-auth", "ssd");
      k8s.client.secrets().inNamespace("payments").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
          .withNewMetadata().withName("payments-admin-auth").endMetadata()
          .addToData("password", java.util.Base64.getEncoder().encodeToString("s3cret-admin".getBytes())).build())
          .create();

      ApplyResult applied = provisioner.apply(preview.cluster());
      assertThat(applied).isInstanceOf(ApplyResult.Created.class);
      operator.start(Duration.ofMillis(50));
      Readiness.Ready ready = provisioner.awaitReady("payments", "payments-ee", Duration.ofSeconds(60),
          Duration.ofMillis(50)).get(90, TimeUnit.SECONDS);
      assertThat(ready.endpoints()).hasSize(preview.capacity().nodes());
      assertThat(provisioner.apply(preview.cluster())).isInstanceOf(ApplyResult.Noop.class);

      ClientPolicy policy = new ClientPolicy();
      policy.user = "admin";
      policy.password = "s3cret-admin";
      policy.clusterName = "payments-ee";
      Host[] hosts = ready.endpoints().stream().map(e -> e.split(":"))
          .map(hp -> new Host(hp[0], Integer.parseInt(hp[1]))).toArray(Host[]::new);
      try (AerospikeClient client = new AerospikeClient(policy, hosts)) {
        assertThat(client.getNodes()).hasSize(preview.capacity().nodes());
        Key key = new Key("payments", "tx", "order-1");
        client.put(null, key, new Bin("amount", 4200));
        Record r = client.get(null, key);
        assertThat(r.getInt("amount")).isEqualTo(4200);
      }
    }
  }
}

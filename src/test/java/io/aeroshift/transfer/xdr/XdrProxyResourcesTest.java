package io.aeroshift.transfer.xdr;

import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.demo.AkoMockServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class XdrProxyResourcesTest {
  private static final XdrProxyResources PROXY = new XdrProxyResources("src-a-xdr-proxy", "aerospike", "aerospike/aerospike-xdr-proxy:4.0.5",
      List.of("src-a-0-0.aerospike.svc.cluster.local:3000", "src-a-0-1.aerospike.svc.cluster.local:3000"), 1, "LoadBalancer");

  @Test
  void rendersTheProxyPointingAtTheTargetPods() {
    assertThat(PROXY.configFile()).contains("port: 8901").contains("- src-a-0-0.aerospike.svc.cluster.local:\n        port: 3000");
    assertThat(PROXY.deployment().getSpec().getTemplate().getSpec().getVolumes().get(0).getConfigMap().getName())
        .isEqualTo("src-a-xdr-proxy");
    assertThat(PROXY.service().getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(PROXY.service().getSpec().getSelector()).isEqualTo(PROXY.deployment().getSpec().getSelector().getMatchLabels());
  }

  @Test
  void appliesAndRemovesThroughFabric8LeavingNothing() {
    try (AkoMockServer k8s = new AkoMockServer()) {
      Fabric8XdrProxy proxy = new Fabric8XdrProxy(k8s.client);
      proxy.apply(PROXY);
      proxy.apply(PROXY); // idempotent
      assertThat(k8s.client.configMaps().inNamespace("aerospike").withName("src-a-xdr-proxy").get().getData())
          .containsKey("aerospike-xdr-proxy.yml");
      assertThat(k8s.client.apps().deployments().inNamespace("aerospike").withName("src-a-xdr-proxy").get()).isNotNull();
      assertThat(proxy.gone(PROXY)).isFalse();
      proxy.remove(PROXY);
      assertThat(proxy.gone(PROXY)).isTrue();
      proxy.remove(PROXY); // nothing left to remove is fine
    }
  }
}

package io.aeroshift.transfer.xdr;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** Applies and removes the XDR proxy's objects ({@link XdrProxyResources}) through fabric8; idempotent both ways. */
public final class Fabric8XdrProxy {
  private final KubernetesClient client;

  public Fabric8XdrProxy(KubernetesClient client) {
    this.client = client;
  }

  /** Creates or replaces the ConfigMap, Deployment and Service. */
  public void apply(XdrProxyResources proxy) {
    for (HasMetadata r : proxy.all()) client.resource(r).inNamespace(proxy.namespace()).createOr(e -> e.update());
  }

  /** Deletes them (Service first, so no new connection reaches a pod being removed); absent objects are fine. */
  public void remove(XdrProxyResources proxy) {
    List<HasMetadata> all = proxy.all();
    for (int i = all.size() - 1; i >= 0; i--) client.resource(all.get(i)).inNamespace(proxy.namespace()).delete();
  }

  /** True when none of the proxy's objects is left. */
  public boolean gone(XdrProxyResources proxy) {
    return client.configMaps().inNamespace(proxy.namespace()).withName(proxy.name()).get() == null
        && client.apps().deployments().inNamespace(proxy.namespace()).withName(proxy.name()).get() == null
        && client.services().inNamespace(proxy.namespace()).withName(proxy.name()).get() == null;
  }
}

package io.aeroshift.transfer.xdr;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The XDR proxy in the target's Kubernetes namespace (AKO-NOTES 9.3; AKO does not deploy it): a
 * ConfigMap with {@code aerospike-xdr-proxy.yml} (service port 8901, manage port 8902, the
 * destination seeds = the target cluster's pod addresses), a Deployment of
 * {@code aerospike/aerospike-xdr-proxy} mounting it at {@code /etc/aerospike-xdr-proxy}, and a
 * Service exposing the service port (LoadBalancer when the source is outside the cluster). Pure:
 * fabric8 model objects only.
 *
 * @param name resource name ({@code <target>-xdr-proxy})
 * @param namespace the target's Kubernetes namespace
 * @param image the proxy image with tag
 * @param seeds destination seeds, {@code host:port} (AKO pod DNS names, port 3000)
 * @param replicas proxy pods
 * @param serviceType {@code ClusterIP} or {@code LoadBalancer}
 */
public record XdrProxyResources(String name, String namespace, String image, List<String> seeds, int replicas, String serviceType) {
  public static final int SERVICE_PORT = 8901;
  public static final int MANAGE_PORT = 8902;
  static final String CONFIG_FILE = "aerospike-xdr-proxy.yml";

  public XdrProxyResources {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(image, "image");
    seeds = List.copyOf(seeds);
    if (seeds.isEmpty()) throw new IllegalArgumentException("seeds: the target cluster's pod addresses, at least one");
    if (replicas < 1) throw new IllegalArgumentException("replicas must be >= 1");
    if (!serviceType.equals("ClusterIP") && !serviceType.equals("LoadBalancer")) {
      throw new IllegalArgumentException("serviceType must be ClusterIP or LoadBalancer");
    }
  }

  Map<String, String> labels() {
    return Map.of("app.kubernetes.io/name", "aerospike-xdr-proxy", "app.kubernetes.io/instance", name,
        "app.kubernetes.io/managed-by", "aeroshift");
  }

  /** The proxy's configuration file: where it listens, where it writes. */
  public String configFile() {
    StringBuilder sb = new StringBuilder();
    sb.append("service:\n  port: ").append(SERVICE_PORT).append("\n  manage:\n    port: ").append(MANAGE_PORT).append('\n');
    sb.append("aerospike:\n  seeds:\n");
    for (String s : seeds) {
      int colon = s.lastIndexOf(':');
      sb.append("    - ").append(s, 0, colon).append(":\n        port: ").append(s.substring(colon + 1)).append('\n');
    }
    sb.append("logging:\n  enable-console-logging: true\n");
    return sb.toString();
  }

  public ConfigMap configMap() {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels()).endMetadata()
        .addToData(CONFIG_FILE, configFile()).build();
  }

  public Deployment deployment() {
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels()).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().withMatchLabels(labels()).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(labels()).endMetadata()
        .withNewSpec()
        .addNewContainer().withName("xdr-proxy").withImage(image)
        .addNewPort().withName("service").withContainerPort(SERVICE_PORT).endPort()
        .addNewPort().withName("manage").withContainerPort(MANAGE_PORT).endPort()
        .addNewVolumeMount().withName("config").withMountPath("/etc/aerospike-xdr-proxy").endVolumeMount()
        .endContainer()
        .addNewVolume().withName("config").withNewConfigMap().withName(name).endConfigMap().endVolume()
        .endSpec().endTemplate().endSpec().build();
  }

  public Service service() {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels()).endMetadata()
        .withNewSpec().withType(serviceType).withSelector(labels())
        .addNewPort().withName("service").withPort(SERVICE_PORT).withNewTargetPort(SERVICE_PORT).endPort()
        .endSpec().build();
  }

  /** In apply order: configuration first, then the pods that read it, then the way in. */
  public List<HasMetadata> all() {
    return List.of(configMap(), deployment(), service());
  }
}

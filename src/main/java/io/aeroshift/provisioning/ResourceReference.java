package io.aeroshift.provisioning;

import java.util.List;

/**
 * A Kubernetes object the rendered AerospikeCluster depends on but Aeroshift does not create: its
 * content is a secret or a cluster-level choice that belongs to the platform team.
 *
 * @param kind {@code Secret} or {@code StorageClass}
 * @param name object name
 * @param namespace Kubernetes namespace (null for cluster-scoped kinds)
 * @param keys the keys the AerospikeCluster reads from it (empty for StorageClass)
 * @param purpose why the cluster needs it
 */
public record ResourceReference(String kind, String name, String namespace, List<String> keys, String purpose) {
  public ResourceReference {
    keys = List.copyOf(keys);
  }
}

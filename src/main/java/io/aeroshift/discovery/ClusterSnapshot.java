package io.aeroshift.discovery;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one discovery run saw of a source cluster. Immutable: a later run is a new snapshot with a
 * higher {@code version}; nothing edits an old one.
 *
 * @param cluster the registered (inventory) name of the source cluster
 * @param version 1 for the first discovery of this cluster, then one more per run
 * @param takenAt when the run finished reading
 * @param clusterName the server's own {@code cluster-name} (null when the server has none)
 * @param partial true when some node could not be read: the figures then cover only the nodes read
 * @param problems what went wrong, one line each, naming node and command (empty when complete)
 * @param nodes every node seen (from the seeds and their peers), reachable or not
 * @param namespaces namespaces with cluster-wide figures (unique records, not replicas)
 * @param secondaryIndexes secondary index definitions
 * @param udfs registered UDF modules
 * @param clientConnections sum of {@code client_connections} over the reachable nodes
 * @param rates read and write rates measured from two samples of the counters
 * @param serviceConfig {@code get-config:context=service} of one reachable node, secrets removed
 *     ({@link SourceSettings}); empty when not read (snapshots stored before it was read load empty)
 * @param networkConfig {@code get-config:context=network} of the same node, secrets removed
 */
public record ClusterSnapshot(
    String cluster,
    int version,
    Instant takenAt,
    String clusterName,
    boolean partial,
    List<String> problems,
    List<NodeInfo> nodes,
    List<NamespaceInfo> namespaces,
    List<SecondaryIndexInfo> secondaryIndexes,
    List<UdfInfo> udfs,
    long clientConnections,
    Rates rates,
    Map<String, String> serviceConfig,
    Map<String, String> networkConfig) {

  // Jackson must use this one: snapshots stored before the config maps existed lack both fields,
  // which then arrive as null and become empty maps.
  @JsonCreator
  public ClusterSnapshot {
    serviceConfig = serviceConfig == null ? Map.of() : Map.copyOf(serviceConfig);
    networkConfig = networkConfig == null ? Map.of() : Map.copyOf(networkConfig);
    problems = List.copyOf(problems);
    nodes = List.copyOf(nodes);
    namespaces = List.copyOf(namespaces);
    secondaryIndexes = List.copyOf(secondaryIndexes);
    udfs = List.copyOf(udfs);
  }

  /** A snapshot without service/network settings (callers that predate them). */
  public ClusterSnapshot(String cluster, int version, Instant takenAt, String clusterName, boolean partial,
      List<String> problems, List<NodeInfo> nodes, List<NamespaceInfo> namespaces,
      List<SecondaryIndexInfo> secondaryIndexes, List<UdfInfo> udfs, long clientConnections, Rates rates) {
    this(cluster, version, takenAt, clusterName, partial, problems, nodes, namespaces, secondaryIndexes, udfs,
        clientConnections, rates, Map.of(), Map.of());
  }

  /** Number of nodes in the cluster as seen by this run. */
  public int size() {
    return nodes.size();
  }

  /** The namespace of that name, or null. */
  public NamespaceInfo namespace(String name) {
    return namespaces.stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * Per-second rates of client operations, cluster-wide.
   *
   * @param sampleSeconds the time between the two counter samples
   */
  public record Rates(double readsPerSecond, double writesPerSecond, double deletesPerSecond, double sampleSeconds) {}
}

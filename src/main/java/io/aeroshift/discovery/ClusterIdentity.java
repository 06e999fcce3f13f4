package io.aeroshift.discovery;

import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import io.aeroshift.outcome.RequestRefused;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What tells one Aerospike cluster from another, as seen through a connected client: the node ids
 * (info {@code node}, unique per server: derived from the MAC address and port), the node
 * addresses the client talks to, and the server's {@code cluster-name}. Two ends of a copy or a
 * validation that share any of these are one cluster: a copy onto itself rewrites every record and
 * a validation of a cluster against itself proves nothing.
 *
 * @param nodeIds the node ids of the connected nodes
 * @param addresses {@code host:port} of the connected nodes, as the client reaches them
 * @param clusterName the server's cluster-name, or null when it has none ({@code null} answered)
 */
public record ClusterIdentity(Set<String> nodeIds, Set<String> addresses, String clusterName) {

  public ClusterIdentity {
    nodeIds = Set.copyOf(nodeIds);
    addresses = Set.copyOf(addresses);
  }

  /** Reads the identity of the cluster a client is connected to (one info round trip per node). */
  public static ClusterIdentity read(IAerospikeClient client) {
    Set<String> ids = new TreeSet<>();
    Set<String> addresses = new TreeSet<>();
    String name = null;
    for (Node node : client.getNodes()) {
      ids.add(node.getName());
      addresses.add(address(node.getHost().name, node.getHost().port));
      if (name == null) {
        String answer = Info.request(null, node, InfoCommands.CLUSTER_NAME);
        name = answer == null || answer.isBlank() || answer.trim().equals("null") ? null : answer.trim();
      }
    }
    return new ClusterIdentity(ids, addresses, name);
  }

  /**
   * Why two seed lists name the same cluster (a seed in common), or empty. Checked before any
   * connection, so the plainest mistake is refused without touching either cluster.
   */
  public static Optional<String> sameSeeds(List<String> source, List<String> target) {
    Set<String> a = new TreeSet<>();
    for (String s : source) {
      a.add(normalise(s));
    }
    for (String t : target) {
      if (a.contains(normalise(t))) {
        return Optional.of("source and target share the seed " + t + ": they are the same cluster");
      }
    }
    return Optional.empty();
  }

  /**
   * Why source and target are the same cluster, or empty when they are two: a node id or a node
   * address in common, or the same cluster-name serving the namespace being moved (AKO names the
   * target after its AerospikeCluster, so a target that calls itself what the source calls itself
   * is the source seen through other seeds).
   */
  public static Optional<String> sameCluster(ClusterIdentity source, ClusterIdentity target, String namespace) {
    for (String id : source.nodeIds()) {
      if (target.nodeIds().contains(id)) {
        return Optional.of("source and target share node " + id + ": they are the same cluster");
      }
    }
    for (String a : source.addresses()) {
      if (target.addresses().contains(a)) {
        return Optional.of("source and target share the node at " + a + ": they are the same cluster");
      }
    }
    if (source.clusterName() != null && source.clusterName().equals(target.clusterName()) && namespace != null) {
      return Optional.of("source and target are both cluster-name '" + source.clusterName() + "' serving namespace '"
          + namespace + "': they are the same cluster");
    }
    return Optional.empty();
  }

  /** Why source and target are one cluster, read through the clients the work will use; empty if they are two. */
  public static Optional<String> sameCluster(IAerospikeClient source, IAerospikeClient target, String namespace) {
    return sameCluster(read(source), read(target), namespace);
  }

  /**
   * 409 SAME_CLUSTER: source and target of a copy or validation are one cluster, refused before
   * anything is read or written (exit 2 in the CLI, a SAME_CLUSTER failure in a run).
   */
  public static RequestRefused sameClusterRefusal(String why) {
    return new RequestRefused(409, "SAME_CLUSTER", why);
  }

  /**
   * Refuses a source and target that are one cluster ({@link #sameClusterRefusal}); reads both
   * identities through the clients the work will use.
   */
  public static void requireDistinct(IAerospikeClient source, IAerospikeClient target, String namespace) {
    Optional<String> same = sameCluster(source, target, namespace);
    if (same.isPresent()) {
      throw sameClusterRefusal(same.get());
    }
  }

  private static String normalise(String seed) {
    String s = seed.trim().toLowerCase(Locale.ROOT);
    int colon = s.lastIndexOf(':');
    String host = colon > 0 ? s.substring(0, colon) : s;
    String port = colon > 0 ? s.substring(colon + 1) : "3000";
    return address(host, parsePort(port));
  }

  private static int parsePort(String p) {
    try {
      return Integer.parseInt(p);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** One spelling per address: loopback names are one host. */
  private static String address(String host, int port) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      h = "127.0.0.1";
    }
    return h + ":" + port;
  }
}

package io.aeroshift.discovery;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Host;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.InfoPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The I/O half of discovery: connects with the official Aerospike client and runs info commands on
 * every node. Returns raw values only ({@link ClusterReading}); {@link SnapshotAssembler}
 * interprets them. Policies are built for each run and never shared.
 */
public class AerospikeClusterReader {

  /**
   * Reads the cluster.
   *
   * @param spec where and how to connect
   * @param sampleInterval time between the two samples of the rate counters (0 = one sample only)
   * @throws DiscoveryException when no node at all can be read
   */
  public ClusterReading read(ConnectionSpec spec, Duration sampleInterval) {
    AerospikeClient client;
    try {
      client = AerospikeClients.connect(spec, 0);
    } catch (AerospikeException e) {
      DiscoveryException.Reason reason = ConnectFailures.classify(e.getResultCode(), e.getMessage());
      throw new DiscoveryException(reason, ConnectFailures.describe(reason, spec.seeds(), e.getMessage()), e);
    }
    try {
      return readNodes(client, spec, sampleInterval);
    } finally {
      client.close();
    }
  }

  private ClusterReading readNodes(AerospikeClient client, ConnectionSpec spec, Duration sampleInterval) {
    InfoPolicy info = new InfoPolicy();
    info.timeout = (int) spec.timeout().toMillis();

    List<ClusterReading.UnreachableNode> unreachable = new ArrayList<>();
    Map<Node, Map<String, String>> first = new LinkedHashMap<>();
    Set<String> reachableIds = new HashSet<>();
    Set<String> reachableAddresses = new HashSet<>();
    for (Node node : client.getNodes()) {
      String address = address(node.getHost());
      try {
        Map<String, String> values = new HashMap<>(Info.request(info, node, InfoCommands.NODE_LEVEL.toArray(String[]::new)));
        if (InfoParser.isError(values.get(InfoCommands.SINDEX_LIST))) {
          values.put(InfoCommands.SINDEX_LEGACY, Info.request(info, node, InfoCommands.SINDEX_LEGACY));
        }
        List<String> perNs = new ArrayList<>();
        for (String ns : InfoParser.list(values.get(InfoCommands.NAMESPACES))) {
          perNs.addAll(InfoCommands.perNamespace(ns));
        }
        if (!perNs.isEmpty()) {
          values.putAll(Info.request(info, node, perNs.toArray(String[]::new)));
        }
        first.put(node, values);
        reachableIds.add(node.getName());
        reachableAddresses.add(normalized(address));
      } catch (AerospikeException e) {
        unreachable.add(new ClusterReading.UnreachableNode(node.getName(), address, oneLine(e.getMessage())));
      }
    }
    if (first.isEmpty()) {
      throw new DiscoveryException(DiscoveryException.Reason.SEEDS_UNREACHABLE,
          "connected to " + spec.seeds() + " but no node answered info requests: " + unreachable);
    }

    // Nodes the cluster itself lists (peers) but the client could not reach.
    Set<String> peerAddresses = new HashSet<>();
    for (Map.Entry<Node, Map<String, String>> e : first.entrySet()) {
      for (InfoParser.Peer peer : InfoParser.peers(e.getValue().get(InfoCommands.PEERS))) {
        peer.addresses().forEach(a -> peerAddresses.add(normalized(a)));
        if (!reachableIds.contains(peer.nodeId()) && unreachable.stream().noneMatch(u -> peer.nodeId().equals(u.nodeId()))) {
          String a = peer.addresses().isEmpty() ? "?" : peer.addresses().get(0);
          unreachable.add(new ClusterReading.UnreachableNode(peer.nodeId(), a,
              "listed as a peer by node " + e.getKey().getName() + " but not connected"));
        }
      }
    }
    // Seeds that name no reachable node: a node that is down (or a wrong address).
    for (String seed : spec.seeds()) {
      String n = normalized(seed);
      if (reachableAddresses.contains(n) || peerAddresses.contains(n)) {
        continue;
      }
      String why = probe(seed, spec.timeout());
      if (why != null) {
        unreachable.add(new ClusterReading.UnreachableNode(null, seed, "seed did not answer: " + why));
      }
    }

    Map<Node, Map<String, String>> later = new HashMap<>();
    double seconds = 0;
    if (!sampleInterval.isZero() && !sampleInterval.isNegative()) {
      long start = System.nanoTime();
      pause(sampleInterval);
      for (Map.Entry<Node, Map<String, String>> e : first.entrySet()) {
        String[] nsCommands = InfoParser.list(e.getValue().get(InfoCommands.NAMESPACES)).stream()
            .map(InfoCommands::namespace).toArray(String[]::new);
        if (nsCommands.length == 0) {
          continue;
        }
        try {
          later.put(e.getKey(), Info.request(info, e.getKey(), nsCommands));
        } catch (AerospikeException ex) {
          // The rate of this node is left out; its first-round figures stand.
        }
      }
      seconds = (System.nanoTime() - start) / 1e9;
    }

    List<NodeReading> readings = new ArrayList<>();
    for (Map.Entry<Node, Map<String, String>> e : first.entrySet()) {
      readings.add(new NodeReading(address(e.getKey().getHost()), e.getValue(), later.get(e.getKey())));
    }
    return new ClusterReading(readings, unreachable, seconds);
  }

  /** Null when a TCP connection to {@code seed} opens, else why not. */
  private static String probe(String seed, Duration timeout) {
    int colon = seed.lastIndexOf(':');
    String host = seed.substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(seed.substring(colon + 1));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return null;
    } catch (IOException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static String address(Host host) {
    return (host.name.contains(":") ? "[" + host.name + "]" : host.name) + ":" + host.port;
  }

  /** host:port with the host resolved to an IP literal, so aliases such as localhost match. */
  static String normalized(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0) {
      return hostPort;
    }
    String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
    try {
      host = InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      // keep the name as given
    }
    return host + ":" + hostPort.substring(colon + 1);
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", "; ").trim();
  }
}

package io.aeroshift.cutover;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.ClusterStats;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.cluster.NodeStats;
import com.aerospike.client.policy.InfoPolicy;
import io.aeroshift.discovery.InfoCommands;
import io.aeroshift.discovery.InfoParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads every source node's client write counters and {@code client_connections} over the info
 * protocol (one request per node: {@code statistics}, {@code namespaces}, then one
 * {@code namespace/<ns>} per namespace), and the service's own connections to each node from its
 * clients' pools ({@link IAerospikeClient#getClusterStats()}): in use plus pooled, sync and async,
 * plus the tend connection the client keeps to every active node.
 */
public final class SourceActivityProbe {

  /** Namespace counters of client writes, as servers 5.x to 8.x name them. */
  static final List<String> WRITE_COUNTERS = List.of("client_write_success", "client_delete_success",
      "client_udf_complete", "batch_sub_write_success", "batch_sub_delete_success", "batch_sub_udf_complete",
      "client_lang_write_success", "client_lang_delete_success");

  private final IAerospikeClient client;
  private final List<IAerospikeClient> ownClients;
  private final Clock clock;
  private final InfoPolicy policy;

  /**
   * @param client reads the statistics (counted among the own clients)
   * @param otherOwnClients every other client the service holds to the source meanwhile (the copy)
   */
  public SourceActivityProbe(IAerospikeClient client, List<IAerospikeClient> otherOwnClients, Clock clock) {
    this.client = client;
    List<IAerospikeClient> own = new ArrayList<>(otherOwnClients);
    if (own.stream().noneMatch(c -> c == client)) {
      own.add(client);
    }
    this.ownClients = List.copyOf(own);
    this.clock = clock;
    this.policy = new InfoPolicy();
    policy.timeout = 2000;
  }

  public ActivitySample sample() {
    List<NodeActivity> out = new ArrayList<>();
    for (Node node : client.getNodes()) {
      String id = node.getName() + "@" + node.getHost();
      int ownBefore = ownConnections(node.getName());
      try {
        Map<String, String> first = Info.request(policy, node, InfoCommands.STATISTICS, InfoCommands.NAMESPACES);
        String[] nsCommands = InfoParser.list(first.get(InfoCommands.NAMESPACES)).stream()
            .map(InfoCommands::namespace).toArray(String[]::new);
        long writes = 0;
        if (nsCommands.length > 0) {
          for (String answer : Info.request(policy, node, nsCommands).values()) {
            Map<String, String> kv = InfoParser.keyValues(answer);
            for (String counter : WRITE_COUNTERS) {
              writes += InfoParser.longOf(kv, counter, 0);
            }
          }
        }
        long connections = InfoParser.longOf(InfoParser.keyValues(first.get(InfoCommands.STATISTICS)),
            "client_connections", -1);
        int own = Math.max(ownBefore, ownConnections(node.getName()));
        out.add(new NodeActivity(id, writes, (int) connections, own));
      } catch (AerospikeException e) {
        out.add(new NodeActivity(id, -1, -1, ownBefore));
      }
    }
    return new ActivitySample(clock.instant(), out);
  }

  private int ownConnections(String nodeName) {
    int n = 0;
    for (IAerospikeClient c : ownClients) {
      ClusterStats stats = c.getClusterStats();
      for (NodeStats ns : stats.nodes) {
        if (ns.node.getName().equals(nodeName)) {
          n += ns.sync.inUse + ns.sync.inPool + 1;
          if (ns.async != null) {
            n += ns.async.inUse + ns.async.inPool;
          }
        }
      }
    }
    return n;
  }
}

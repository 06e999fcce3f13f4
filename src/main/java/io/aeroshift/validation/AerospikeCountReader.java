package io.aeroshift.validation;

import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.InfoPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads object counts per set of one namespace over info ({@code sets/<ns>} and
 * {@code namespace/<ns>} on every node). The numbers go to the pure {@link CountCheck}.
 */
public final class AerospikeCountReader {

  /** The set name under which the namespace's total is reported. */
  public static final String WHOLE_NAMESPACE = "*";

  private AerospikeCountReader() {}

  public static List<CountCheck.SideCount> read(IAerospikeClient client, String namespace) {
    Node[] nodes = client.getNodes();
    if (nodes.length == 0) {
      throw new IllegalStateException("no cluster node reachable to count namespace " + namespace);
    }
    InfoPolicy policy = new InfoPolicy();
    policy.timeout = 5000;
    Map<String, Long> perSet = new HashMap<>();
    long total = 0;
    int rf = 1;
    for (Node node : nodes) {
      Map<String, String> ns = parseFields(Info.request(policy, node, "namespace/" + namespace), ";");
      if (ns.isEmpty() || !ns.containsKey("objects")) {
        throw new IllegalStateException("node " + node.getName() + " does not know namespace " + namespace);
      }
      total += Long.parseLong(ns.get("objects"));
      rf = Math.max(rf, Integer.parseInt(ns.getOrDefault("replication-factor", ns.getOrDefault("effective_replication_factor", "1"))));
      perSet(Info.request(policy, node, "sets/" + namespace), perSet);
    }
    List<CountCheck.SideCount> out = new ArrayList<>();
    out.add(new CountCheck.SideCount(namespace, WHOLE_NAMESPACE, total, rf, nodes.length, true));
    for (Map.Entry<String, Long> e : perSet.entrySet()) {
      out.add(new CountCheck.SideCount(namespace, e.getKey(), e.getValue(), rf, nodes.length, true));
    }
    return out;
  }

  /** Adds each set's objects from a {@code sets/<ns>} answer ("ns=..:set=..:objects=..;..."). */
  static void perSet(String answer, Map<String, Long> into) {
    if (answer == null) {
      return;
    }
    for (String entry : answer.split(";")) {
      Map<String, String> kv = parseFields(entry, ":");
      if (kv.containsKey("set") && kv.containsKey("objects")) {
        into.merge(kv.get("set"), Long.parseLong(kv.get("objects")), Long::sum);
      }
    }
  }

  static Map<String, String> parseFields(String text, String separator) {
    Map<String, String> kv = new HashMap<>();
    if (text == null) {
      return kv;
    }
    for (String field : text.trim().split(separator)) {
      int eq = field.indexOf('=');
      if (eq > 0) {
        kv.put(field.substring(0, eq).trim(), field.substring(eq + 1).trim());
      }
    }
    return kv;
  }
}

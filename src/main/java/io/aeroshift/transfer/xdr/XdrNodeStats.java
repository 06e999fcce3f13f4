package io.aeroshift.transfer.xdr;

import io.aeroshift.discovery.InfoParser;
import java.util.Map;

/**
 * One source node's {@code get-stats:context=xdr;dc=D} (AKO-NOTES 9.2), or the fact that the node
 * does not have the DC ({@code present} false: it restarted, or setup did not reach it).
 */
public record XdrNodeStats(
    String node,
    boolean present,
    long lag,
    long inQueue,
    long inProgress,
    long recoveriesPending,
    long success,
    long abandoned,
    long notFound,
    long retryNoNode,
    int connectedNodes) {

  public static XdrNodeStats absent(String node) {
    return new XdrNodeStats(node, false, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  public static XdrNodeStats parse(String node, String reply) {
    if (InfoParser.isError(reply) || reply.isBlank()) return absent(node);
    Map<String, String> kv = InfoParser.keyValues(reply);
    return new XdrNodeStats(node, true, InfoParser.longOf(kv, "lag", 0), InfoParser.longOf(kv, "in_queue", 0),
        InfoParser.longOf(kv, "in_progress", 0), InfoParser.longOf(kv, "recoveries_pending", 0),
        InfoParser.longOf(kv, "success", 0), InfoParser.longOf(kv, "abandoned", 0), InfoParser.longOf(kv, "not_found", 0),
        InfoParser.longOf(kv, "retry_no_node", 0), (int) InfoParser.longOf(kv, "nodes", kv.containsKey("nodes") ? 0 : 1));
  }

  /** Nothing waits on this node: no recovery, no queue, nothing in flight. */
  public boolean drained() {
    return recoveriesPending == 0 && inQueue == 0 && inProgress == 0;
  }
}

package io.aeroshift.emulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The emulator's own info command {@code aeroshift-fault[:param=value;...]}: reads and changes the
 * faults of a running emulated cluster through any client that can send an info request (the
 * official client's {@code Info.request}, {@code asinfo -v}). A real server answers it
 * {@code ERROR:4:unrecognized command}, so nothing meant for the emulator can reach a real cluster
 * unnoticed. All parameters of one request are checked before any is applied.
 *
 * <p>Parameters: {@code latency-ms}, {@code drop-fraction}, {@code lose-writes},
 * {@code fail-fraction} with {@code result-code}, {@code drop-connections}, {@code clock-offset-ms}
 * (of {@code node}, default the node answering), {@code stop-node}, {@code start-node},
 * {@code clear}. Without parameters: the current faults.
 */
final class FaultCommand {
  static final String NAME = "aeroshift-fault";

  private final EmulatedCluster cluster;
  private final int answeringNode;
  private final ClientConnection asking;

  FaultCommand(EmulatedCluster cluster, int answeringNode, ClientConnection asking) {
    this.cluster = cluster;
    this.answeringNode = answeringNode;
    this.asking = asking;
  }

  String answer(Map<String, String> params) {
    if (params.isEmpty()) return describe();
    Map<String, String> rest = new LinkedHashMap<>(params);
    try {
      Duration latency = rest.containsKey("latency-ms") ? Duration.ofMillis(nonNegative(rest.remove("latency-ms"), "latency-ms")) : null;
      Double drop = rest.containsKey("drop-fraction") ? fraction(rest.remove("drop-fraction"), "drop-fraction") : null;
      Double lose = rest.containsKey("lose-writes") ? fraction(rest.remove("lose-writes"), "lose-writes") : null;
      Double fail = rest.containsKey("fail-fraction") ? fraction(rest.remove("fail-fraction"), "fail-fraction") : null;
      String rcText = rest.remove("result-code");
      int resultCode = rcText == null ? 0 : (int) nonNegative(rcText, "result-code");
      if (fail != null && (resultCode < 1 || resultCode > 255)) throw new IllegalArgumentException("fail-fraction needs result-code 1..255");
      boolean dropConnections = rest.remove("drop-connections") != null;
      Long clock = rest.containsKey("clock-offset-ms") ? integer(rest.remove("clock-offset-ms"), "clock-offset-ms") : null;
      String nodeText = rest.remove("node");
      int node = nodeText == null ? answeringNode : nodeIndex(nodeText, "node");
      Integer stop = rest.containsKey("stop-node") ? nodeIndex(rest.remove("stop-node"), "stop-node") : null;
      Integer start = rest.containsKey("start-node") ? nodeIndex(rest.remove("start-node"), "start-node") : null;
      boolean clear = rest.remove("clear") != null;
      if (!rest.isEmpty()) throw new IllegalArgumentException("unknown parameter " + rest.keySet().iterator().next());
      if (stop != null && stop == answeringNode) {
        // the reply would go down with the node; a real operator stops a node from elsewhere too
        throw new IllegalArgumentException("node " + stop + " is answering this request: ask another node to stop it");
      }
      Faults f = cluster.faults();
      if (clear) f.clear();
      if (latency != null) f.latency(latency);
      if (drop != null) f.dropFraction(drop);
      if (lose != null) f.loseWritesFraction(lose);
      if (fail != null) f.failFraction(fail, resultCode);
      if (clock != null) f.clockOffset(node, Duration.ofMillis(clock));
      if (stop != null) cluster.stopNode(stop);
      if (start != null) cluster.startNode(start);
      if (dropConnections) f.dropAllConnectionsExcept(asking); // the asker still gets its answer
      return "ok";
    } catch (RuntimeException e) {
      return "ERROR:4:" + e.getMessage().replace(';', ',').replace('\t', ' ').replace('\n', ' ');
    }
  }

  private String describe() {
    Faults f = cluster.faults();
    StringJoiner clocks = new StringJoiner(",");
    StringJoiner running = new StringJoiner(",");
    for (int i = 0; i < cluster.size(); i++) {
      clocks.add(Long.toString(f.clockOffsetMillis(i)));
      running.add(cluster.isRunning(i) ? "1" : "0");
    }
    return "latency-ms=" + f.latency().toMillis() + ";drop-fraction=" + f.dropFraction() + ";lose-writes="
        + f.loseWritesFraction() + ";lost-writes=" + f.lostWrites() + ";clock-offset-ms=" + clocks + ";running=" + running;
  }

  private int nodeIndex(String v, String name) {
    long i = nonNegative(v, name);
    if (i >= cluster.size()) throw new IllegalArgumentException(name + " " + v + " out of 0.." + (cluster.size() - 1));
    return (int) i;
  }

  private static long nonNegative(String v, String name) {
    long n = integer(v, name);
    if (n < 0) throw new IllegalArgumentException(name + " must be >= 0, got " + v);
    return n;
  }

  private static long integer(String v, String name) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
    }
  }

  private static double fraction(String v, String name) {
    try {
      double d = Double.parseDouble(v.trim());
      if (d >= 0 && d <= 1) return d;
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException(name + " must be a fraction 0..1, got '" + v + "'");
  }
}

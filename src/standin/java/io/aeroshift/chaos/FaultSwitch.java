package io.aeroshift.chaos;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.Info;
import io.aeroshift.emulator.EmulatedCluster;

/**
 * Injects and removes faults on one emulated cluster through the emulator's
 * {@code aeroshift-fault} info command, sent with the official client to a running node, as a
 * person or tool outside the process would. Only when no node can answer (every node of the side
 * stopped) is the cluster handle used to start one again.
 */
final class FaultSwitch {
  private final String side;
  private final EmulatedCluster cluster;

  FaultSwitch(String side, EmulatedCluster cluster) {
    this.side = side;
    this.cluster = cluster;
  }

  String side() {
    return side;
  }

  int size() {
    return cluster.size();
  }

  boolean running(int node) {
    return cluster.isRunning(node);
  }

  void stopNode(int node) {
    if (!cluster.isRunning(node)) {
      return;
    }
    int other = answeringNode(node);
    if (other < 0) {
      cluster.stopNode(node); // the last node running: nobody else could be asked
      return;
    }
    send(other, "stop-node=" + node);
  }

  void startNode(int node) {
    if (cluster.isRunning(node)) {
      return;
    }
    int other = answeringNode(node);
    if (other < 0) {
      cluster.startNode(node);
      return;
    }
    send(other, "start-node=" + node);
  }

  void startAll() {
    for (int i = 0; i < cluster.size(); i++) {
      startNode(i);
    }
  }

  void set(String params) {
    int node = answeringNode(-1);
    if (node < 0) {
      startNode(0);
      node = 0;
    }
    send(node, params);
  }

  /** Writes and deletes the side acknowledged and lost so far. */
  long lostWrites() {
    int node = answeringNode(-1);
    String state = node < 0 ? "" : request(node, "aeroshift-fault");
    for (String kv : state.split(";")) {
      if (kv.startsWith("lost-writes=")) {
        return Long.parseLong(kv.substring("lost-writes=".length()));
      }
    }
    return cluster.faults().lostWrites();
  }

  private int answeringNode(int except) {
    for (int i = 0; i < cluster.size(); i++) {
      if (i != except && cluster.isRunning(i)) {
        return i;
      }
    }
    return -1;
  }

  private void send(int node, String params) {
    String answer = request(node, "aeroshift-fault:" + params);
    if (!"ok".equals(answer)) {
      throw new IllegalStateException(side + " node " + node + " refused aeroshift-fault:" + params + ": " + answer);
    }
  }

  private String request(int node, String command) {
    try {
      return Info.request("127.0.0.1", cluster.ports()[node], command);
    } catch (AerospikeException e) {
      throw new IllegalStateException(side + " node " + node + " did not answer " + command + ": " + e.getMessage(), e);
    }
  }
}

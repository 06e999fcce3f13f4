package io.aeroshift.discovery;

import java.util.List;

/**
 * Everything one discovery run read from a cluster, before interpretation.
 *
 * @param nodes the nodes that answered
 * @param unreachable nodes known (seed or peer) that could not be read
 * @param sampleSeconds time between the two counter samples (0 when there was no second sample)
 */
public record ClusterReading(List<NodeReading> nodes, List<UnreachableNode> unreachable, double sampleSeconds) {
  public ClusterReading {
    nodes = List.copyOf(nodes);
    unreachable = List.copyOf(unreachable);
  }

  /**
   * A node that could not be read.
   *
   * @param nodeId node name when a peer listed it, else null
   * @param address {@code host:port}
   * @param why the failure, in words
   */
  public record UnreachableNode(String nodeId, String address, String why) {}
}

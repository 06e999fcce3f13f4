package io.aeroshift.cutover;

/**
 * One source node's client activity at one instant, from its info statistics.
 *
 * @param node the node's name (node id) and address, as the client knows it
 * @param writes the node's cumulative client writes (writes, deletes, UDFs, batch writes and
 *     deletes: {@code client_write_success} and friends summed over its namespaces); -1 when the
 *     node did not answer
 * @param clientConnections the node's {@code client_connections} statistic; -1 when it did not answer
 * @param ownConnections connections the service itself holds to the node (the client's pools and
 *     tend connection), counted before and after the info call, the larger of the two
 */
public record NodeActivity(String node, long writes, int clientConnections, int ownConnections) {

  /** True when the node answered the statistics request. */
  public boolean answered() {
    return writes >= 0 && clientConnections >= 0;
  }

  /** Client connections that are not the service's own. */
  public int residualConnections() {
    return answered() ? Math.max(0, clientConnections - ownConnections) : 0;
  }
}

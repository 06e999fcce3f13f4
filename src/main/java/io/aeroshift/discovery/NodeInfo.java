package io.aeroshift.discovery;

/**
 * One server node.
 *
 * @param nodeId the server's node name (15 hex digits on a real server)
 * @param address host:port the node was reached at (or advertised by its peers)
 * @param build server build, four dotted numbers such as {@code 6.4.0.10}
 * @param edition e.g. {@code Aerospike Community Edition}
 * @param reachable false when the node was listed by peers but could not be read
 * @param clientConnections the node's {@code client_connections} statistic
 */
public record NodeInfo(
    String nodeId, String address, String build, String edition, boolean reachable, long clientConnections) {

  /** True for a Community Edition node. */
  public boolean community() {
    return edition != null && edition.toLowerCase().contains("community");
  }
}

package io.aeroshift.inventory;

/** No cluster of that name is registered. */
public class ClusterNotFoundException extends RuntimeException {
  private final String cluster;

  public ClusterNotFoundException(String cluster) {
    super("no source cluster named '" + cluster + "' is registered");
    this.cluster = cluster;
  }

  public String cluster() {
    return cluster;
  }
}

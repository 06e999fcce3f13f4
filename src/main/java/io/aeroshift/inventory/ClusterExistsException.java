package io.aeroshift.inventory;

/** A cluster of that name is already registered. */
public class ClusterExistsException extends RuntimeException {
  public ClusterExistsException(String cluster) {
    super("a source cluster named '" + cluster + "' is already registered");
  }
}

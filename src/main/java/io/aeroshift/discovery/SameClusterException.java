package io.aeroshift.discovery;

/**
 * Source and target of a copy or validation are one cluster (see {@link ClusterIdentity}): refused
 * before anything is read or written (409 SAME_CLUSTER at the API, exit 2 in the CLI).
 */
public final class SameClusterException extends RuntimeException {
  public SameClusterException(String message) {
    super(message);
  }
}

package io.aeroshift.jobs;

import java.util.List;

/**
 * How an XDR copy run ships (mode XDR): to the target's nodes directly, or through the XDR proxy
 * endpoints when the target is inside Kubernetes and the source cannot reach its pods.
 *
 * @param proxy {@code host:port} of each XDR proxy endpoint; empty to ship to the target's nodes
 * @param reachTimeoutSeconds how long every source node may take to connect to the destination
 *     (the plan's timeout); past it the run fails TARGET_UNREACHABLE and leaves nothing configured
 * @param readyLagSeconds the lag at or under which a caught-up DC counts as ready for cutover
 */
public record XdrSpec(List<String> proxy, long reachTimeoutSeconds, long readyLagSeconds) {
  public XdrSpec {
    proxy = proxy == null ? List.of() : List.copyOf(proxy);
    if (reachTimeoutSeconds < 1) {
      throw new IllegalArgumentException("reachTimeoutSeconds must be at least 1");
    }
    if (readyLagSeconds < 0) {
      throw new IllegalArgumentException("readyLagSeconds must be >= 0");
    }
  }

  /** Directly to the target's nodes, 30 s to connect, ready at a lag of 2 s or less. */
  public static XdrSpec direct() {
    return new XdrSpec(List.of(), 30, 2);
  }

  public static XdrSpec viaProxy(List<String> endpoints) {
    return new XdrSpec(endpoints, 30, 2);
  }

  public XdrSpec withReachTimeoutSeconds(long seconds) {
    return new XdrSpec(proxy, seconds, readyLagSeconds);
  }
}

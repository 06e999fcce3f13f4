package io.aeroshift.inventory;

import java.time.Instant;

/**
 * A cluster entry as stored, with its bookkeeping.
 *
 * @param entry the entry
 * @param origin where it came from
 * @param createdAt first registration
 * @param updatedAt last change
 */
public record RegisteredCluster(ClusterEntry entry, Origin origin, Instant createdAt, Instant updatedAt) {
  public String name() {
    return entry.name();
  }

  public String team() {
    return entry.team();
  }
}

package io.aeroshift.transfer;

import java.util.Objects;

/**
 * The unit of copy work: one partition of one namespace, optionally restricted to one set. It is
 * what the scheduler hands out, what a checkpoint records and what a replica could later lease.
 *
 * @param namespace namespace on both sides
 * @param set set filter, or null for every set of the namespace
 * @param partition partition id, 0..4095
 */
public record WorkUnit(String namespace, String set, int partition) {

  public WorkUnit {
    Objects.requireNonNull(namespace, "namespace");
    if (namespace.isBlank()) {
      throw new IllegalArgumentException("namespace must not be blank");
    }
    if (set != null && set.isBlank()) {
      set = null;
    }
    if (partition < 0 || partition >= PartitionIds.COUNT) {
      throw new IllegalArgumentException(
          "partition must be in 0.." + (PartitionIds.COUNT - 1) + ", was " + partition);
    }
  }
}

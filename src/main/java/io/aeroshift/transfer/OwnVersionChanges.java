package io.aeroshift.transfer;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Changes to the post-switch generation memory of one partition, recorded in the same transaction
 * as the partition checkpoint that covers the writes behind them (see {@link OwnVersions}).
 *
 * @param switchNanos the switch the writes were made under (nanoseconds since 1970)
 * @param namespace the target namespace
 * @param partition the partition of every digest here
 * @param generations by hex digest: the generation our latest write got, or {@link #FORGET} when
 *     the engine deleted the record
 */
public record OwnVersionChanges(
    long switchNanos, String namespace, int partition, Map<String, Integer> generations) {

  /** Marks a digest whose remembered generation is dropped. */
  public static final int FORGET = 0;

  public OwnVersionChanges {
    Objects.requireNonNull(namespace, "namespace");
    if (switchNanos <= 0) {
      throw new IllegalArgumentException("own versions belong to a switch, was " + switchNanos);
    }
    if (partition < 0 || partition >= PartitionIds.COUNT) {
      throw new IllegalArgumentException("partition out of range: " + partition);
    }
    for (Map.Entry<String, Integer> e : generations.entrySet()) {
      if (e.getKey().length() != 40) {
        throw new IllegalArgumentException("not a hex digest: " + e.getKey());
      }
      if (e.getValue() < 0 || e.getValue() > 0xFFFF) {
        throw new IllegalArgumentException("generation out of range for " + e.getKey());
      }
    }
    generations = new TreeMap<>(generations);
  }

  @Override
  public Map<String, Integer> generations() {
    return java.util.Collections.unmodifiableMap(generations);
  }

  public boolean isEmpty() {
    return generations.isEmpty();
  }
}

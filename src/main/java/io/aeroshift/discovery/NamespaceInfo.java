package io.aeroshift.discovery;

import java.util.List;
import java.util.Map;

/**
 * A namespace as discovery saw it, with cluster-wide figures.
 *
 * @param name namespace name
 * @param objects unique records (master objects summed over nodes, not replicas)
 * @param tombstones unique tombstones (0 on Community Edition)
 * @param replicationFactor configured replication factor
 * @param storageEngine {@code memory}, {@code device} or {@code pmem}
 * @param devices raw devices of a device storage engine (empty otherwise)
 * @param files files of a device storage engine (empty otherwise)
 * @param dataInMemory the pre-7.0 {@code data-in-memory} setting (false when absent)
 * @param memoryUsedBytes memory in use, cluster-wide (index + data in memory where applicable)
 * @param memoryConfiguredBytes {@code memory-size} (pre-7.0) or {@code data-size}/index budget, cluster-wide
 * @param diskUsedBytes device bytes in use, cluster-wide (0 for memory namespaces)
 * @param diskConfiguredBytes device or file capacity, cluster-wide (0 for memory namespaces)
 * @param defaultTtlSeconds {@code default-ttl} (0 = never expire)
 * @param stopWritesPct the stop-writes threshold as configured, whatever its name in that version (null if unknown)
 * @param highWaterDiskPct eviction high-water mark on disk (null if unknown)
 * @param highWaterMemoryPct eviction high-water mark on memory (null if unknown)
 * @param sets the sets of this namespace
 * @param config the namespace configuration exactly as {@code get-config:context=namespace;id=<ns>}
 *     returned it, kept for configuration translation
 */
public record NamespaceInfo(
    String name,
    long objects,
    long tombstones,
    int replicationFactor,
    String storageEngine,
    List<String> devices,
    List<String> files,
    boolean dataInMemory,
    long memoryUsedBytes,
    long memoryConfiguredBytes,
    long diskUsedBytes,
    long diskConfiguredBytes,
    long defaultTtlSeconds,
    Integer stopWritesPct,
    Integer highWaterDiskPct,
    Integer highWaterMemoryPct,
    List<SetInfo> sets,
    Map<String, String> config) {

  public NamespaceInfo {
    devices = List.copyOf(devices);
    files = List.copyOf(files);
    sets = List.copyOf(sets);
    config = Map.copyOf(config);
  }
}

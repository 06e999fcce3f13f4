package io.aeroshift.planning;

import java.util.List;

/**
 * What the planner decided for one namespace, per node of the target.
 *
 * @param name namespace name
 * @param sourceReplicationFactor as discovered
 * @param replicationFactor on the target
 * @param storage how the namespace stores its data on the target
 * @param dataSizeBytes {@code storage-engine memory data-size} (MEMORY only, else 0)
 * @param devicePaths Block volume paths used as {@code devices} (DEVICES, MEMORY_ON_DEVICES)
 * @param filePaths files used as {@code files} (FILES, MEMORY_ON_FILES)
 * @param filesizeBytes {@code filesize} for files (0 otherwise)
 * @param volumes the persistent volumes this namespace needs
 * @param indexBytesPerNode primary index memory per node (64 bytes per record copy)
 * @param dataMemoryBytesPerNode data held in memory per node (data-size, or the mirrored storage)
 */
public record NamespacePlan(
    String name,
    int sourceReplicationFactor,
    int replicationFactor,
    Storage storage,
    long dataSizeBytes,
    List<String> devicePaths,
    List<String> filePaths,
    long filesizeBytes,
    List<VolumePlan> volumes,
    long indexBytesPerNode,
    long dataMemoryBytesPerNode) {

  public NamespacePlan {
    devicePaths = List.copyOf(devicePaths);
    filePaths = List.copyOf(filePaths);
    volumes = List.copyOf(volumes);
  }

  /** Target storage shapes (7.x/8.x {@code storage-engine}). */
  public enum Storage {
    /** {@code type: memory} with {@code data-size}: no persistence (was CE {@code storage-engine memory}). */
    MEMORY,
    /** {@code type: memory} persisted to raw devices (was CE device + {@code data-in-memory true}). */
    MEMORY_ON_DEVICES,
    /** {@code type: memory} persisted to files (was CE files + {@code data-in-memory true}). */
    MEMORY_ON_FILES,
    /** {@code type: device} on raw devices. */
    DEVICES,
    /** {@code type: device} on files. */
    FILES;

    public String engineType() {
      return this == DEVICES || this == FILES ? "device" : "memory";
    }
  }

  /**
   * A persistent volume for the AerospikeCluster's {@code storage.volumes}.
   *
   * @param name volume name (DNS-1123)
   * @param path mount or device path inside the pod
   * @param block true for volumeMode Block (raw device), false for Filesystem
   * @param sizeBytes requested size
   */
  public record VolumePlan(String name, String path, boolean block, long sizeBytes) {}
}

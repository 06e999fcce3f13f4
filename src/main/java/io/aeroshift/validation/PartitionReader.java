package io.aeroshift.validation;

import io.aeroshift.transfer.RecordImage;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * Reads partitions of one cluster for validation. Implementations: {@link AerospikePartitionReader}
 * (the official client) and in-memory readers in tests.
 */
public interface PartitionReader {

  /**
   * Reads every record of one partition, on the calling thread.
   *
   * @param cutoffNanos when > 0, only records whose last-update time (nanoseconds since 1970) is at
   *     or before it; 0 for every record (the target: its last-update times are copy times)
   * @param includeBins false when only digests are compared (records then carry no bins)
   * @throws PartitionUnreadableException when the partition could not be read completely
   */
  void read(String namespace, int partitionId, long cutoffNanos, boolean includeBins, Consumer<RecordImage> sink)
      throws PartitionUnreadableException;

  /**
   * Reports the digest of every record of the given partitions whose last-update time is after the
   * cut-off. The consumer may be called from several threads at once.
   *
   * @throws PartitionUnreadableException when any of the partitions could not be read completely
   */
  void changedAfter(String namespace, Collection<Integer> partitionIds, long cutoffNanos, Consumer<byte[]> digests)
      throws PartitionUnreadableException;

  /** The partition could not be read completely: it must be reported unvalidated. */
  final class PartitionUnreadableException extends Exception {
    public PartitionUnreadableException(String reason, Throwable cause) {
      super(reason, cause);
    }

    public PartitionUnreadableException(String reason) {
      super(reason);
    }
  }
}

package io.aeroshift.validation;

import io.aeroshift.transfer.RecordImage;

/**
 * Reads one partition of one cluster for validation. Implementations: {@code AerospikePartitionReader}
 * (the official client) and in-memory readers in tests.
 */
public interface PartitionReader {

  /** Receives a partition's records; called from the reading thread, one partition at a time. */
  interface Sink {
    /** A record to compare. */
    void record(RecordImage record);

    /** A record whose last-update time is after the cut-off (only reported when one was given). */
    void changedAfterCutoff(byte[] digest);
  }

  /**
   * Reads every record of the partition.
   *
   * @param cutoffNanos when > 0, records whose last-update time (nanoseconds since 1970) is after
   *     it are reported through {@link Sink#changedAfterCutoff} instead of {@link Sink#record}; a
   *     record rewritten during the read may be reported both ways, and then it is left out
   * @param includeBins false when only digests are compared (records then carry no bins)
   * @throws PartitionUnreadableException when the partition could not be read completely
   */
  void read(String namespace, int partitionId, long cutoffNanos, boolean includeBins, Sink sink)
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

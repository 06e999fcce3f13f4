package io.aeroshift.validation;

import com.aerospike.client.Value;
import io.aeroshift.transfer.RecordImage;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
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

  /**
   * Of the given records (digests of one namespace), those that exist with a last-update time after
   * {@code limitNanos}: how the engine finds, among the records it leaves out as changed after the
   * cut-off, any stamped in the future by a source node whose clock was ahead ({@link SourceClocks}).
   * Records gone meanwhile are not returned.
   *
   * @param timeoutMillis the whole lookup ends within this, or fails
   * @throws PartitionUnreadableException when the records could not all be looked up in time
   */
  Set<Digests.Key> updatedAfter(String namespace, Collection<Digests.Key> records, long limitNanos, int timeoutMillis)
      throws PartitionUnreadableException;

  /**
   * Reads every record of the partitions {@code first .. first + count - 1} on the calling thread,
   * handing each record's parts to {@code visitor} without copying them: the checksum path, where
   * one scan per range of partitions costs fewer round trips than one per partition. A failure
   * anywhere fails the whole range (the caller then reads the partitions one by one to tell which
   * are unreadable), and records already visited must then be discarded.
   *
   * <p>The default reads partition by partition through {@link #read}.
   *
   * @param cutoffNanos as for {@link #read}
   * @param includeBins as for {@link #read}
   */
  default void readRange(
      String namespace, int first, int count, long cutoffNanos, boolean includeBins, RecordVisitor visitor)
      throws PartitionUnreadableException {
    for (int p = first; p < first + count; p++) {
      read(namespace, p, cutoffNanos, includeBins,
          r -> visitor.visit(r.digest(), r.set(), r.userKey(), r.voidTime(), r.bins()));
    }
  }

  /** One record's comparable parts, valid only during the call (the reader may reuse them). */
  @FunctionalInterface
  interface RecordVisitor {
    /**
     * @param voidTime expiry in seconds since 2010, 0 = never
     * @param bins bin values as the client represents them; empty when bins are not read
     */
    void visit(byte[] digest, String set, Value userKey, int voidTime, Map<String, Object> bins);
  }

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

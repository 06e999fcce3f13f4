package io.aeroshift.transfer;

import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of one pass's progress, for the workflow, the API, metrics and the terminal.
 *
 * @param migrationId migration
 * @param pass pass number
 * @param kind pass kind
 * @param records records written (reconcile: target digests examined)
 * @param bytes estimated bytes written
 * @param skippedExpired records skipped because already expired
 * @param conflicts writes/deletes refused because a client wrote the target after the switch
 * @param deleted target-only records deleted
 * @param inDoubt writes left in doubt
 * @param partitionsTotal partitions in the pass
 * @param partitionsDone partitions finished successfully
 * @param partitionsFailed partitions failed
 * @param partitionsRunning partitions in progress
 * @param recordsPerSecond recent rate
 * @param estimatedTotal records expected in the pass (from discovery), 0 if unknown
 * @param eta estimated time left, null when unknown
 * @param elapsed time since the pass started in this process
 * @param partitionStates state of every partition of the pass, by id
 */
public record CopyProgress(
    String migrationId,
    int pass,
    PassKind kind,
    long records,
    long bytes,
    long skippedExpired,
    long conflicts,
    long deleted,
    long inDoubt,
    int partitionsTotal,
    int partitionsDone,
    int partitionsFailed,
    int partitionsRunning,
    double recordsPerSecond,
    long estimatedTotal,
    Duration eta,
    Duration elapsed,
    Map<Integer, PartitionState> partitionStates) {

  public CopyProgress {
    partitionStates = Map.copyOf(partitionStates);
  }

  /** Fraction done in [0, 1]: by records when an estimate exists, else by partitions. */
  public double fractionDone() {
    if (estimatedTotal > 0) {
      return Math.min(1.0, (double) records / estimatedTotal);
    }
    return partitionsTotal == 0 ? 1.0 : (double) (partitionsDone + partitionsFailed) / partitionsTotal;
  }

  /**
   * The time left at {@code ratePerSecond} to reach {@code estimatedTotal} from {@code done};
   * null when the rate is zero or there is no estimate. Past the estimate, zero.
   */
  public static Duration eta(long done, long estimatedTotal, double ratePerSecond) {
    if (estimatedTotal <= 0 || ratePerSecond <= 0 || Double.isNaN(ratePerSecond)) {
      return null;
    }
    long left = Math.max(0, estimatedTotal - done);
    return Duration.ofMillis((long) Math.ceil(left * 1000.0 / ratePerSecond));
  }
}

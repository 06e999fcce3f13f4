package io.aeroshift.validation;

import java.util.Map;

/**
 * Totals of a run. Record counts (missing, extra, differing) are exact even when the report lists
 * only some of the records.
 */
public record ValidationSummary(
    long partitions,
    long matchedPartitions,
    long mismatchedPartitions,
    long pendingRecheckPartitions,
    long unvalidatedPartitions,
    long missing,
    long extra,
    long differing,
    long expiryWithinTolerance,
    long sourceRecordsCompared,
    long targetRecordsCompared,
    Map<LeftOutReason, Long> leftOut,
    long countMismatches) {

  public ValidationSummary {
    leftOut = Map.copyOf(leftOut);
  }

  public long leftOutTotal() {
    return leftOut.values().stream().mapToLong(Long::longValue).sum();
  }
}

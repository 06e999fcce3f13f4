package io.aeroshift.validation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The stored result of validating one partition.
 *
 * @param partitionId 0..4095
 * @param status outcome
 * @param unvalidatedReason why the partition could not be validated (only for UNVALIDATED)
 * @param checkedAt when the partition was checked (the approval gate judges freshness from it)
 * @param attempt 0 for the first check, 1.. for re-checks
 * @param sourceChecksum the source's checksum (null when unvalidated)
 * @param targetChecksum the target's checksum (null when unvalidated)
 * @param diff the record-level comparison when the checksums differed, else null
 * @param leftOut records left out on both sides, by reason
 */
public record PartitionResult(
    int partitionId,
    PartitionStatus status,
    String unvalidatedReason,
    Instant checkedAt,
    int attempt,
    PartitionChecksum sourceChecksum,
    PartitionChecksum targetChecksum,
    PartitionDiff diff,
    Map<LeftOutReason, Long> leftOut) {

  public PartitionResult {
    leftOut = Map.copyOf(leftOut);
    if (status == PartitionStatus.UNVALIDATED && (unvalidatedReason == null || unvalidatedReason.isBlank())) {
      throw new IllegalArgumentException("an unvalidated partition needs a reason");
    }
  }

  public static PartitionResult unvalidated(int partitionId, String reason, Instant at, int attempt) {
    return new PartitionResult(
        partitionId, PartitionStatus.UNVALIDATED, reason, at, attempt, null, null, null, Map.of());
  }

  /** Whether a re-check reads this partition again: it is PENDING_RECHECK or UNVALIDATED. */
  public boolean needsRecheck() {
    return status == PartitionStatus.PENDING_RECHECK || status == PartitionStatus.UNVALIDATED;
  }

  public long missing() {
    return diff == null ? 0 : diff.missing();
  }

  public long extra() {
    return diff == null ? 0 : diff.extra();
  }

  public long differing() {
    return diff == null ? 0 : diff.differing();
  }

  public long expiryWithinTolerance() {
    return diff == null ? 0 : diff.expiryWithinTolerance();
  }

  public List<RecordFinding> findings() {
    return diff == null ? List.of() : diff.findings();
  }

  /** Records compared on the source side. */
  public long sourceRecords() {
    return sourceChecksum == null ? 0 : sourceChecksum.count();
  }

  public long targetRecords() {
    return targetChecksum == null ? 0 : targetChecksum.count();
  }
}

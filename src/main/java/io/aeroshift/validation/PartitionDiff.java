package io.aeroshift.validation;

import java.util.List;
import java.util.Map;

/**
 * The record-level comparison of one partition. Counts are exact; the lists are capped at the
 * suite's maximum per kind.
 *
 * @param sourceRecords records compared on the source (after sampling and leaving out)
 * @param targetRecords records compared on the target
 * @param missing records on the source and not on the target
 * @param extra records on the target and not on the source
 * @param differing records on both sides whose content differs
 * @param expiryWithinTolerance records whose expiry buckets differ but whose void times are within
 *     the tolerance: accepted, and counted so a boundary effect is visible
 * @param leftOut records left out of the comparison, by reason (each counted once per digest)
 * @param findings the listed findings: missing, then extra, then differing, each sorted by digest
 *     and capped
 */
public record PartitionDiff(
    long sourceRecords,
    long targetRecords,
    long missing,
    long extra,
    long differing,
    long expiryWithinTolerance,
    Map<LeftOutReason, Long> leftOut,
    List<RecordFinding> findings) {

  public PartitionDiff {
    leftOut = Map.copyOf(leftOut);
    findings = List.copyOf(findings);
  }

  public boolean hasDifferences() {
    return missing + extra + differing > 0;
  }
}

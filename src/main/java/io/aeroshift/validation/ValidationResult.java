package io.aeroshift.validation;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One validation run: per-partition results plus the count check.
 *
 * @param runId identifier of this run
 * @param namespace the namespace validated
 * @param suite the suite's name
 * @param startedAt start of the run
 * @param finishedAt end of the run
 * @param cutoff the live-write cut-off: source records written after it were left out
 * @param sampleRate the share of records compared (1.0 = all), always stated
 * @param compareBins whether bins were compared or only digests
 * @param finalEvidence whether this result may serve as final cutover evidence (full comparison,
 *     or a sample the suite declares final); says nothing about whether it passed
 * @param partitions per-partition results, sorted by partition id
 * @param counts the count check's findings (empty when the suite skips it)
 * @param failure why the run failed as a whole (e.g. a cluster unreachable), else null
 * @param hash the record hash of the partition checksums; null when no checksum was computed
 */
public record ValidationResult(
    String runId,
    String namespace,
    String suite,
    Instant startedAt,
    Instant finishedAt,
    Instant cutoff,
    double sampleRate,
    boolean compareBins,
    boolean finalEvidence,
    List<PartitionResult> partitions,
    List<CountCheck.CountFinding> counts,
    String failure,
    RecordHash hash) {

  /** A run that computed no checksums (count check only), or whose hash is not known. */
  public ValidationResult(
      String runId, String namespace, String suite, Instant startedAt, Instant finishedAt, Instant cutoff,
      double sampleRate, boolean compareBins, boolean finalEvidence, List<PartitionResult> partitions,
      List<CountCheck.CountFinding> counts, String failure) {
    this(runId, namespace, suite, startedAt, finishedAt, cutoff, sampleRate, compareBins, finalEvidence,
        partitions, counts, failure, null);
  }

  public ValidationResult {
    partitions =
        partitions.stream().sorted(Comparator.comparingInt(PartitionResult::partitionId)).toList();
    counts = List.copyOf(counts);
  }

  /** Totals over the run. */
  public ValidationSummary summary() {
    long missing = 0, extra = 0, differing = 0, expiryAccepted = 0, src = 0, tgt = 0;
    Map<PartitionStatus, Long> byStatus = new EnumMap<>(PartitionStatus.class);
    Map<LeftOutReason, Long> leftOut = new EnumMap<>(LeftOutReason.class);
    for (PartitionResult p : partitions) {
      missing += p.missing();
      extra += p.extra();
      differing += p.differing();
      expiryAccepted += p.expiryWithinTolerance();
      src += p.sourceRecords();
      tgt += p.targetRecords();
      byStatus.merge(p.status(), 1L, Long::sum);
      p.leftOut().forEach((k, v) -> leftOut.merge(k, v, Long::sum));
    }
    long countMismatches = counts.stream().filter(c -> !c.withinTolerance()).count();
    return new ValidationSummary(
        partitions.size(),
        byStatus.getOrDefault(PartitionStatus.MATCH, 0L),
        byStatus.getOrDefault(PartitionStatus.MISMATCH, 0L),
        byStatus.getOrDefault(PartitionStatus.PENDING_RECHECK, 0L),
        byStatus.getOrDefault(PartitionStatus.UNVALIDATED, 0L),
        missing,
        extra,
        differing,
        expiryAccepted,
        src,
        tgt,
        leftOut,
        countMismatches);
  }

  /**
   * 0 when everything matches; 1 when differences were found (differing partitions, pending or
   * not); 2 when any partition is unvalidated or the run failed. Unvalidated wins over
   * differences: an incomplete run proves nothing either way.
   *
   * <p>Counts outside tolerance are differences only when no checksum check ran: counts cannot
   * leave out live writes, the checksum check can, and it is the authoritative one. With
   * checksums they are reported as warnings.
   */
  public int exitCode() {
    ValidationSummary s = summary();
    if (failure != null || s.unvalidatedPartitions() > 0) {
      return 2;
    }
    if (s.mismatchedPartitions() + s.pendingRecheckPartitions() > 0) {
      return 1;
    }
    if (partitions.isEmpty() && s.countMismatches() > 0) {
      return 1;
    }
    return 0;
  }

  /** True when this result is a pass usable as cutover evidence. */
  public boolean passedAsEvidence() {
    return finalEvidence && exitCode() == 0;
  }

  /** The partitions a {@code recheck} reads again: those PENDING_RECHECK or UNVALIDATED. */
  public List<Integer> partitionsToRecheck() {
    return partitions.stream().filter(PartitionResult::needsRecheck).map(PartitionResult::partitionId).toList();
  }

  public ValidationResult withPartitions(List<PartitionResult> replaced, Instant finished, Instant newCutoff) {
    return new ValidationResult(
        runId, namespace, suite, startedAt, finished, newCutoff, sampleRate, compareBins,
        finalEvidence, replaced, counts, failure, hash);
  }

  public static ValidationResult failed(
      String runId, String namespace, ValidationSuite suite, Instant at, String failure) {
    return new ValidationResult(
        runId, namespace, suite.name(), at, at, at, suite.sample().rate(), suite.compareBins(),
        suite.finalEvidence(), List.of(), List.of(), failure);
  }
}

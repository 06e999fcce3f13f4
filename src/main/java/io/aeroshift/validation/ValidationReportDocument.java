package io.aeroshift.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON report of a validation as records: what {@code bin/aeroshift validate --report} writes and
 * {@code GET /api/v1/validations/{id}} answers (so the API's OpenAPI document has its schema). Field
 * names, order and presence are the report's contract (version 1): a field marked non-null appears
 * only when it applies, as it always has.
 *
 * @param state {@code FINISHED} in the API's answer; absent in a report file
 */
public record ValidationReportDocument(
    String report,
    int version,
    ReportRun run,
    ReportSummary summary,
    List<CountCheck.CountFinding> counts,
    List<ReportPartition> partitions,
    @JsonInclude(JsonInclude.Include.NON_NULL) String state) {

  public static final String REPORT = "aeroshift-validation";
  public static final int VERSION = 1;

  /**
   * The run's header.
   *
   * @param hash the record hash's label, when the result names one
   * @param failure why the run ended without a verdict
   * @param scope {@code source->target/namespace} in the API's answer; absent in a report file
   */
  public record ReportRun(
      String runId,
      String namespace,
      String suite,
      String startedAt,
      String finishedAt,
      String cutoff,
      double sampleRate,
      boolean sampled,
      String compare,
      @JsonInclude(JsonInclude.Include.NON_NULL) String hash,
      boolean finalEvidence,
      @JsonInclude(JsonInclude.Include.NON_NULL) String failure,
      int exitCode,
      @JsonInclude(JsonInclude.Include.NON_NULL) String scope) {}

  /** The run's totals: the one shape of a summary, in the report and in the API's answers. */
  public record ReportSummary(
      long missing,
      long extra,
      long differing,
      long unvalidatedPartitions,
      long partitions,
      long matchedPartitions,
      long mismatchedPartitions,
      long pendingRecheckPartitions,
      long sourceRecordsCompared,
      long targetRecordsCompared,
      long expiryWithinTolerance,
      long leftOut,
      Map<String, Long> leftOutByReason,
      long countMismatches) {

    public static ReportSummary of(ValidationSummary s) {
      Map<String, Long> byReason = new LinkedHashMap<>();
      for (LeftOutReason reason : LeftOutReason.values()) {
        byReason.put(reason.name(), s.leftOut().getOrDefault(reason, 0L));
      }
      return new ReportSummary(s.missing(), s.extra(), s.differing(), s.unvalidatedPartitions(), s.partitions(),
          s.matchedPartitions(), s.mismatchedPartitions(), s.pendingRecheckPartitions(), s.sourceRecordsCompared(),
          s.targetRecordsCompared(), s.expiryWithinTolerance(), s.leftOutTotal(), byReason, s.countMismatches());
    }
  }

  /**
   * One partition's result with its listed records.
   *
   * @param reason why the partition is unvalidated (only then)
   * @param sourceChecksum absent when the partition was not checksummed
   */
  public record ReportPartition(
      int partition,
      String status,
      @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
      String checkedAt,
      int attempt,
      @JsonInclude(JsonInclude.Include.NON_NULL) String sourceChecksum,
      @JsonInclude(JsonInclude.Include.NON_NULL) String targetChecksum,
      long missing,
      long extra,
      long differing,
      long expiryWithinTolerance,
      Map<String, Long> leftOut,
      List<ReportRecord> records,
      int recordsListed) {

    static ReportPartition of(PartitionResult p) {
      Map<String, Long> leftOut = new LinkedHashMap<>();
      p.leftOut().forEach((k, v) -> leftOut.put(k.name(), v));
      return new ReportPartition(p.partitionId(), p.status().name(), p.unvalidatedReason(),
          String.valueOf(p.checkedAt()), p.attempt(),
          p.sourceChecksum() == null ? null : p.sourceChecksum().hex(),
          p.sourceChecksum() == null ? null : p.targetChecksum().hex(),
          p.missing(), p.extra(), p.differing(), p.expiryWithinTolerance(), leftOut,
          p.findings().stream().map(ReportRecord::of).toList(), p.findings().size());
    }
  }

  /**
   * A record that differs, by name and particle types only (values are never reported).
   *
   * @param bins only for {@code DIFFERING}, as are the three {@code ...Differs} flags
   */
  public record ReportRecord(
      String kind,
      String digest,
      String set,
      String userKey,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<RecordFinding.BinDifference> bins,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean setDiffers,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean userKeyDiffers,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean expiryDiffers,
      long sourceVoidTime,
      long targetVoidTime) {

    static ReportRecord of(RecordFinding f) {
      boolean differing = f.kind() == RecordFinding.Kind.DIFFERING;
      return new ReportRecord(f.kind().name(), f.digest(), f.set(), f.userKey(),
          differing ? f.bins() : null,
          differing ? f.setDiffers() : null,
          differing ? f.userKeyDiffers() : null,
          differing ? f.expiryDiffers() : null,
          f.sourceVoidTime(), f.targetVoidTime());
    }
  }

  /**
   * One partition's status for the API's partition list (the dashboard's per-partition map).
   *
   * @param reason why the partition is unvalidated (only then)
   */
  public record PartitionLine(
      int partition,
      String status,
      @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
      String checkedAt,
      int attempt,
      long missing,
      long extra,
      long differing) {

    public static PartitionLine of(PartitionResult p) {
      return new PartitionLine(p.partitionId(), p.status().name(), p.unvalidatedReason(), String.valueOf(p.checkedAt()),
          p.attempt(), p.missing(), p.extra(), p.differing());
    }
  }

  /** This report as the API answers it: with the run's scope and its state. */
  public ValidationReportDocument withScopeAndState(String scope, String state) {
    ReportRun r = run;
    ReportRun scoped = new ReportRun(r.runId(), r.namespace(), r.suite(), r.startedAt(), r.finishedAt(), r.cutoff(),
        r.sampleRate(), r.sampled(), r.compare(), r.hash(), r.finalEvidence(), r.failure(), r.exitCode(), scope);
    return new ValidationReportDocument(report, version, scoped, summary, counts, partitions, state);
  }
}

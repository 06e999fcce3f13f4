package io.aeroshift.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link ValidationResult} as the JSON report and as a readable summary.
 *
 * <p>JSON shape: {@code {"report": "aeroshift-validation", "version": 1, "run": {...}, "summary":
 * {"missing", "extra", "differing", "unvalidatedPartitions", ...}, "counts": [...], "partitions":
 * [...]}}. Matching partitions are listed only by status count in the summary, not one by one,
 * unless {@code allPartitions} is set: the report of a clean 4096-partition run stays small.
 */
public final class ValidationReport {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ValidationReport() {}

  public static String json(ValidationResult r, boolean allPartitions) {
    try {
      return JSON.writeValueAsString(document(r, allPartitions));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report rendering failed", e);
    }
  }

  /** The report as records; matching partitions only with {@code allPartitions}. */
  public static ValidationReportDocument document(ValidationResult r, boolean allPartitions) {
    ValidationReportDocument.ReportRun run = new ValidationReportDocument.ReportRun(r.runId(), r.namespace(), r.suite(),
        String.valueOf(r.startedAt()), String.valueOf(r.finishedAt()), String.valueOf(r.cutoff()), r.sampleRate(),
        r.sampleRate() < 1.0, r.compareBins() ? "bins" : "digests", r.hash() == null ? null : r.hash().label(),
        r.finalEvidence(), r.failure(), r.exitCode(), null);
    List<ValidationReportDocument.ReportPartition> partitions = r.partitions().stream()
        .filter(p -> allPartitions || p.status() != PartitionStatus.MATCH || p.expiryWithinTolerance() != 0)
        .map(ValidationReportDocument.ReportPartition::of)
        .toList();
    return new ValidationReportDocument(ValidationReportDocument.REPORT, ValidationReportDocument.VERSION, run,
        ValidationReportDocument.ReportSummary.of(r.summary()), r.counts(), partitions, null);
  }

  /** A readable summary: verdict first, then totals, then the first differing partitions. */
  public static String text(ValidationResult r) {
    ValidationSummary s = r.summary();
    StringBuilder b = new StringBuilder();
    String verdict =
        switch (r.exitCode()) {
          case 0 -> "MATCH: every validated partition matches";
          case 1 -> "DIFFERENCES FOUND";
          default -> r.failure() != null ? "FAILED: " + r.failure() : "INCOMPLETE: some partitions could not be validated";
        };
    b.append("Validation of namespace ").append(r.namespace()).append(" (suite ").append(r.suite()).append("): ")
        .append(verdict).append('\n');
    b.append(String.format(Locale.ROOT, "  compared: %s%s, sample %.2f%%%s; cut-off %s%n",
        r.compareBins() ? "bins" : "digests only", r.hash() == null ? "" : " (" + r.hash().label() + " checksums)",
        r.sampleRate() * 100,
        r.finalEvidence() ? "" : " (not final cutover evidence)", r.cutoff()));
    b.append(String.format(Locale.ROOT,
        "  partitions: %d total, %d match, %d mismatch, %d pending re-check, %d unvalidated%n",
        s.partitions(), s.matchedPartitions(), s.mismatchedPartitions(),
        s.pendingRecheckPartitions(), s.unvalidatedPartitions()));
    b.append(String.format(Locale.ROOT,
        "  records: %d source, %d target compared; missing on target %d, extra on target %d, differing %d%n",
        s.sourceRecordsCompared(), s.targetRecordsCompared(), s.missing(), s.extra(), s.differing()));
    b.append(String.format(Locale.ROOT, "  left out: %d (%s); expiry within tolerance across a bucket: %d%n",
        s.leftOutTotal(), s.leftOut().isEmpty() ? "none" : s.leftOut(), s.expiryWithinTolerance()));
    if (!r.counts().isEmpty()) {
      b.append(String.format(Locale.ROOT, "  counts: %d namespace/set pairs, %d outside tolerance%n",
          r.counts().size(), s.countMismatches()));
      for (CountCheck.CountFinding c : r.counts()) {
        if (!c.withinTolerance()) {
          b.append(String.format(Locale.ROOT, "    %s/%s: source %d, target %d (%.2f%%)%n",
              c.namespace(), c.set(), c.sourceObjects(), c.targetObjects(), c.differencePercent()));
        }
      }
    }
    int shown = 0;
    for (PartitionResult p : r.partitions()) {
      if (p.status() == PartitionStatus.MATCH) {
        continue;
      }
      if (shown++ == 20) {
        b.append("  ... (see the JSON report for every partition)\n");
        break;
      }
      b.append("  partition ").append(p.partitionId()).append(": ").append(p.status());
      if (p.unvalidatedReason() != null) {
        b.append(" (").append(p.unvalidatedReason()).append(')');
      } else {
        b.append(String.format(Locale.ROOT, " missing %d, extra %d, differing %d", p.missing(), p.extra(), p.differing()));
      }
      b.append('\n');
    }
    return b.toString();
  }
}

package io.aeroshift.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

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
      return JSON.writeValueAsString(tree(r, allPartitions));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report rendering failed", e);
    }
  }

  public static ObjectNode tree(ValidationResult r, boolean allPartitions) {
    ObjectNode root = JSON.createObjectNode();
    root.put("report", "aeroshift-validation");
    root.put("version", 1);
    ObjectNode run = root.putObject("run");
    run.put("runId", r.runId());
    run.put("namespace", r.namespace());
    run.put("suite", r.suite());
    run.put("startedAt", String.valueOf(r.startedAt()));
    run.put("finishedAt", String.valueOf(r.finishedAt()));
    run.put("cutoff", String.valueOf(r.cutoff()));
    run.put("sampleRate", r.sampleRate());
    run.put("sampled", r.sampleRate() < 1.0);
    run.put("compare", r.compareBins() ? "bins" : "digests");
    if (r.hash() != null) {
      run.put("hash", r.hash().label());
    }
    run.put("finalEvidence", r.finalEvidence());
    if (r.failure() != null) {
      run.put("failure", r.failure());
    }
    run.put("exitCode", r.exitCode());

    ValidationSummary s = r.summary();
    summary(root.putObject("summary"), s);

    ArrayNode counts = root.putArray("counts");
    for (CountCheck.CountFinding c : r.counts()) {
      ObjectNode n = counts.addObject();
      n.put("namespace", c.namespace());
      n.put("set", c.set());
      n.put("sourceObjects", c.sourceObjects());
      n.put("targetObjects", c.targetObjects());
      n.put("differencePercent", c.differencePercent());
      n.put("withinTolerance", c.withinTolerance());
    }

    ArrayNode parts = root.putArray("partitions");
    for (PartitionResult p : r.partitions()) {
      if (!allPartitions && p.status() == PartitionStatus.MATCH && p.expiryWithinTolerance() == 0) {
        continue;
      }
      ObjectNode n = parts.addObject();
      putPartitionHeader(n, p);
      if (p.sourceChecksum() != null) {
        n.put("sourceChecksum", p.sourceChecksum().hex());
        n.put("targetChecksum", p.targetChecksum().hex());
      }
      n.put("missing", p.missing());
      n.put("extra", p.extra());
      n.put("differing", p.differing());
      n.put("expiryWithinTolerance", p.expiryWithinTolerance());
      ObjectNode plo = n.putObject("leftOut");
      for (Map.Entry<LeftOutReason, Long> e : p.leftOut().entrySet()) {
        plo.put(e.getKey().name(), e.getValue());
      }
      ArrayNode recs = n.putArray("records");
      for (RecordFinding f : p.findings()) {
        ObjectNode fn = recs.addObject();
        fn.put("kind", f.kind().name());
        fn.put("digest", f.digest());
        fn.put("set", f.set());
        fn.put("userKey", f.userKey());
        if (f.kind() == RecordFinding.Kind.DIFFERING) {
          ArrayNode bins = fn.putArray("bins");
          for (RecordFinding.BinDifference b : f.bins()) {
            ObjectNode bn = bins.addObject();
            bn.put("name", b.name());
            bn.put("sourceType", b.sourceType());
            bn.put("targetType", b.targetType());
          }
          fn.put("setDiffers", f.setDiffers());
          fn.put("userKeyDiffers", f.userKeyDiffers());
          fn.put("expiryDiffers", f.expiryDiffers());
        }
        fn.put("sourceVoidTime", f.sourceVoidTime());
        fn.put("targetVoidTime", f.targetVoidTime());
      }
      n.put("recordsListed", p.findings().size());
    }
    return root;
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

  /** Writes the run's summary counts into {@code sum}: the one JSON shape of a summary, for the report and the API. */
  public static void summary(ObjectNode sum, ValidationSummary s) {
    sum.put("missing", s.missing());
    sum.put("extra", s.extra());
    sum.put("differing", s.differing());
    sum.put("unvalidatedPartitions", s.unvalidatedPartitions());
    sum.put("partitions", s.partitions());
    sum.put("matchedPartitions", s.matchedPartitions());
    sum.put("mismatchedPartitions", s.mismatchedPartitions());
    sum.put("pendingRecheckPartitions", s.pendingRecheckPartitions());
    sum.put("sourceRecordsCompared", s.sourceRecordsCompared());
    sum.put("targetRecordsCompared", s.targetRecordsCompared());
    sum.put("expiryWithinTolerance", s.expiryWithinTolerance());
    sum.put("leftOut", s.leftOutTotal());
    ObjectNode lo = sum.putObject("leftOutByReason");
    for (LeftOutReason reason : LeftOutReason.values()) {
      lo.put(reason.name(), s.leftOut().getOrDefault(reason, 0L));
    }
    sum.put("countMismatches", s.countMismatches());
  }

  /**
   * The fields every view of a partition's result starts with (the report and the API's
   * partition list): partition, status, reason when unvalidated, checkedAt, attempt.
   */
  public static void putPartitionHeader(ObjectNode n, PartitionResult p) {
    n.put("partition", p.partitionId());
    n.put("status", p.status().name());
    if (p.unvalidatedReason() != null) {
      n.put("reason", p.unvalidatedReason());
    }
    n.put("checkedAt", String.valueOf(p.checkedAt()));
    n.put("attempt", p.attempt());
  }
}

package io.aeroshift.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report file's contract (version 1) as records: every object's keys in their documented order,
 * and the fields that appear only where they apply.
 */
class ValidationReportDocumentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-12-07T08:00:00Z");

  private static ValidationResult result(String failure) {
    PartitionChecksum src = new PartitionChecksum(3, 1, 2, 3, 4);
    PartitionChecksum tgt = new PartitionChecksum(2, 1, 2, 3, 5);
    RecordFinding differing = new RecordFinding(RecordFinding.Kind.DIFFERING, "aa", "s", null,
        List.of(new RecordFinding.BinDifference("b", "INTEGER", "STRING")), false, true, false, 10, 10);
    RecordFinding missing = new RecordFinding(RecordFinding.Kind.MISSING_ON_TARGET, "bb", null, "k", List.of(), false,
        false, false, 12, -1);
    PartitionResult mismatch = new PartitionResult(7, PartitionStatus.MISMATCH, null, AT, 0, src, tgt,
        new PartitionDiff(3, 2, 1, 0, 1, 0, Map.of(), List.of(differing, missing)), Map.of(LeftOutReason.values()[0], 2L));
    PartitionResult unvalidated = PartitionResult.unvalidated(8, "node stopped", AT, 1);
    PartitionResult match = new PartitionResult(9, PartitionStatus.MATCH, null, AT, 0, src, src, null, Map.of());
    return new ValidationResult("run-1", "test", "default", AT, AT, AT, 1.0, true, true,
        List.of(mismatch, unvalidated, match),
        List.of(new CountCheck.CountFinding("test", "s", 3, 2, 33.3, false)), failure, RecordHash.XXH3_128);
  }

  private static List<String> keys(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void everyObjectHasItsContractedKeysInOrder() throws Exception {
    JsonNode r = JSON.readTree(ValidationReport.json(result(null), false));
    assertThat(keys(r)).containsExactly("report", "version", "run", "summary", "counts", "partitions");
    assertThat(r.get("report").asText()).isEqualTo("aeroshift-validation");
    assertThat(r.get("version").asInt()).isEqualTo(1);
    assertThat(keys(r.get("run"))).containsExactly("runId", "namespace", "suite", "startedAt", "finishedAt", "cutoff",
        "sampleRate", "sampled", "compare", "hash", "finalEvidence", "exitCode");
    assertThat(r.at("/run/hash").asText()).isEqualTo("xxh3-128");
    assertThat(keys(r.get("summary"))).containsExactly("missing", "extra", "differing", "unvalidatedPartitions",
        "partitions", "matchedPartitions", "mismatchedPartitions", "pendingRecheckPartitions", "sourceRecordsCompared",
        "targetRecordsCompared", "expiryWithinTolerance", "leftOut", "leftOutByReason", "countMismatches");
    assertThat(keys(r.at("/summary/leftOutByReason"))).hasSize(LeftOutReason.values().length);
    assertThat(keys(r.at("/counts/0"))).containsExactly("namespace", "set", "sourceObjects", "targetObjects",
        "differencePercent", "withinTolerance");

    // matching partitions are left out unless asked for
    assertThat(r.get("partitions")).hasSize(2);
    JsonNode mismatch = r.at("/partitions/0");
    assertThat(keys(mismatch)).containsExactly("partition", "status", "checkedAt", "attempt", "sourceChecksum",
        "targetChecksum", "missing", "extra", "differing", "expiryWithinTolerance", "leftOut", "records", "recordsListed");
    assertThat(mismatch.get("recordsListed").asInt()).isEqualTo(2);
    assertThat(keys(mismatch.at("/records/0"))).containsExactly("kind", "digest", "set", "userKey", "bins",
        "setDiffers", "userKeyDiffers", "expiryDiffers", "sourceVoidTime", "targetVoidTime");
    assertThat(mismatch.at("/records/0/userKey").isNull()).isTrue();
    assertThat(keys(mismatch.at("/records/0/bins/0"))).containsExactly("name", "sourceType", "targetType");
    assertThat(keys(mismatch.at("/records/1"))).containsExactly("kind", "digest", "set", "userKey", "sourceVoidTime",
        "targetVoidTime");
    JsonNode unvalidated = r.at("/partitions/1");
    assertThat(keys(unvalidated)).containsExactly("partition", "status", "reason", "checkedAt", "attempt", "missing",
        "extra", "differing", "expiryWithinTolerance", "leftOut", "records", "recordsListed");
    assertThat(unvalidated.get("reason").asText()).isEqualTo("node stopped");

    assertThat(JSON.readTree(ValidationReport.json(result(null), true)).get("partitions")).hasSize(3);
  }

  @Test
  void aFailedRunNamesItsFailureBeforeTheExitCode() throws Exception {
    JsonNode run = JSON.readTree(ValidationReport.json(result("target unreachable"), false)).get("run");
    assertThat(keys(run)).containsSubsequence("finalEvidence", "failure", "exitCode");
    assertThat(run.get("failure").asText()).isEqualTo("target unreachable");
  }

  @Test
  void theApiAnswerAddsTheScopeAndTheState() throws Exception {
    JsonNode r = JSON.readTree(JSON.writeValueAsString(
        ValidationReport.document(result(null), false).withScopeAndState("a->b/test", "FINISHED")));
    assertThat(keys(r)).endsWith("partitions", "state");
    assertThat(keys(r.get("run"))).endsWith("exitCode", "scope");
    assertThat(r.at("/run/scope").asText()).isEqualTo("a->b/test");
  }
}

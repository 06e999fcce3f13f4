package io.aeroshift.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeroshift.transfer.RecordImage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ValidationEngineTest {

  static final String NS = "test";
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final Instant CUTOFF = NOW.minusSeconds(60);
  static final long BEFORE = (CUTOFF.getEpochSecond() - 3600) * 1_000_000_000L;
  static final long AFTER = (CUTOFF.getEpochSecond() + 5) * 1_000_000_000L;
  static final int P = 17;

  final InMemoryPartitionReader source = new InMemoryPartitionReader();
  final InMemoryPartitionReader target = new InMemoryPartitionReader();
  final InMemoryValidationResultStore store = new InMemoryValidationResultStore();
  final RandomRecords gen = new RandomRecords(new Random(5));
  final List<ValidationEngine> engines = new ArrayList<>();

  ValidationEngine engine(String suiteYaml) {
    ValidationEngine e =
        new ValidationEngine(
            source, target, ValidationSuiteLoader.parse("test", "t", suiteYaml),
            Clock.fixed(NOW, ZoneOffset.UTC), 2, store, "scope");
    engines.add(e);
    return e;
  }

  @AfterEach
  void close() {
    engines.forEach(ValidationEngine::close);
  }

  List<RecordImage> copied(int n, int partition) {
    List<RecordImage> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RecordImage r = gen.record(NS, partition, 0);
      source.put(r, BEFORE);
      target.put(gen.reRepresent(r), AFTER);
      out.add(r);
    }
    return out;
  }

  @Test
  void sourceWritesAfterTheCutoffAreLeftOutOnBothSidesByDigestAndCounted() {
    List<RecordImage> rs = copied(30, P);
    // updated on the source after the cut-off, old version on the target
    RecordImage updated = rs.get(0);
    source.put(ValidationPropertyTest.with(updated, updated.userKey(), 0, Map.of("new", 1L)), AFTER);
    // created on the source after the cut-off, not yet copied
    source.put(gen.record(NS, P, 0), AFTER);
    // created after the cut-off and already copied (the target's copy time says nothing)
    RecordImage both = gen.record(NS, P, 0);
    source.put(both, AFTER);
    target.put(both, AFTER);

    ValidationResult r = engine("{}").validate(NS, CUTOFF, List.of(P), List.of());

    assertThat(r.exitCode()).isZero();
    PartitionResult p = r.partitions().get(0);
    assertThat(p.status()).isEqualTo(PartitionStatus.MATCH);
    assertThat(p.leftOut()).containsEntry(LeftOutReason.CHANGED_ON_SOURCE_AFTER_CUTOFF, 3L);
    assertThat(r.summary().leftOutTotal()).isEqualTo(3);
    assertThat(p.sourceRecords()).isEqualTo(29);
  }

  @Test
  void aLeftOutRecordStampedInTheFutureLeavesItsPartitionUnvalidatedWhereAMissingRecordHides() {
    // a source node whose clock was ahead stamped these: beyond now + 5 s by the engine's clock
    long future = (NOW.getEpochSecond() + 70) * 1_000_000_000L;
    copied(10, 1);
    RecordImage missing = gen.record(NS, 1, 0);
    source.put(missing, future); // never copied: left out on both sides, the checksums agree
    copied(10, 2);
    RecordImage stale = copied(1, 3).get(0);
    source.put(ValidationPropertyTest.with(stale, stale.userKey(), 0, Map.of("new", 1L)), future);
    target.put(gen.reRepresent(gen.record(NS, 3, 0)), AFTER); // partition 3 differs: drilled down
    copied(10, 4);
    source.put(gen.record(NS, 4, 0), (NOW.getEpochSecond() + 4) * 1_000_000_000L); // within the margin

    ValidationResult r = engine("{}").validate(NS, CUTOFF, List.of(1, 2, 3, 4), List.of());

    assertThat(r.partitions()).extracting(PartitionResult::status).containsExactly(
        PartitionStatus.UNVALIDATED, PartitionStatus.MATCH, PartitionStatus.UNVALIDATED, PartitionStatus.MATCH);
    assertThat(r.partitions().get(0).unvalidatedReason())
        .contains(HexFormat.of().formatHex(missing.digest())).contains("last updated more than 5 s after now");
    assertThat(r.partitions().get(2).unvalidatedReason()).contains(HexFormat.of().formatHex(stale.digest()));
    assertThat(r.partitions().get(3).leftOut()).containsEntry(LeftOutReason.CHANGED_ON_SOURCE_AFTER_CUTOFF, 1L);
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void aRecordWrittenOnTheTargetAfterTheCutoffIsNotExcusedByItsTargetTime() {
    copied(5, P);
    RecordImage onlyOnTarget = gen.record(NS, P, 0);
    target.put(onlyOnTarget, AFTER);
    ValidationResult r = engine("recheckBeforeFail: false").validate(NS, CUTOFF, List.of(P), List.of());
    assertThat(r.partitions().get(0).status()).isEqualTo(PartitionStatus.MISMATCH);
    assertThat(r.summary().extra()).isEqualTo(1);
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void recordsAboutToExpireAreLeftOut() {
    copied(4, P);
    long soon = NOW.getEpochSecond() - RecordImage.CITRUSLEAF_EPOCH_SECONDS + 30;
    RecordImage expiring = gen.record(NS, P, (int) soon);
    source.put(expiring, BEFORE); // expires before the target is read: the target no longer has it
    ValidationResult r = engine("expiryMarginSeconds: 120").validate(NS, CUTOFF, List.of(P), List.of());
    assertThat(r.partitions().get(0).status()).isEqualTo(PartitionStatus.MATCH);
    assertThat(r.partitions().get(0).leftOut()).containsEntry(LeftOutReason.EXPIRES_DURING_VALIDATION, 1L);
  }

  @Test
  void anUnreadablePartitionOnEitherSideIsUnvalidatedNeverAMatch() {
    copied(10, 1);
    copied(10, 2);
    copied(10, 3);
    source.failPartition(1);
    target.failPartition(2);
    ValidationResult r = engine("{}").validate(NS, CUTOFF, List.of(1, 2, 3), List.of());
    assertThat(r.partitions()).extracting(PartitionResult::status)
        .containsExactly(PartitionStatus.UNVALIDATED, PartitionStatus.UNVALIDATED, PartitionStatus.MATCH);
    assertThat(r.partitions().get(0).unvalidatedReason()).startsWith("source: ");
    assertThat(r.partitions().get(1).unvalidatedReason()).startsWith("target: ");
    assertThat(r.summary().unvalidatedPartitions()).isEqualTo(2);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.passedAsEvidence()).isFalse();
  }

  /**
   * The changes after the cut-off are read per batch of ranges, never before the first look of a
   * partition they cover (a record rewritten during its first look would otherwise go unreported),
   * and a batch whose read fails leaves only the partitions that cannot be read alone UNVALIDATED.
   */
  @Test
  void changesAreReadPerBatchOfRangesAfterTheirFirstLooksAndAFailedBatchFallsBackPartitionByPartition() {
    for (int p = 0; p <= 20; p++) {
      copied(3, p);
    }
    // a record rewritten on the source after the cut-off: left out and counted in partition 12
    RecordImage late = gen.record(NS, 12, 0);
    source.put(late, AFTER);
    List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    PartitionReader logged = new PartitionReader() {
      @Override
      public void read(String ns, int p, long cutoff, boolean bins, java.util.function.Consumer<RecordImage> sink)
          throws PartitionUnreadableException {
        source.read(ns, p, cutoff, bins, sink);
        if (cutoff != 0) {
          log.add("look " + p);
        }
      }

      @Override
      public void changedAfter(String ns, java.util.Collection<Integer> ps, long cutoff, java.util.function.Consumer<byte[]> d)
          throws PartitionUnreadableException {
        log.add("changes " + new java.util.TreeSet<>(ps));
        if (ps.contains(7)) {
          throw new PartitionUnreadableException("node of partition 7 stopped");
        }
        source.changedAfter(ns, ps, cutoff, d);
      }

      @Override
      public java.util.Set<Digests.Key> updatedAfter(String ns, java.util.Collection<Digests.Key> k, long l, int t)
          throws PartitionUnreadableException {
        return source.updatedAfter(ns, k, l, t);
      }
    };
    List<Integer> all = java.util.stream.IntStream.rangeClosed(0, 20).boxed().toList();
    ValidationResult r;
    try (ValidationEngine e = new ValidationEngine(logged, target, ValidationSuite.defaults(),
        Clock.fixed(NOW, ZoneOffset.UTC), 3, 2, store, "s")) {
      r = e.validate(NS, CUTOFF, all, List.of());
    }

    assertThat(r.partitions()).extracting(PartitionResult::partitionId).containsExactlyElementsOf(all);
    for (PartitionResult p : r.partitions()) {
      if (p.partitionId() == 7) {
        assertThat(p.status()).isEqualTo(PartitionStatus.UNVALIDATED);
        assertThat(p.unvalidatedReason()).contains("changes after the cut-off").contains("partition 7 stopped");
      } else {
        assertThat(p.status()).as("partition %d", p.partitionId()).isEqualTo(PartitionStatus.MATCH);
      }
    }
    assertThat(r.partitions().get(12).leftOut()).containsEntry(LeftOutReason.CHANGED_ON_SOURCE_AFTER_CUTOFF, 1L);
    // 11 ranges (ten of 2 partitions, then partition 20), read 4 ranges at a time in the order
    // their first looks finish: 3 batches (4, 4 and 3 ranges), then partition by partition for the
    // batch that failed, whichever ranges it holds
    List<String> batches = log.stream().filter(l -> l.startsWith("changes") && l.contains(",")).toList();
    assertThat(batches).hasSize(3);
    List<String> failed = batches.stream().map(ValidationEngineTest::partitionsOf)
        .filter(ps -> ps.contains("7")).findFirst().orElseThrow();
    assertThat(log.stream().filter(l -> l.startsWith("changes [") && !l.contains(",")))
        .containsExactlyInAnyOrderElementsOf(failed.stream().map(p -> "changes [" + p + "]").toList());
    for (String batch : batches) {
      int at = log.indexOf(batch);
      for (String p : partitionsOf(batch)) {
        assertThat(log.subList(0, at)).as("first look of partition %s before %s", p, batch).contains("look " + p);
      }
    }
  }

  /** The partitions of a logged "changes [a, b, ...]" line. */
  private static List<String> partitionsOf(String changes) {
    return List.of(changes.substring("changes [".length(), changes.length() - 1).split(", "));
  }

  @Test
  void theDecidedPartitionsOfABatchAreStoredInOneCallAndADrilledDownPartitionAlone() {
    for (int p = 0; p <= 20; p++) {
      copied(3, p);
    }
    // partition 9 differs: its first look cannot decide it
    target.put(gen.record(NS, 9, 0), AFTER);
    List<List<Integer>> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    ValidationResultStore logging = new ValidationResultStore() {
      @Override
      public void partitionChecked(String scope, String runId, PartitionResult result) {
        calls.add(List.of(result.partitionId()));
        store.partitionChecked(scope, runId, result);
      }

      @Override
      public void partitionsChecked(String scope, String runId, List<PartitionResult> results) {
        calls.add(results.stream().map(PartitionResult::partitionId).toList());
        store.partitionsChecked(scope, runId, results);
      }

      @Override
      public void runFinished(String scope, ValidationResult result) {
        store.runFinished(scope, result);
      }

      @Override
      public java.util.Optional<ValidationResult> latest(String scope) {
        return store.latest(scope);
      }

      @Override
      public List<PartitionResult> partitionHistory(String scope, int partitionId) {
        return store.partitionHistory(scope, partitionId);
      }
    };
    List<Integer> all = java.util.stream.IntStream.rangeClosed(0, 20).boxed().toList();
    ValidationResult r;
    try (ValidationEngine e = new ValidationEngine(source, target, ValidationSuite.defaults(),
        Clock.fixed(NOW, ZoneOffset.UTC), 3, 2, logging, "s")) {
      r = e.validate(NS, CUTOFF, all, List.of());
    }

    assertThat(r.partitions().get(9).status()).isEqualTo(PartitionStatus.PENDING_RECHECK);
    // 11 ranges of 2 partitions, 4 ranges a batch: 3 calls for the first looks, one for the drill-down
    assertThat(calls).hasSize(4);
    assertThat(calls).contains(List.of(9));
    assertThat(calls.stream().flatMap(List::stream).sorted().toList()).as("every partition stored once")
        .containsExactlyElementsOf(all);
    for (int p : all) {
      assertThat(store.partitionHistory("s", p)).as("partition %d", p).hasSize(1);
    }
  }

  @Test
  void aReaderBugIsUnvalidatedNotAMatch() {
    PartitionReader broken = new PartitionReader() {
      @Override
      public void read(String ns, int p, long cutoff, boolean bins, java.util.function.Consumer<RecordImage> sink) {
        throw new IllegalStateException("boom");
      }

      @Override
      public void changedAfter(String ns, java.util.Collection<Integer> ps, long cutoff, java.util.function.Consumer<byte[]> d) {
        throw new IllegalStateException("boom");
      }

      @Override
      public java.util.Set<Digests.Key> updatedAfter(String ns, java.util.Collection<Digests.Key> k, long l, int t) {
        throw new IllegalStateException("boom");
      }
    };
    try (ValidationEngine e =
        new ValidationEngine(broken, target, ValidationSuite.defaults(), Clock.systemUTC(), 1, store, "s")) {
      ValidationResult r = e.validate(NS, CUTOFF, List.of(0), List.of());
      assertThat(r.partitions().get(0).status()).isEqualTo(PartitionStatus.UNVALIDATED);
      assertThat(r.partitions().get(0).unvalidatedReason()).contains("boom");
      assertThat(r.exitCode()).isEqualTo(2);
    }
  }

  @Test
  void aPendingPartitionMatchesAfterCatchUpOrBecomesAMismatch() {
    List<RecordImage> rs = copied(10, 1);
    List<RecordImage> rs2 = copied(10, 2);
    target.remove(rs.get(3).digest());
    target.remove(rs2.get(4).digest());
    ValidationEngine e = engine("{}");
    ValidationResult first = e.validate(NS, CUTOFF, List.of(1, 2, 3), List.of());
    assertThat(first.summary().pendingRecheckPartitions()).isEqualTo(2);
    assertThat(first.exitCode()).isEqualTo(1);

    target.put(rs.get(3), NOW.getEpochSecond() * 1_000_000_000L); // the catch-up pass copied it
    ValidationResult second = e.recheck(first, NOW);
    assertThat(second.partitions()).extracting(PartitionResult::status)
        .containsExactly(PartitionStatus.MATCH, PartitionStatus.MISMATCH, PartitionStatus.MATCH);
    assertThat(second.partitions().get(1).attempt()).isEqualTo(1);
    assertThat(second.summary().missing()).isEqualTo(1);
    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(store.partitionHistory("scope", 2)).extracting(PartitionResult::status)
        .containsExactly(PartitionStatus.PENDING_RECHECK, PartitionStatus.MISMATCH);
    assertThat(store.latest("scope")).contains(second);
  }

  /**
   * The progress a stall detector sees: every record read counts, in the first looks (published
   * every 64 records of a scan and at its end) and in the drill-down of a partition that differs.
   */
  @Test
  void everyRecordReadCountsAsProgressFirstLooksAndDrillDowns() {
    copied(100, 1);
    List<RecordImage> differing = copied(130, 2);
    ValidationEngine e = engine("{}");
    assertThat(e.recordsRead()).isZero();
    assertThat(e.validate(NS, CUTOFF, List.of(1, 2, 3), List.of()).exitCode()).isZero();
    assertThat(e.recordsRead()).isEqualTo(2 * 230);

    target.remove(differing.get(7).digest());
    ValidationEngine f = engine("{}");
    ValidationResult r = f.validate(NS, CUTOFF, List.of(1, 2, 3), List.of());
    assertThat(r.summary().pendingRecheckPartitions()).isEqualTo(1);
    // first looks of both sides, then partition 2 read in full on both sides
    assertThat(f.recordsRead()).isEqualTo(230 + 229 + 130 + 129);
  }

  @Test
  void listedRecordsAreCappedButCountsAreExact() {
    List<RecordImage> rs = copied(40, P);
    for (int i = 0; i < 12; i++) {
      target.remove(rs.get(i).digest());
    }
    ValidationResult r = engine("maxListedRecords: 3").validate(NS, CUTOFF, List.of(P), List.of());
    assertThat(r.summary().missing()).isEqualTo(12);
    assertThat(r.partitions().get(0).findings()).hasSize(3);
  }

  @Test
  void aSampledRunStatesItsRateAndIsNotFinalEvidence() throws Exception {
    copied(50, P);
    ValidationResult r = engine("sampleRate: 0.5").validate(NS, CUTOFF, List.of(P), List.of());
    assertThat(r.sampleRate()).isEqualTo(0.5);
    assertThat(r.finalEvidence()).isFalse();
    assertThat(r.exitCode()).isZero();
    assertThat(r.passedAsEvidence()).isFalse();
    assertThat(r.summary().sourceRecordsCompared()).isBetween(5L, 45L);
    ValidationResult finalSample =
        engine("sampleRate: 0.5\nsampledResultIsFinal: true").validate(NS, CUTOFF, List.of(P), List.of());
    assertThat(finalSample.finalEvidence()).isTrue();
    JsonNode json = new ObjectMapper().readTree(ValidationReport.json(r, false));
    assertThat(json.at("/run/sampled").asBoolean()).isTrue();
    assertThat(json.at("/run/finalEvidence").asBoolean()).isFalse();
  }

  @Test
  void digestsOnlyIgnoresBinsButFindsMissingRecords() {
    List<RecordImage> rs = copied(10, P);
    target.put(ValidationPropertyTest.with(rs.get(0), null, 0, Map.of("changed", 1L)), AFTER);
    target.remove(rs.get(1).digest());
    ValidationResult r = engine("compare: digests").validate(NS, CUTOFF, List.of(P), List.of());
    assertThat(r.summary().missing()).isEqualTo(1);
    assertThat(r.summary().differing()).isZero();
    assertThat(r.finalEvidence()).isFalse();
  }

  @Test
  void reportHasTheContractedSummaryKeysAndAReadableText() throws Exception {
    List<RecordImage> rs = copied(10, 1);
    copied(10, 2);
    target.remove(rs.get(0).digest());
    target.failPartition(2);
    List<CountCheck.CountFinding> counts =
        CountCheck.compare(
            List.of(new CountCheck.SideCount(NS, "s", 200, 2, 3, true)),
            List.of(new CountCheck.SideCount(NS, "s", 100, 1, 1, true)),
            0.5);
    ValidationResult r = engine("{}").validate(NS, CUTOFF, List.of(1, 2), counts);
    JsonNode json = new ObjectMapper().readTree(ValidationReport.json(r, false));
    JsonNode s = json.get("summary");
    assertThat(s.get("missing").asLong()).isEqualTo(1);
    assertThat(s.get("extra").asLong()).isZero();
    assertThat(s.get("differing").asLong()).isZero();
    assertThat(s.get("unvalidatedPartitions").asLong()).isEqualTo(1);
    assertThat(json.at("/run/exitCode").asInt()).isEqualTo(2);
    assertThat(json.get("partitions")).hasSize(2);
    assertThat(json.at("/partitions/0/records/0/kind").asText()).isEqualTo("MISSING_ON_TARGET");
    assertThat(json.at("/partitions/0/records/0/digest").asText()).isEqualTo(Digests.hex(rs.get(0).digest()));
    assertThat(json.at("/counts/0/withinTolerance").asBoolean()).isTrue();
    String text = ValidationReport.text(r);
    assertThat(text).contains("INCOMPLETE").contains("1 unvalidated").contains("missing on target 1")
        .contains("partition 2: UNVALIDATED");
  }

  @Test
  void countsOffOnlyFailACountsOnlyRunTheChecksumCheckIsAuthoritative() {
    copied(5, P);
    List<CountCheck.CountFinding> off =
        CountCheck.compare(
            List.of(new CountCheck.SideCount(NS, "s", 100, 1, 1, false)),
            List.of(new CountCheck.SideCount(NS, "s", 50, 1, 1, false)),
            1.0);
    ValidationResult withChecksums = engine("{}").validate(NS, CUTOFF, List.of(P), off);
    assertThat(withChecksums.summary().countMismatches()).isEqualTo(1);
    assertThat(withChecksums.exitCode()).isZero();
    assertThat(ValidationReport.text(withChecksums)).contains("1 outside tolerance").contains("s: source 100, target 50");
    ValidationResult countsOnly = new ValidationResult("r", NS, "counts", NOW, NOW, CUTOFF, 1.0, true, false,
        List.of(), off, null);
    assertThat(countsOnly.exitCode()).isEqualTo(1);
    ValidationResult failed = ValidationResult.failed("r", NS, ValidationSuite.defaults(), NOW, "source unreachable");
    assertThat(failed.exitCode()).isEqualTo(2);
    assertThat(ValidationReport.text(failed)).contains("FAILED: source unreachable");
  }
}

package io.aeroshift.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The JDBC store on H2 with the project's Flyway migrations (V1.. and V30). */
class JdbcValidationResultStoreTest {

  static JdbcDataSource database(String name) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return ds;
  }

  @Test
  void partitionResultsAndRunsRoundTripAndTheLatestAttemptWins() {
    JdbcValidationResultStore store = new JdbcValidationResultStore(database("validation-store"));
    Instant t0 = Instant.parse("2026-06-01T10:00:00Z");
    RecordFinding f = new RecordFinding(RecordFinding.Kind.DIFFERING, "00ff", "s", "k1",
        List.of(new RecordFinding.BinDifference("b", "INTEGER", "STRING")), false, true, false, 100, 100);
    PartitionDiff diff = new PartitionDiff(10, 10, 0, 0, 1, 0,
        Map.of(LeftOutReason.CHANGED_ON_SOURCE_AFTER_CUTOFF, 2L), List.of(f));
    PartitionResult pending = new PartitionResult(7, PartitionStatus.PENDING_RECHECK, null, t0, 0,
        new PartitionChecksum(10, 1, 2, 3, 4), new PartitionChecksum(10, 1, 2, 3, 5), diff, diff.leftOut());
    PartitionResult unreadable = PartitionResult.unvalidated(8, "source: partition 8 scan failed", t0, 0);
    PartitionResult match = new PartitionResult(9, PartitionStatus.MATCH, null, t0, 0,
        PartitionChecksum.EMPTY, PartitionChecksum.EMPTY, null, Map.of());
    List<CountCheck.CountFinding> counts = List.of(new CountCheck.CountFinding("test", "s", 10, 9, 10.0, false));
    store.partitionChecked("m1", "run-1", pending);
    store.partitionChecked("m1", "run-1", unreadable);
    store.partitionChecked("m1", "run-1", match);
    ValidationResult first = new ValidationResult("run-1", "test", "default", t0, t0.plusSeconds(5), t0,
        1.0, true, true, List.of(pending, unreadable, match), counts, null, RecordHash.SHA_256);
    store.runFinished("m1", first);

    ValidationResult read = store.latest("m1").orElseThrow();
    assertThat(read).isEqualTo(first);
    assertThat(read.exitCode()).isEqualTo(2);

    Instant t1 = t0.plus(1, ChronoUnit.HOURS);
    PartitionResult mismatch = new PartitionResult(7, PartitionStatus.MISMATCH, null, t1, 1,
        pending.sourceChecksum(), pending.targetChecksum(), diff, diff.leftOut());
    PartitionResult nowMatching = new PartitionResult(8, PartitionStatus.MATCH, null, t1, 1,
        PartitionChecksum.EMPTY, PartitionChecksum.EMPTY, null, Map.of());
    store.partitionChecked("m1", "run-1", mismatch);
    store.partitionChecked("m1", "run-1", nowMatching);
    ValidationResult rechecked = first.withPartitions(List.of(match, mismatch, nowMatching), t1, t1);
    store.runFinished("m1", rechecked);

    ValidationResult latest = store.latest("m1").orElseThrow();
    assertThat(latest.partitions()).extracting(PartitionResult::status)
        .containsExactly(PartitionStatus.MISMATCH, PartitionStatus.MATCH, PartitionStatus.MATCH);
    assertThat(latest.exitCode()).isEqualTo(1);
    assertThat(latest.partitions().get(0).findings()).containsExactly(f);
    assertThat(store.partitionHistory("m1", 7)).extracting(PartitionResult::status)
        .containsExactly(PartitionStatus.PENDING_RECHECK, PartitionStatus.MISMATCH);
    assertThat(store.latest("other")).isEmpty();
  }

  @Test
  void partitionsStoredTogetherReadBackAsOneByOneAndTheLastResultOfAnAttemptWins() {
    JdbcValidationResultStore store = new JdbcValidationResultStore(database("validation-store-batch"));
    Instant t0 = Instant.parse("2026-06-01T10:00:00Z");
    List<PartitionResult> batch = new java.util.ArrayList<>();
    for (int p = 0; p < 300; p++) {
      batch.add(new PartitionResult(p, PartitionStatus.MATCH, null, t0, 0,
          new PartitionChecksum(p, 0, 0, 0, p), new PartitionChecksum(p, 0, 0, 0, p), null, Map.of()));
    }
    PartitionResult unreadable = PartitionResult.unvalidated(5, "source: partition 5 scan failed", t0, 0);
    batch.add(unreadable);
    store.partitionsChecked("m2", "run-2", batch);
    store.partitionsChecked("m2", "run-2", List.of());

    assertThat(store.partitionHistory("m2", 5)).containsExactly(unreadable);
    assertThat(store.partitionHistory("m2", 299)).containsExactly(batch.get(299));
    List<PartitionResult> finalResults = new java.util.ArrayList<>(batch.subList(0, 300));
    finalResults.set(5, unreadable);
    ValidationResult run = new ValidationResult("run-2", "test", "default", t0, t0.plusSeconds(2), t0,
        1.0, true, true, finalResults, List.of(), null, RecordHash.XXH3_128);
    store.runFinished("m2", run);
    assertThat(store.latest("m2")).contains(run);
    assertThat(store.partitionHistory("m2", 5)).containsExactly(unreadable);
  }

  @Test
  void runsAreFoundByIdAndListedNewestFirstByScopePrefixInBothStores() {
    for (ValidationResultStore store : List.of(
        new JdbcValidationResultStore(database("validation-store-runs")), new InMemoryValidationResultStore())) {
      Instant t0 = Instant.parse("2026-06-01T10:00:00Z");
      PartitionResult match = new PartitionResult(3, PartitionStatus.MATCH, null, t0, 0,
          PartitionChecksum.EMPTY, PartitionChecksum.EMPTY, null, Map.of());
      ValidationResult older = new ValidationResult("run-a", "test", "default", t0, t0.plusSeconds(1), t0,
          1.0, true, true, List.of(match), List.of(), null);
      ValidationResult newer = new ValidationResult("run-b", "test", "quick", t0, t0.plusSeconds(9), t0,
          0.01, true, false, List.of(match), List.of(), null);
      ValidationResult elsewhere = new ValidationResult("run-c", "test", "default", t0, t0.plusSeconds(5), t0,
          1.0, true, true, List.of(match), List.of(), null);
      store.runFinished("src_1->tgt/test", older);
      store.runFinished("src_1->other/test", newer);
      store.runFinished("srcX1->tgt/test", elsewhere);

      assertThat(store.run("run-b")).get().satisfies(r -> {
        assertThat(r.scope()).isEqualTo("src_1->other/test");
        assertThat(r.result()).isEqualTo(newer);
      });
      assertThat(store.run("nope")).isEmpty();
      // "_" is literal: srcX1 does not match the prefix src_1->
      assertThat(store.runs("src_1->")).extracting(ValidationResultStore.RunHeader::runId)
          .containsExactly("run-b", "run-a");
      assertThat(store.runs("src_1->").get(1)).satisfies(h -> {
        assertThat(h.finishedAt()).isEqualTo(t0.plusSeconds(1));
        assertThat(h.exitCode()).isZero();
        assertThat(h.suite()).isEqualTo("default");
      });
    }
  }
}

package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;
import io.aeroshift.validation.AerospikeValidator;
import io.aeroshift.validation.InMemoryValidationResultStore;
import io.aeroshift.validation.ValidationEngine;
import io.aeroshift.validation.ValidationSuite;
import io.aeroshift.validation.ValidationSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Node stops, injected error codes and permanent failures during a copy. */
class CopyFaultsEmulatorTest {

  private static final int LOADED = 12_000;
  private TwoClusters clusters;

  @BeforeEach
  void start() {
    clusters = new TwoClusters();
    clusters.source.loadRecords(TwoClusters.NS, "load", LOADED, 150);
  }

  @AfterEach
  void stop() {
    clusters.close();
  }

  @Test
  void sourceAndTargetNodeStoppedMidCopyStillCopiesEverything() throws Exception {
    CopyEngine engine = clusters.engine("m-nodes", new InMemoryCheckpointStore(),
        TwoClusters.settings().withRecordsPerSecond(4000), java.time.Clock.systemUTC());
    CompletableFuture<PassSummary> run =
        CompletableFuture.supplyAsync(() -> engine.fullCopy(TwoClusters.NS, null, LOADED));
    await().atMost(Duration.ofSeconds(30))
        .until(() -> engine.progress().map(CopyProgress::records).orElse(0L) > LOADED / 4);
    clusters.source.stopNode(1);
    clusters.target.stopNode(2);
    engine.rateLimiter().setLimits(0, 0); // changed while running

    PassSummary summary = run.get(120, TimeUnit.SECONDS);

    assertThat(summary.complete()).as("failures: %s", summary.failures()).isTrue();
    assertThat(summary.partitionsDone()).isEqualTo(PartitionIds.COUNT);
    clusters.assertSameData();
  }

  @Test
  void injectedRetriableErrorsAreRetried() {
    clusters.target.faults().failFraction(0.05, ResultCode.KEY_BUSY);
    clusters.source.faults().failFraction(0.02, ResultCode.TIMEOUT);
    CopyEngine engine = clusters.engine("m-retry", new InMemoryCheckpointStore());

    PassSummary summary = engine.fullCopy(TwoClusters.NS, null, LOADED);

    clusters.target.faults().clear();
    clusters.source.faults().clear();
    assertThat(summary.complete()).as("failures: %s", summary.failures()).isTrue();
    clusters.assertSameData();
  }

  @Test
  void permanentErrorFailsPartitionsWithTheirReasonAndARetryCompletesThem() {
    clusters.target.faults().failFraction(1.0, ResultCode.RECORD_TOO_BIG);
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    CopyEngine engine = clusters.engine("m-perm", store);

    PassSummary failed = engine.fullCopy(TwoClusters.NS, null, LOADED);

    assertThat(failed.complete()).isFalse();
    assertThat(failed.failures()).isNotEmpty();
    assertThat(failed.partitionsDone() + failed.failures().size())
        .as("no partition silently skipped").isEqualTo(PartitionIds.COUNT);
    assertThat(failed.failures().values()).allSatisfy(reason ->
        assertThat(reason).startsWith("PERMANENT").contains("code 13"));
    Map<Integer, PartitionCheckpoint> cps = store.partitions("m-perm", 1);
    assertThat(cps.values()).allSatisfy(c -> assertThat(c.state().finished()).isTrue());

    clusters.target.faults().clear();
    PassSummary retried = clusters.engine("m-perm", store).fullCopy(TwoClusters.NS, null, LOADED);
    assertThat(retried.pass()).isEqualTo(1);
    assertThat(retried.complete()).isTrue();
    clusters.assertSameData();
  }

  /**
   * The worst failure: a target that acknowledges writes and does not keep them. The engine cannot
   * see it (every write answered OK); validation must name every lost record.
   */
  @Test
  void writesTheTargetAcknowledgedButLostAreAllFoundByValidation() {
    clusters.target.faults().loseWritesFraction(0.01);
    PassSummary summary = clusters.engine("m-lost", new InMemoryCheckpointStore()).fullCopy(TwoClusters.NS, null, LOADED);
    clusters.target.faults().clear();
    long lost = clusters.target.faults().lostWrites();
    assertThat(summary.complete()).as("the engine was told every write succeeded").isTrue();
    assertThat(lost).isPositive();

    ValidationSummary found = validateEverything("m-lost");
    assertThat(found.missing()).isEqualTo(lost);
    assertThat(found.extra()).isZero();
    assertThat(found.differing()).isZero();
    assertThat(found.unvalidatedPartitions()).isZero();
    assertThat(found.matchedPartitions()).isLessThan(PartitionIds.COUNT);
  }

  /** Reconcile's deletes acknowledged and lost: validation must name every record still on the target. */
  @Test
  void deletesTheTargetAcknowledgedButLostAreAllFoundByValidation() {
    CopyEngine engine = clusters.engine("m-lost-deletes", new InMemoryCheckpointStore());
    assertThat(engine.fullCopy(TwoClusters.NS, null, LOADED).complete()).isTrue();
    for (int i = 0; i < 400; i++) {
      clusters.sourceClient.delete(null, new Key(TwoClusters.NS, "load", "key-" + i));
    }
    clusters.target.faults().loseWritesFraction(0.5);
    PassSummary reconcile = engine.reconcile(TwoClusters.NS, null, WriteMode.replace());
    clusters.target.faults().clear();
    long lost = clusters.target.faults().lostWrites();
    assertThat(reconcile.complete()).isTrue();
    assertThat(reconcile.deleted()).as("every delete was acknowledged").isEqualTo(400);
    assertThat(lost).isBetween(1L, 399L);

    ValidationSummary found = validateEverything("m-lost-deletes");
    assertThat(found.extra()).isEqualTo(lost);
    assertThat(found.missing()).isZero();
    assertThat(found.differing()).isZero();
    assertThat(found.unvalidatedPartitions()).isZero();
  }

  private ValidationSummary validateEverything(String scope) {
    try (AerospikeValidator validator = AerospikeValidator.connect(List.of(clusters.source.hosts()),
        List.of(clusters.target.hosts()), ValidationSuite.defaults(), new AerospikeValidator.Settings(4, 10_000, null),
        new InMemoryValidationResultStore(), scope)) {
      return validator.validate(TwoClusters.NS, Instant.now(), ValidationEngine.allPartitions()).summary();
    }
  }
}

package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A copy killed mid-way resumes from its checkpoints and ends with the same data as a clean run. */
class CopyResumeEmulatorTest {

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
  void engineKilledMidCopyResumesFromCheckpointsWithIdenticalData() throws Exception {
    // the state-store implementation, as the service uses it (H2 migrated by Flyway)
    CheckpointStore store = new JdbcCheckpointStore(StateStores.h2("copy-kill"));
    TransferSettings slow = TwoClusters.settings().withCheckpointEvery(2).withRecordsPerSecond(4000);
    CopyEngine first = clusters.engine("m-kill", store, slow, Clock.systemUTC());
    CompletableFuture<PassSummary> run =
        CompletableFuture.supplyAsync(() -> first.fullCopy(TwoClusters.NS, null, LOADED));
    await().atMost(Duration.ofSeconds(30))
        .until(() -> first.progress().map(CopyProgress::records).orElse(0L) > LOADED / 3);

    first.stop(); // abrupt: executor interrupted, no final checkpoint

    PassSummary killed = run.get(30, TimeUnit.SECONDS);
    assertThat(killed.stopped()).isTrue();
    assertThat(killed.complete()).isFalse();
    Map<Integer, PartitionCheckpoint> atKill = store.partitions("m-kill", 1);
    long doneAtKill = atKill.values().stream()
        .filter(c -> c.state() == PartitionState.DONE).count();
    assertThat(doneAtKill).isPositive().isLessThan(PartitionIds.COUNT);

    CopyEngine second = clusters.engine("m-kill", store);
    AtomicInteger rerun = new AtomicInteger();
    second.addListener(new ProgressListener() {
      @Override
      public void partitionFinished(PartitionCheckpoint checkpoint) {
        rerun.incrementAndGet();
      }
    });
    PassSummary resumed = second.fullCopy(TwoClusters.NS, null, LOADED);

    assertThat(resumed.complete()).isTrue();
    assertThat(resumed.pass()).isEqualTo(1);
    assertThat(rerun.get()).as("done partitions are not redone")
        .isEqualTo(PartitionIds.COUNT - (int) doneAtKill);
    clusters.assertSameData();
  }

  @Test
  void anEngineStoppedBeforeItsPassStartsEndsThatPassStoppedWithNothingCopied() {
    // a drain's engine stopped by a service shutdown between two of its passes (CI, 18:51)
    CheckpointStore store = new JdbcCheckpointStore(StateStores.h2("copy-stopped-early"));
    CopyEngine engine = clusters.engine("m-stopped", store);
    engine.stop();

    PassSummary pass = engine.fullCopy(TwoClusters.NS, null, LOADED);

    assertThat(pass.stopped()).isTrue();
    assertThat(pass.complete()).isFalse();
    assertThat(pass.partitionsDone()).isZero();
    assertThat(store.partitions("m-stopped", pass.pass())).isEmpty();
  }

  @Test
  void partitionResumesStrictlyAfterItsCursor() {
    // the partition holding the most records, and its records in the scan's (digest) order
    int partition = -1;
    List<byte[]> digests = new ArrayList<>();
    for (int p = 0; p < PartitionIds.COUNT && digests.size() < 5; p++) {
      List<byte[]> found = new ArrayList<>();
      clusters.sourceClient.scanPartitions(new ScanPolicy(), PartitionFilter.id(p),
          TwoClusters.NS, null, (Key k, Record r) -> found.add(k.digest));
      if (found.size() >= 5) {
        partition = p;
        digests = found;
      }
    }
    assertThat(partition).as("a partition with 5 records").isNotNegative();
    byte[] cursor = digests.get(2);
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    store.savePass(new PassRecord("m-cursor", 1, PassKind.FULL, TwoClusters.NS, null, 0,
        Instant.now(), null));
    store.save(new PartitionCheckpoint("m-cursor", 1, partition, PartitionState.IN_PROGRESS,
        cursor, 3, 0, 0, 0, 0, 0, null, Instant.now()));

    PassSummary summary = clusters.engine("m-cursor", store).fullCopy(TwoClusters.NS, null, 0);

    assertThat(summary.complete()).isTrue();
    for (int i = 0; i < digests.size(); i++) {
      boolean onTarget = clusters.targetClient.exists(null,
          new Key(TwoClusters.NS, digests.get(i), "load", null));
      assertThat(onTarget).as("record %d of the partition (cursor at 2)", i).isEqualTo(i > 2);
    }
    assertThat(store.partitions("m-cursor", 1).get(partition).records())
        .isEqualTo(3 + digests.size() - 3);
    assertThat(Arrays.equals(store.partitions("m-cursor", 1).get(partition).cursor(), null)).isTrue();
  }
}

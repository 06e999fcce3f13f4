package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.WritePolicy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Changes made on the source while the full copy runs: catch-up and delete reconciliation. */
class CatchUpReconcileEmulatorTest {

  private static final int LOADED = 3000;
  private TwoClusters clusters;

  @BeforeEach
  void start() {
    clusters = new TwoClusters();
    clusters.source.loadRecords(TwoClusters.NS, "load", LOADED, 120);
  }

  @AfterEach
  void stop() {
    clusters.close();
  }

  private Key key(int i) {
    return new Key(TwoClusters.NS, "load", "key-" + i);
  }

  @Test
  void catchUpCopiesUpdatesAndInsertsAndReconcileRemovesSourceDeletes() {
    CopyEngine engine = clusters.engine("m-catchup", new InMemoryCheckpointStore());
    AtomicInteger finished = new AtomicInteger();
    AtomicBoolean mutated = new AtomicBoolean();
    WritePolicy wp = new WritePolicy();
    wp.sendKey = true;
    engine.addListener(new ProgressListener() {
      @Override
      public void partitionFinished(PartitionCheckpoint checkpoint) {
        if (finished.incrementAndGet() == 1500 && mutated.compareAndSet(false, true)) {
          for (int i = 0; i < 100; i++) {
            clusters.sourceClient.put(wp, key(i), new Bin("payload", "updated-" + i));
            clusters.sourceClient.put(wp, key(LOADED + i), new Bin("payload", "inserted-" + i));
            clusters.sourceClient.delete(null, key(1000 + i));
          }
        }
      }
    });

    PassSummary full = engine.fullCopy(TwoClusters.NS, null, LOADED);
    assertThat(full.complete()).isTrue();
    assertThat(mutated).isTrue();

    PassSummary catchUp = engine.catchUp(TwoClusters.NS, null, WriteMode.replace(), 0);
    assertThat(catchUp.complete()).isTrue();
    assertThat(catchUp.pass()).isEqualTo(2);
    assertThat(catchUp.sinceNanos()).isEqualTo(WriteMode.toNanos(full.startedAt()));
    // the delta is the 200 changed records (plus any loaded in the very millisecond the pass began)
    assertThat(catchUp.records()).isBetween(200L, 260L);
    assertThat(catchUp.duration()).isPositive();
    assertThat(clusters.targetClient.get(null, key(5)).getString("payload")).isEqualTo("updated-5");
    assertThat(clusters.targetClient.get(null, key(LOADED + 5)).getString("payload"))
        .isEqualTo("inserted-5");

    PassSummary reconcile = engine.reconcile(TwoClusters.NS, null, WriteMode.replace());
    assertThat(reconcile.complete()).isTrue();
    assertThat(reconcile.deleted()).isPositive().isLessThanOrEqualTo(100);
    assertThat(reconcile.records()).as("target digests examined").isEqualTo(LOADED + reconcile.deleted());
    for (int i = 0; i < 100; i++) {
      assertThat(clusters.targetClient.exists(null, key(1000 + i))).isFalse();
    }
    clusters.assertSameData();
  }
}

package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FinishedCheckpointsTest {

  /** An in-memory store that records its commits as the batch makes them: one list per transaction. */
  private static final class Commits implements CheckpointStore {
    final InMemoryCheckpointStore inner = new InMemoryCheckpointStore();
    final List<List<Integer>> commits = new ArrayList<>();
    boolean failing;

    @Override
    public void saveAll(List<PartitionCheckpoint> checkpoints) {
      if (failing) {
        throw new IllegalStateException("the store is down");
      }
      commits.add(checkpoints.stream().map(PartitionCheckpoint::partition).toList());
      inner.saveAll(checkpoints);
    }

    @Override
    public void savePass(PassRecord pass) {
      inner.savePass(pass);
    }

    @Override
    public java.util.Optional<PassRecord> pass(String migrationId, int pass) {
      return inner.pass(migrationId, pass);
    }

    @Override
    public List<PassRecord> passes(String migrationId) {
      return inner.passes(migrationId);
    }

    @Override
    public void save(PartitionCheckpoint checkpoint) {
      throw new AssertionError("a DONE checkpoint is saved one by one");
    }

    @Override
    public java.util.Map<Integer, PartitionCheckpoint> partitions(String migrationId, int pass) {
      return inner.partitions(migrationId, pass);
    }

    @Override
    public void save(PartitionCheckpoint checkpoint, OwnVersionChanges changes) {
      throw new AssertionError("own versions are never batched");
    }

    @Override
    public java.util.Map<String, Integer> ownVersions(String migrationId, long switchNanos, String namespace,
        int partition) {
      return inner.ownVersions(migrationId, switchNanos, namespace, partition);
    }

    @Override
    public void forgetOwnVersions(String migrationId, long keepSwitchNanos) {
      inner.forgetOwnVersions(migrationId, keepSwitchNanos);
    }
  }

  private static PartitionCheckpoint done(int partition) {
    return new PartitionCheckpoint("m", 1, partition, PartitionState.DONE, null, 1, 1, 0, 0, 0, 0, null,
        Instant.parse("2026-12-07T20:00:00Z"));
  }

  @Test
  void aFullBatchIsOneCommitAndTheRestWaitsForTheFlush() {
    Commits store = new Commits();
    FinishedCheckpoints finished = new FinishedCheckpoints(store, 3, Duration.ofHours(1));
    for (int p = 0; p < 5; p++) {
      finished.add(done(p));
    }
    assertThat(store.commits).containsExactly(List.of(0, 1, 2));
    assertThat(store.partitions("m", 1)).containsOnlyKeys(0, 1, 2);

    finished.flush();
    assertThat(store.commits).containsExactly(List.of(0, 1, 2), List.of(3, 4));
    finished.flush();
    assertThat(store.commits).hasSize(2);
  }

  @Test
  void aCheckpointThatWaitedItsLongestIsSavedWithTheNextOne() {
    Commits store = new Commits();
    FinishedCheckpoints finished = new FinishedCheckpoints(store, 64, Duration.ZERO);
    finished.add(done(7));
    assertThat(store.commits).containsExactly(List.of(7));
  }

  @Test
  void checkpointsOfAFailedCommitWaitForTheNextOne() {
    Commits store = new Commits();
    FinishedCheckpoints finished = new FinishedCheckpoints(store, 2, Duration.ofHours(1));
    store.failing = true;
    finished.add(done(1));
    assertThatThrownBy(() -> finished.add(done(2))).hasMessageContaining("down");
    assertThat(store.partitions("m", 1)).isEmpty();

    store.failing = false;
    finished.add(done(3));
    assertThat(store.commits).containsExactly(List.of(1, 2, 3));
  }
}

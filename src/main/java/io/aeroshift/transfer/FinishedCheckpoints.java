package io.aeroshift.transfer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The DONE checkpoints of one pass, saved together: once {@code batch} are waiting or the oldest
 * has waited {@code maxWait}, and at the pass's end. A commit per partition was a disk write per
 * partition, 4,096 per pass (with the embedded store's {@code WRITE_DELAY=0}, most of a catch-up
 * pass's CPU in the demo service; on PostgreSQL a WAL flush each).
 *
 * <p>A crash loses at most the waiting ones, and those partitions are copied again on resume:
 * harmless, since before the switch a copy write replaces, and after it the generations our writes
 * got are saved with the checkpoint covering them ({@link CheckpointStore#save(PartitionCheckpoint,
 * OwnVersionChanges)}), never through this batch.
 */
final class FinishedCheckpoints {
  private final CheckpointStore store;
  private final int batch;
  private final long maxWaitNanos;
  private final List<PartitionCheckpoint> waiting = new ArrayList<>();
  private long oldestNanos;

  FinishedCheckpoints(CheckpointStore store, int batch, Duration maxWait) {
    this.store = store;
    this.batch = batch;
    this.maxWaitNanos = maxWait.toNanos();
  }

  /** Adds a DONE checkpoint; saves the waiting ones when the batch is full or has waited long enough. */
  void add(PartitionCheckpoint checkpoint) {
    boolean due;
    synchronized (this) {
      if (waiting.isEmpty()) {
        oldestNanos = System.nanoTime();
      }
      waiting.add(checkpoint);
      due = waiting.size() >= batch || System.nanoTime() - oldestNanos >= maxWaitNanos;
    }
    if (due) {
      flush();
    }
  }

  /** Saves every waiting checkpoint in one transaction; on failure they wait for the next try. */
  void flush() {
    List<PartitionCheckpoint> taken;
    synchronized (this) {
      if (waiting.isEmpty()) {
        return;
      }
      taken = List.copyOf(waiting);
      waiting.clear();
    }
    try {
      store.saveAll(taken);
    } catch (RuntimeException e) {
      synchronized (this) {
        waiting.addAll(0, taken);
        oldestNanos = System.nanoTime();
      }
      throw e;
    }
  }
}

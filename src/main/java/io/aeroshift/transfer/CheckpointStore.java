package io.aeroshift.transfer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where passes and per-partition progress are recorded, so a killed service resumes where it
 * stopped. Implementations: {@link InMemoryCheckpointStore}, {@link JdbcCheckpointStore}.
 *
 * <p>Keyed by (migration, pass, partition) with upsert semantics, one row per work unit: a later
 * lease column ({@code FOR UPDATE SKIP LOCKED}) can sit on the same row.
 */
public interface CheckpointStore {

  /** Records (inserts or replaces) a pass. */
  void savePass(PassRecord pass);

  /** The recorded pass, if any. */
  Optional<PassRecord> pass(String migrationId, int pass);

  /** Every recorded pass of a migration, by pass number. */
  List<PassRecord> passes(String migrationId);

  /** Records (inserts or replaces) a partition's progress. */
  void save(PartitionCheckpoint checkpoint);

  /** Records several partitions' progress; the JDBC store commits them together. */
  default void saveAll(List<PartitionCheckpoint> checkpoints) {
    checkpoints.forEach(this::save);
  }

  /** The recorded partitions of one pass, by partition id. */
  Map<Integer, PartitionCheckpoint> partitions(String migrationId, int pass);

  /**
   * Records a partition's progress together with the changes to its post-switch generation memory
   * ({@link OwnVersions}) that the writes up to this checkpoint made: both or neither, so that
   * after a restart every write before the checkpoint's cursor is remembered.
   *
   * @throws IllegalArgumentException if {@code changes} is of another partition
   */
  void save(PartitionCheckpoint checkpoint, OwnVersionChanges changes);

  /**
   * The post-switch generation memory of one partition: for each record (hex digest) that this
   * migration's engine wrote after the switch at {@code switchNanos}, the generation its latest
   * write got. Empty when nothing was written after that switch.
   */
  Map<String, Integer> ownVersions(
      String migrationId, long switchNanos, String namespace, int partition);

  /**
   * Drops the generation memory of every switch of the migration except {@code keepSwitchNanos}
   * (0 drops all): writes under another switch are never conditioned on it again.
   */
  void forgetOwnVersions(String migrationId, long keepSwitchNanos);

  /** The check both implementations make before {@link #save(PartitionCheckpoint, OwnVersionChanges)}. */
  static void requireSamePartition(PartitionCheckpoint checkpoint, OwnVersionChanges changes) {
    if (checkpoint.partition() != changes.partition()) {
      throw new IllegalArgumentException("own versions of partition " + changes.partition()
          + " saved with the checkpoint of partition " + checkpoint.partition());
    }
  }
}

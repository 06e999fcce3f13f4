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

  /** The recorded partitions of one pass, by partition id. */
  Map<Integer, PartitionCheckpoint> partitions(String migrationId, int pass);
}

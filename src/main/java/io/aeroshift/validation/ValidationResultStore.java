package io.aeroshift.validation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where validation results are kept, per partition, so the approval gate can judge what was
 * validated and when. {@code scope} names what was compared (a migration id, or
 * "source->target/namespace" for a one-off run).
 */
public interface ValidationResultStore {

  /** Stores one partition's result as soon as it is known (a crashed run keeps its progress). */
  void partitionChecked(String scope, String runId, PartitionResult result);

  /**
   * Stores the results of partitions decided together (a batch of first looks), as {@link
   * #partitionChecked} would one by one; a store may write them in one transaction.
   */
  default void partitionsChecked(String scope, String runId, List<PartitionResult> results) {
    for (PartitionResult r : results) {
      partitionChecked(scope, runId, r);
    }
  }

  /** Stores a finished run (header and every partition result). */
  void runFinished(String scope, ValidationResult result);

  /** The most recent finished run of a scope. */
  Optional<ValidationResult> latest(String scope);

  /** Every stored result of one partition in a scope, oldest first (re-checks included). */
  List<PartitionResult> partitionHistory(String scope, int partitionId);

  /** A stored run with the scope it belongs to. */
  record StoredRun(String scope, ValidationResult result) {}

  /**
   * One line of a run listing: the header of a stored run, without its partitions.
   *
   * @param finishedAt when the run ended: the time the approval gate judges freshness by
   */
  record RunHeader(
      String runId, String scope, String namespace, String suite, Instant startedAt, Instant finishedAt,
      double sampleRate, boolean finalEvidence, int exitCode, String failure) {}

  /** A finished run by id, with the latest attempt of every partition. */
  default Optional<StoredRun> run(String runId) {
    return Optional.empty();
  }

  /** Headers of the finished runs whose scope starts with {@code scopePrefix}, newest first. */
  default List<RunHeader> runs(String scopePrefix) {
    return List.of();
  }
}

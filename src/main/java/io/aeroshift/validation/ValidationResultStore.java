package io.aeroshift.validation;

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

  /** Stores a finished run (header and every partition result). */
  void runFinished(String scope, ValidationResult result);

  /** The most recent finished run of a scope. */
  Optional<ValidationResult> latest(String scope);

  /** Every stored result of one partition in a scope, oldest first (re-checks included). */
  List<PartitionResult> partitionHistory(String scope, int partitionId);
}

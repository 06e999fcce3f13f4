package io.aeroshift.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link ValidationResultStore} held in memory (tests, the CLI, the demo). Thread-safe. */
public final class InMemoryValidationResultStore implements ValidationResultStore {

  private final Map<String, ValidationResult> latest = new HashMap<>();
  private final Map<String, List<PartitionResult>> history = new HashMap<>();

  @Override
  public synchronized void partitionChecked(String scope, String runId, PartitionResult result) {
    history.computeIfAbsent(scope + "#" + result.partitionId(), k -> new ArrayList<>()).add(result);
  }

  @Override
  public synchronized void runFinished(String scope, ValidationResult result) {
    latest.put(scope, result);
  }

  @Override
  public synchronized Optional<ValidationResult> latest(String scope) {
    return Optional.ofNullable(latest.get(scope));
  }

  @Override
  public synchronized List<PartitionResult> partitionHistory(String scope, int partitionId) {
    return List.copyOf(history.getOrDefault(scope + "#" + partitionId, List.of()));
  }
}

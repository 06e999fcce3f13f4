package io.aeroshift.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link ValidationResultStore} held in memory (tests, the CLI, the demo). Thread-safe. */
public final class InMemoryValidationResultStore implements ValidationResultStore {

  private final Map<String, ValidationResult> latest = new HashMap<>();
  private final Map<PartitionOf, List<PartitionResult>> history = new HashMap<>();
  private final Map<String, StoredRun> runs = new LinkedHashMap<>();

  /** A partition of a scope: the key of its history. */
  private record PartitionOf(String scope, int partitionId) {}

  @Override
  public synchronized void partitionChecked(String scope, String runId, PartitionResult result) {
    history.computeIfAbsent(new PartitionOf(scope, result.partitionId()), k -> new ArrayList<>()).add(result);
  }

  @Override
  public synchronized void runFinished(String scope, ValidationResult result) {
    latest.put(scope, result);
    runs.put(result.runId(), new StoredRun(scope, result));
  }

  @Override
  public synchronized Optional<ValidationResult> latest(String scope) {
    return Optional.ofNullable(latest.get(scope));
  }

  @Override
  public synchronized List<PartitionResult> partitionHistory(String scope, int partitionId) {
    return List.copyOf(history.getOrDefault(new PartitionOf(scope, partitionId), List.of()));
  }

  @Override
  public synchronized Optional<StoredRun> run(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  @Override
  public synchronized List<RunHeader> runs(String scopePrefix) {
    return runs.values().stream()
        .filter(r -> r.scope().startsWith(scopePrefix))
        .map(r -> header(r.scope(), r.result()))
        .sorted(Comparator.comparing(RunHeader::finishedAt).reversed().thenComparing(RunHeader::runId))
        .toList();
  }

  private static RunHeader header(String scope, ValidationResult r) {
    return new RunHeader(
        r.runId(), scope, r.namespace(), r.suite(), r.startedAt(), r.finishedAt(), r.sampleRate(),
        r.finalEvidence(), r.exitCode(), r.failure());
  }
}

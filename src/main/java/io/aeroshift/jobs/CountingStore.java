package io.aeroshift.jobs;

import io.aeroshift.validation.PartitionResult;
import io.aeroshift.validation.ValidationResult;
import io.aeroshift.validation.ValidationResultStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The result store a running validation writes through: counts the distinct partitions checked (a
 * re-check does not count twice) for its progress, and once the run is halted (stopped, stalled,
 * past its deadline, or the service stopping) keeps the engine from storing a finished run whose
 * last partitions were cut short, or any more partitions: a report, and a partition result, is stored
 * only by a run that was not halted.
 */
final class CountingStore implements ValidationResultStore {
  private final ValidationResultStore delegate;
  private final Set<Integer> checked = ConcurrentHashMap.newKeySet();
  private volatile boolean halted;

  CountingStore(ValidationResultStore delegate) {
    this.delegate = delegate;
  }

  int checked() {
    return checked.size();
  }

  void halt() {
    halted = true;
  }

  @Override
  public void partitionChecked(String scope, String runId, PartitionResult result) {
    if (halted) {
      // the attempt that takes over (after a stop of the service, here or on another replica)
      // stores the same partitions of the same run: a halted attempt must not race it
      throw new IllegalStateException("validation run " + runId + " was halted; partition "
          + result.partitionId() + " is not stored");
    }
    delegate.partitionChecked(scope, runId, result);
    checked.add(result.partitionId());
  }

  @Override
  public void partitionsChecked(String scope, String runId, List<PartitionResult> results) {
    if (results.isEmpty()) {
      return;
    }
    if (halted) {
      throw new IllegalStateException("validation run " + runId + " was halted; " + results.size()
          + " partitions from " + results.get(0).partitionId() + " are not stored");
    }
    delegate.partitionsChecked(scope, runId, results);
    for (PartitionResult r : results) {
      checked.add(r.partitionId());
    }
  }

  @Override
  public void runFinished(String scope, ValidationResult result) {
    if (halted) {
      throw new IllegalStateException("validation run " + result.runId() + " was halted; its report is not stored");
    }
    delegate.runFinished(scope, result);
  }

  @Override
  public Optional<ValidationResult> latest(String scope) {
    return delegate.latest(scope);
  }

  @Override
  public List<PartitionResult> partitionHistory(String scope, int partitionId) {
    return delegate.partitionHistory(scope, partitionId);
  }

  @Override
  public Optional<StoredRun> run(String runId) {
    return delegate.run(runId);
  }

  @Override
  public List<RunHeader> runs(String scopePrefix) {
    return delegate.runs(scopePrefix);
  }
}

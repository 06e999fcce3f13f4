package io.aeroshift.api;

import io.aeroshift.validation.PartitionResult;
import io.aeroshift.validation.ValidationResult;
import io.aeroshift.validation.ValidationResultStore;
import java.util.List;
import java.util.Optional;

/** The application's result store, telling an {@link AsyncRun} of every partition checked. */
final class CountingStore implements ValidationResultStore {
  private final ValidationResultStore delegate;
  private final AsyncRun run;

  CountingStore(ValidationResultStore delegate, AsyncRun run) {
    this.delegate = delegate;
    this.run = run;
  }

  @Override
  public void partitionChecked(String scope, String runId, PartitionResult result) {
    delegate.partitionChecked(scope, runId, result);
    run.partitionChecked(result);
  }

  @Override
  public void runFinished(String scope, ValidationResult result) {
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

package io.aeroshift.jobs;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Where validation runs are kept, so a run started in the background survives a restart. */
public interface ValidationRunStore {

  /**
   * Inserts a new run (version 0) or replaces the stored one read at {@code run.version()}; in the
   * same transaction holds the run's scope while it is RUNNING and releases it once final.
   *
   * @return the run as stored (its new version)
   * @throws ScopeBusy when another validation is active in the same target namespace (nothing saved)
   * @throws ConcurrentRunChange when the stored run changed since it was read (nothing saved)
   * @throws RunLeaseLost when another runner holds the run's lease now (nothing saved)
   */
  ValidationRun save(ValidationRun run);

  /** Takes over RUNNING runs as {@link CopyRunStore#takeOver} does copy runs. */
  List<ValidationRun> takeOver(Predicate<ValidationRun> which, boolean evenIfLeased);

  Optional<ValidationRun> find(String id);

  /** Runs in a state, oldest first. */
  List<ValidationRun> inState(ValidationRunState state);

  /** The leases this store takes for its runner on every save of an active run. */
  RunLeasing leases();
}

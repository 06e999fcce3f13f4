package io.aeroshift.jobs;

import java.util.List;
import java.util.Optional;

/** Where copy runs are kept, so the list and the interrupted runs survive a restart. */
public interface CopyRunStore {

  /**
   * Inserts a new run (version 0) or replaces the stored one read at {@code run.version()}, and in
   * the same transaction holds the run's scope while it is active and releases it once final.
   *
   * @return the run as stored (its new version)
   * @throws ScopeBusy when another active copy run holds the scope (nothing is saved)
   * @throws ConcurrentRunChange when the stored run changed since {@code run} was read (nothing is saved)
   */
  CopyRun save(CopyRun run);

  Optional<CopyRun> find(String id);

  /** Every run, newest first. */
  List<CopyRun> list();

}

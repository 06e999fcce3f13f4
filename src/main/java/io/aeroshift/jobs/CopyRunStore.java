package io.aeroshift.jobs;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Where copy runs are kept, so the list and the interrupted runs survive a restart. */
public interface CopyRunStore {

  /**
   * Inserts a new run (version 0) or replaces the stored one read at {@code run.version()}, and in
   * the same transaction holds the run's scope while it is active and releases it once final.
   *
   * @return the run as stored (its new version)
   * @throws ScopeBusy when another active copy run holds the scope (nothing is saved)
   * @throws ConcurrentRunChange when the stored run changed since {@code run} was read (nothing is saved)
   * @throws RunLeaseLost when another runner holds the run's lease now (nothing is saved)
   */
  CopyRun save(CopyRun run);

  /**
   * Takes over the active runs {@code which} accepts whose lease is free, already this runner's, or
   * has run out (with {@code evenIfLeased}: every active run it accepts); returns them, leased to
   * this runner. Two runners never take the same run.
   */
  List<CopyRun> takeOver(Predicate<CopyRun> which, boolean evenIfLeased);

  Optional<CopyRun> find(String id);

  /** Every run, newest first. */
  List<CopyRun> list();


  /** The leases this store takes for its runner on every save of an active run. */
  RunLeasing leases();
}

package io.aeroshift.jobs;

import java.util.Collection;
import java.util.Set;

/**
 * The leases a job runner holds in its store ({@link CopyRunStore#leases()},
 * {@link ValidationRunStore#leases()}): every save of an active run takes or keeps its lease, the
 * runner renews it while the run works in its process and gives it up when the process stops, so
 * a run whose lease ran out has nobody working on it.
 */
public interface RunLeasing {

  /** Whose leases these are and how long one lasts unrenewed. */
  LeaseTerms leaseTerms();

  /**
   * Takes the lease of run {@code id} whoever holds it: for a caller that made itself the run's only
   * owner by other means (a migration's reconciler holds the migration's lease).
   */
  void lease(String id);

  /** Extends the leases of {@code ids}; returns those no longer held (another runner took them over). */
  Set<String> renewLeases(Collection<String> ids);

  /** Gives up the leases of {@code ids} (the service stops): another runner may take them at once. */
  void releaseLeases(Collection<String> ids);
}

package io.aeroshift.jobs;

/**
 * Where a validation run is. RUNNING is active; the others are final.
 *
 * <ul>
 *   <li>RUNNING: partitions are being checked. A run found RUNNING when the service starts was
 *       interrupted by a stop of the service: it is run again under the same id (validation only
 *       reads, so a second attempt is safe), or FAILED with reason INTERRUPTED after
 *       {@link ValidationRunService#MAX_ATTEMPTS} attempts.
 *   <li>FINISHED: the report is stored (whatever it found: see its exit code).
 *   <li>FAILED: no report; the typed failure says why (unreachable, deadline, stalled, interrupted).
 *   <li>STOPPED: stopped on request; no report.
 * </ul>
 */
public enum ValidationRunState {
  RUNNING,
  FINISHED,
  FAILED,
  STOPPED;

  public boolean active() {
    return this == RUNNING;
  }
}

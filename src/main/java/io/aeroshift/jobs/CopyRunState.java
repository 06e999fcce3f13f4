package io.aeroshift.jobs;

/**
 * Where a copy run is. QUEUED and RUNNING are active; the others are final until a resume.
 *
 * <ul>
 *   <li>QUEUED: accepted, not started yet. Next: RUNNING.
 *   <li>RUNNING: passes are being run. Next: SUCCEEDED, FAILED, STOPPED. A run found RUNNING when
 *       the service starts was interrupted by a stop of the service: it is resumed from its
 *       checkpoints (it stays RUNNING).
 *   <li>SUCCEEDED: every partition of every pass completed.
 *   <li>FAILED: a pass ended with failed partitions, or the run could not go on (reason kept).
 *       {@code resume} runs it again from its checkpoints.
 *   <li>STOPPED: stopped on request; {@code resume} continues from its checkpoints.
 * </ul>
 */
public enum CopyRunState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  STOPPED;

  public boolean active() {
    return this == QUEUED || this == RUNNING;
  }

  /** States a run may be resumed from on request. */
  public boolean resumable() {
    return this == FAILED || this == STOPPED;
  }
}

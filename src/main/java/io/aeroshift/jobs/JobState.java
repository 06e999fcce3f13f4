package io.aeroshift.jobs;

/**
 * A job's state as the workflow sees it, whatever its kind. QUEUED and RUNNING are active.
 * SUCCEEDED: the work is done and found nothing wrong (a validation with exit code 0). FAILED: see
 * the job's typed failure (a validation that found differences is FAILED with DATA_MISMATCH, one
 * with unvalidated partitions FAILED with INCOMPLETE). STOPPED: stopped on request.
 */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  STOPPED;

  public boolean active() {
    return this == QUEUED || this == RUNNING;
  }
}

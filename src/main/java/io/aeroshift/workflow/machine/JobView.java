package io.aeroshift.workflow.machine;

import io.aeroshift.outcome.Failure;
import java.util.Objects;

/**
 * A job as observed by the reconciler.
 *
 * @param id the job id the migration stored before starting it
 * @param state where it is
 * @param progress copy progress (copy jobs), else {@link Progress#NONE}
 * @param delta a finished delta pass's figures, else null
 * @param validation a finished validation, else null
 * @param failure why it failed, else null
 */
public record JobView(String id, JobState state, Progress progress, DeltaPass delta, ValidationRecord validation,
    Failure failure) {

  public JobView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    progress = progress == null ? Progress.NONE : progress;
  }

  /** Where a job is. UNKNOWN: not known to this service (it stopped since): start it again, it resumes. */
  public enum JobState { RUNNING, SUCCEEDED, FAILED, STOPPED, UNKNOWN }

  /**
   * A finished catch-up pass.
   *
   * @param records records the pass copied (the delta)
   * @param deleted target-only records it deleted
   * @param durationMillis how long it took
   * @param recordsPerSecond the rate the delta was copied at, 0 when unknown
   */
  public record DeltaPass(long records, long deleted, long durationMillis, double recordsPerSecond) {}

  public static JobView unknown(String id) {
    return new JobView(id, JobState.UNKNOWN, Progress.NONE, null, null, null);
  }

  public static JobView running(String id, Progress progress) {
    return new JobView(id, JobState.RUNNING, progress, null, null, null);
  }

  public static JobView failed(String id, Failure failure) {
    return new JobView(id, JobState.FAILED, Progress.NONE, null, null, failure);
  }

  public static JobView copied(String id, Progress progress) {
    return new JobView(id, JobState.SUCCEEDED, progress, null, null, null);
  }

  public static JobView delta(String id, DeltaPass pass) {
    return new JobView(id, JobState.SUCCEEDED, Progress.NONE, pass, null, null);
  }

  public static JobView validated(String id, ValidationRecord result) {
    return new JobView(id, JobState.SUCCEEDED, Progress.NONE, null, result, null);
  }

  public static JobView done(String id) {
    return new JobView(id, JobState.SUCCEEDED, Progress.NONE, null, null, null);
  }
}

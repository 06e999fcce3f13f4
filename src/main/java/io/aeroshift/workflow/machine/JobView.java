package io.aeroshift.workflow.machine;

import io.aeroshift.outcome.Failure;
import java.util.List;
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
 * @param cutover a cutover step's figures (residual writers while a drain runs, reports when done), else null
 */
public record JobView(String id, JobState state, Progress progress, DeltaPass delta, ValidationRecord validation,
    Failure failure, CutoverStep cutover) {

  public JobView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    progress = progress == null ? Progress.NONE : progress;
  }

  public JobView(String id, JobState state, Progress progress, DeltaPass delta, ValidationRecord validation,
      Failure failure) {
    this(id, state, progress, delta, validation, failure, null);
  }

  /**
   * What a cutover step (client switch, drain, rollback) shows.
   *
   * @param residualWriters the drain's residual writers now (empty when the source is quiet)
   * @param report the drain's cutover report when it finished, else null
   * @param finalValidation the final validation after the drain (client writes on the target after
   *     the switch already counted apart), else null
   * @param rollback the rollback's report when it finished, else null
   * @param switched the client switch's receipt when it finished, else null
   */
  public record CutoverStep(List<CutoverBlocker> residualWriters, io.aeroshift.cutover.CutoverReport report,
      ValidationRecord finalValidation, io.aeroshift.cutover.RollbackReport rollback,
      io.aeroshift.cutover.SwitchReceipt switched) {
    public CutoverStep {
      residualWriters = residualWriters == null ? List.of() : List.copyOf(residualWriters);
    }
  }

  /** A running cutover step with what it shows now. */
  public static JobView cutoverRunning(String id, List<CutoverBlocker> residualWriters) {
    return new JobView(id, JobState.RUNNING, Progress.NONE, null, null, null,
        new CutoverStep(residualWriters, null, null, null, null));
  }

  /** A finished cutover step. */
  public static JobView cutoverDone(String id, CutoverStep step) {
    return new JobView(id, JobState.SUCCEEDED, Progress.NONE, null, step.finalValidation(), null, step);
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

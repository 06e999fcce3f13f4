package io.aeroshift.jobs;

import io.aeroshift.outcome.Failure;
import java.time.Instant;
import java.util.Objects;

/**
 * A validation run as stored by the job runner: what was asked and where it is. The report itself
 * (partitions, counts) is in the validation result store under the same id.
 *
 * @param spec what was asked
 * @param state where the run is
 * @param attempts how many times it was started (1 + runs again after a restart)
 * @param partitionsChecked partitions with a result when last saved (live figures come from the runner)
 * @param startedAt when the current attempt started
 * @param finishedAt when it reached a final state, null while active
 * @param exitCode the report's exit code once FINISHED (0 match, 1 differences, 2 unvalidated), else null
 * @param failure why it FAILED or was STOPPED, null otherwise
 * @param version the stored row's version (optimistic concurrency, as {@link CopyRun#version()})
 */
public record ValidationRun(
    ValidationRunSpec spec,
    ValidationRunState state,
    int attempts,
    long partitionsChecked,
    Instant startedAt,
    Instant finishedAt,
    Integer exitCode,
    Failure failure,
    long version) {

  public ValidationRun {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(state, "state");
  }

  /** A run just accepted, starting now. */
  static ValidationRun started(ValidationRunSpec spec, Instant now) {
    return new ValidationRun(spec, ValidationRunState.RUNNING, 1, 0, now, null, null, null, 0);
  }

  public String id() {
    return spec.id();
  }

  ValidationRun again(Instant now) {
    return new ValidationRun(spec, ValidationRunState.RUNNING, attempts + 1, 0, now, null, null, null, version);
  }

  ValidationRun withChecked(long value) {
    return new ValidationRun(spec, state, attempts, value, startedAt, finishedAt, exitCode, failure, version);
  }

  ValidationRun finished(int code, long checked, Instant now) {
    return new ValidationRun(spec, ValidationRunState.FINISHED, attempts, checked, startedAt, now, code, null, version);
  }

  ValidationRun ended(ValidationRunState value, Failure why, long checked, Instant now) {
    return new ValidationRun(spec, value, attempts, checked, startedAt, now, null, why, version);
  }

  ValidationRun withVersion(long value) {
    return new ValidationRun(spec, state, attempts, partitionsChecked, startedAt, finishedAt, exitCode, failure, value);
  }
}

package io.aeroshift.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aeroshift.outcome.Failure;
import io.aeroshift.validation.ValidationEngine;
import java.time.Instant;

/**
 * A validation run without a stored report, as {@code GET /api/v1/validations/{id}} shows it while
 * it runs or after it failed or was stopped (a finished run shows its report instead). Field names
 * and types are the API's contract; {@code failure} is the text, the typed failure beside it.
 *
 * @param state RUNNING, FAILED or STOPPED
 * @param partitions partitions to check (4096)
 * @param partitionsChecked distinct partitions with a result so far (never goes down within an attempt)
 * @param attempts 1, or more when a restart of the service ran the run again
 */
public record ValidationRunView(
    String id,
    String state,
    String scope,
    String namespace,
    String suite,
    Instant startedAt,
    int partitions,
    long partitionsChecked,
    int attempts,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant finishedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String failure,
    @JsonInclude(JsonInclude.Include.NON_NULL) String failureReason,
    @JsonInclude(JsonInclude.Include.NON_NULL) String errorClass) {

  public static ValidationRunView of(ValidationRunService.Observed o) {
    ValidationRun run = o.run();
    ValidationRunSpec s = run.spec();
    Failure f = run.failure();
    return new ValidationRunView(run.id(), run.state().name(), s.storedScope(), s.namespace(), s.suite(),
        run.startedAt(), ValidationEngine.allPartitions().size(), o.partitionsChecked(), run.attempts(),
        run.finishedAt(), f == null ? null : f.detail(), f == null ? null : f.reason().name(),
        f == null ? null : f.errorClass().name());
  }
}

package io.aeroshift.jobs;

import io.aeroshift.outcome.Failure;
import java.time.Instant;

/**
 * What the workflow observes of a job: its state, typed failure and progress.
 *
 * @param id the job id (a copy run's or validation run's id)
 * @param kind what it does
 * @param scope where it works (target namespace)
 * @param state where it is
 * @param failure why it FAILED or was STOPPED; null otherwise
 * @param progress how far it is
 * @param attempts how many times it was started
 * @param startedAt when it (last) started, null while queued
 * @param finishedAt when it ended, null while active
 * @param exitCode a finished validation's exit code (0 match, 1 differences, 2 unvalidated); null otherwise
 */
public record JobView(
    String id,
    JobKind kind,
    RunScope scope,
    JobState state,
    Failure failure,
    JobProgress progress,
    int attempts,
    Instant startedAt,
    Instant finishedAt,
    Integer exitCode) {}

package io.aeroshift.workflow.machine;

import io.aeroshift.outcome.Failure;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One migration as stored: everything a step needs to go on after a restart. Immutable; a step
 * returns a new value, saved with a version check.
 *
 * @param id migration id
 * @param plan plan name
 * @param source the source cluster (inventory name), for the wave's per-source limits
 * @param team the plan's team: its owners approve
 * @param wave the wave, or null
 * @param phase where it is
 * @param resumeTo PAUSED: the phase to resume; FAILED: the step to retry; else null
 * @param attempt 1 + retries (job ids carry it, so a retry starts fresh jobs)
 * @param version optimistic-lock version, incremented by every save
 * @param started a {@code start} command was consumed (a PLANNED migration then starts without its wave)
 * @param jobId the current job, stored before it is started, null when none
 * @param jobKind its kind
 * @param catchUpPasses delta passes finished in this catch-up
 * @param progress copy progress as last observed
 * @param lagSeconds the last delta pass's lag estimate, -1 before the first
 * @param lastValidation the latest finished validation, or null
 * @param approval the approval in force, or null
 * @param failure why it failed (FAILED), else null
 * @param targetEndpoints the ready target's endpoints (from {@code status.pods}), empty before
 * @param phaseSince when it entered its phase (stall limits count from here)
 * @param switchedAt the client switch's instant (the point of no return), null before
 * @param nextCheckAt when the reconciler steps it next, null = only on a command
 * @param createdBy who created it
 * @param createdAt when
 * @param cutover the cutover's and rollback's state beyond the switch instant (never null)
 */
public record Migration(
    String id,
    String plan,
    String source,
    String team,
    String wave,
    Phase phase,
    Phase resumeTo,
    int attempt,
    long version,
    boolean started,
    String jobId,
    JobKind jobKind,
    int catchUpPasses,
    Progress progress,
    long lagSeconds,
    ValidationRecord lastValidation,
    Approval approval,
    Failure failure,
    List<String> targetEndpoints,
    Instant phaseSince,
    Instant switchedAt,
    Instant nextCheckAt,
    String createdBy,
    Instant createdAt,
    CutoverState cutover) {

  public Migration {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(phase, "phase");
    progress = progress == null ? Progress.NONE : progress;
    targetEndpoints = targetEndpoints == null ? List.of() : List.copyOf(targetEndpoints);
    cutover = cutover == null ? CutoverState.NONE : cutover;
  }

  /** A new migration in PLANNED, due at once (its wave may be running). */
  public static Migration planned(String id, String plan, String source, String team, String wave, String by,
      Instant now) {
    return new Migration(id, plan, source, team, wave, Phase.PLANNED, null, 1, 0, false, null, null, 0,
        Progress.NONE, -1, null, null, null, List.of(), now, null, now, by, now, CutoverState.NONE);
  }

  /** In {@code next} since {@code now}; the phase to resume is kept only by PAUSED and FAILED. */
  Migration toPhase(Phase next, Instant now) {
    Phase keep = next == Phase.PAUSED || next == Phase.FAILED ? resumeTo : null;
    return new Migration(id, plan, source, team, wave, next, keep, attempt, version, started, jobId, jobKind,
        catchUpPasses, progress, lagSeconds, lastValidation, approval, failure, targetEndpoints, now, switchedAt,
        nextCheckAt, createdBy, createdAt, cutover);
  }

  Migration withResumeTo(Phase value) {
    return new Migration(id, plan, source, team, wave, phase, value, attempt, version, started, jobId, jobKind,
        catchUpPasses, progress, lagSeconds, lastValidation, approval, failure, targetEndpoints, phaseSince,
        switchedAt, nextCheckAt, createdBy, createdAt, cutover);
  }

  Migration withAttempt(int value) {
    return new Migration(id, plan, source, team, wave, phase, resumeTo, value, version, started, jobId, jobKind,
        catchUpPasses, progress, lagSeconds, lastValidation, approval, failure, targetEndpoints, phaseSince,
        switchedAt, nextCheckAt, createdBy, createdAt, cutover);
  }

  Migration withStarted() {
    return new Migration(id, plan, source, team, wave, phase, resumeTo, attempt, version, true, jobId, jobKind,
        catchUpPasses, progress, lagSeconds, lastValidation, approval, failure, targetEndpoints, phaseSince,
        switchedAt, nextCheckAt, createdBy, createdAt, cutover);
  }

  Migration withJob(String value, JobKind kind) {
    return new Migration(id, plan, source, team, wave, phase, resumeTo, attempt, version, started, value, kind,
        catchUpPasses, progress, lagSeconds, lastValidation, approval, failure, targetEndpoints, phaseSince,
        switchedAt, nextCheckAt, createdBy, createdAt, cutover);
  }

  Migration withCatchUpPasses(int value) {
    return new Migration(id, plan, source, team, wave, phase, resumeTo, attempt, version, started, jobId, jobKind,
        value, progress, lagSeconds, lastValidation, approval, failure, targetEndpoints, phaseSince, switchedAt,
        nextCheckAt, createdBy, createdAt, cutover);
  }

  Migration withProgress(Progress value) {
    return new Migration(id, plan, source, team, wave, phase, resumeTo, attempt, version, started, jobId, jobKind,
        catchUpPasses, value, lagSeconds, lastValidation, approval, failure, targetEndpoints, phaseSince, switchedAt,
        nextCheckAt, createdBy, createdAt, cutover);
  }

  Migration withLag(long value) {
    return new Migration(id, plan, source, team, wave, phase, resumeTo, attempt, version, started, jobId, jobKind,
        catchUpPasses, progress, value, lastValidation, approval, failure, targetEndpoints, phaseSince, switchedAt,
        nextCheckAt, createdBy, createdAt, cutover);
  }

  Migration withValidation(ValidationRecord value) {
    return new Migration(id, plan, source, team, wave, phase, resumeTo, attempt, version, started, jobId, jobKind,
        catchUpPasses, progress, lagSeconds, value, approval, failure, targetEndpoints, phaseSince, switchedAt,
        nextCheckAt, createdBy, createdAt, cutover);
  }

  Migration withApproval(Approval value) {
    return new Migration(id, plan, source, team, wave, phase, resumeTo, attempt, version, started, jobId, jobKind,
        catchUpPasses, progress, lagSeconds, lastValidation, value, failure, targetEndpoints, phaseSince, switchedAt,
        nextCheckAt, createdBy, createdAt, cutover);
  }

  Migration withFailure(Failure value) {
    return new Migration(id, plan, source, team, wave, phase, resumeTo, attempt, version, started, jobId, jobKind,
        catchUpPasses, progress, lagSeconds, lastValidation, approval, value, targetEndpoints, phaseSince, switchedAt,
        nextCheckAt, createdBy, createdAt, cutover);
  }

  Migration withEndpoints(List<String> value) {
    return new Migration(id, plan, source, team, wave, phase, resumeTo, attempt, version, started, jobId, jobKind,
        catchUpPasses, progress, lagSeconds, lastValidation, approval, failure, value, phaseSince, switchedAt,
        nextCheckAt, createdBy, createdAt, cutover);
  }

  Migration withSwitchedAt(Instant value) {
    return new Migration(id, plan, source, team, wave, phase, resumeTo, attempt, version, started, jobId, jobKind,
        catchUpPasses, progress, lagSeconds, lastValidation, approval, failure, targetEndpoints, phaseSince, value,
        nextCheckAt, createdBy, createdAt, cutover);
  }

  Migration withCutover(CutoverState value) {
    return new Migration(id, plan, source, team, wave, phase, resumeTo, attempt, version, started, jobId, jobKind,
        catchUpPasses, progress, lagSeconds, lastValidation, approval, failure, targetEndpoints, phaseSince,
        switchedAt, nextCheckAt, createdBy, createdAt, value);
  }

  /** The same migration due at {@code value} (null: only on a command). */
  public Migration withNextCheckAt(Instant value) {
    return new Migration(id, plan, source, team, wave, phase, resumeTo, attempt, version, started, jobId, jobKind,
        catchUpPasses, progress, lagSeconds, lastValidation, approval, failure, targetEndpoints, phaseSince,
        switchedAt, value, createdBy, createdAt, cutover);
  }

  /** The same migration as saved under {@code value}. */
  public Migration withVersion(long value) {
    return new Migration(id, plan, source, team, wave, phase, resumeTo, attempt, value, started, jobId, jobKind,
        catchUpPasses, progress, lagSeconds, lastValidation, approval, failure, targetEndpoints, phaseSince,
        switchedAt, nextCheckAt, createdBy, createdAt, cutover);
  }

  /** The job id for a new job of {@code kind}: unique per attempt and pass, fixed before the job starts. */
  String newJobId(JobKind kind, int pass) {
    String base = id + "-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-a" + attempt;
    return pass > 0 ? base + "-p" + pass : base;
  }
}

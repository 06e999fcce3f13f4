package io.aeroshift.jobs;

import io.aeroshift.outcome.Failure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A copy run as stored: what was asked, where it is, the steps done. Immutable; a change is a new
 * value through the {@code with...} methods, saved by the {@link CopyRunService}.
 *
 * @param spec what was asked
 * @param state where the run is
 * @param stage the current (or last) step, null before the first
 * @param attempts how many times the run was started (1 + resumes, after a restart or on request)
 * @param recordsPerSecond current records/s limit (changed by PUT rate-limits), 0 = unlimited
 * @param bytesPerSecond current bytes/s limit, 0 = unlimited
 * @param passes the steps finished or stopped so far, in order (one per pass number and stage)
 * @param startedAt when the run first started, null while queued
 * @param backupStartedAt BACKUP_RESTORE: when the backup scan began (the catch-up starts there)
 * @param finishedAt when it reached a final state, null while active
 * @param failure why it failed or was stopped (typed), null otherwise
 * @param version the stored row's version: a save of a run read at an older version is refused
 *     ({@link ConcurrentRunChange}), so two writers cannot silently overwrite each other
 */
public record CopyRun(
    CopyRunSpec spec,
    CopyRunState state,
    CopyStage stage,
    int attempts,
    long recordsPerSecond,
    long bytesPerSecond,
    List<PassResult> passes,
    Instant startedAt,
    Instant backupStartedAt,
    Instant finishedAt,
    Failure failure,
    long version) {

  public CopyRun {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(state, "state");
    passes = List.copyOf(passes);
  }

  /** A run just accepted. */
  public static CopyRun queued(CopyRunSpec spec) {
    return new CopyRun(spec, CopyRunState.QUEUED, null, 0, spec.recordsPerSecond(), spec.bytesPerSecond(), List.of(),
        null, null, null, null, 0);
  }

  /** The same run as stored at {@code value} (set by the store on every save). */
  CopyRun withVersion(long value) {
    return new CopyRun(spec, state, stage, attempts, recordsPerSecond, bytesPerSecond, passes, startedAt,
        backupStartedAt, finishedAt, failure, value);
  }

  /** Where the run writes: at most one active run per target namespace (see {@link RunScope}). */
  public RunScope scope() {
    return new RunScope(spec.target(), spec.namespace());
  }

  public String id() {
    return spec.id();
  }

  /** True when a step of this kind completed. */
  public boolean completed(CopyStage s) {
    return passes.stream().anyMatch(p -> p.stage() == s && p.complete());
  }

  CopyRun started(Instant now) {
    return new CopyRun(spec, CopyRunState.RUNNING, stage, attempts + 1, recordsPerSecond, bytesPerSecond, passes,
        startedAt == null ? now : startedAt, backupStartedAt, null, null, version);
  }

  CopyRun withStage(CopyStage value) {
    return new CopyRun(spec, state, value, attempts, recordsPerSecond, bytesPerSecond, passes, startedAt,
        backupStartedAt, finishedAt, failure, version);
  }

  CopyRun withBackupStartedAt(Instant value) {
    return new CopyRun(spec, state, stage, attempts, recordsPerSecond, bytesPerSecond, passes, startedAt, value,
        finishedAt, failure, version);
  }

  CopyRun withRateLimits(long records, long bytes) {
    return new CopyRun(spec, state, stage, attempts, records, bytes, passes, startedAt, backupStartedAt, finishedAt,
        failure, version);
  }

  /** Adds a step's result, replacing an earlier result of the same pass and stage (a resumed pass). */
  CopyRun withPass(PassResult result) {
    List<PassResult> out = new ArrayList<>();
    for (PassResult p : passes) {
      if (!(p.pass() == result.pass() && p.stage() == result.stage())) {
        out.add(p);
      }
    }
    out.add(result);
    return new CopyRun(spec, state, stage, attempts, recordsPerSecond, bytesPerSecond, out, startedAt,
        backupStartedAt, finishedAt, failure, version);
  }

  CopyRun ended(CopyRunState value, Failure reason, Instant now) {
    return new CopyRun(spec, value, stage, attempts, recordsPerSecond, bytesPerSecond, passes, startedAt,
        backupStartedAt, now, reason, version);
  }

  CopyRun requeued() {
    return new CopyRun(spec, CopyRunState.QUEUED, stage, attempts, recordsPerSecond, bytesPerSecond, passes, startedAt,
        backupStartedAt, null, null, version);
  }

  /** The last stored pass, or null before the first pass ended. */
  public PassResult lastPass() {
    return passes.isEmpty() ? null : passes.get(passes.size() - 1);
  }

  /**
   * How far the run got by its stored passes (no live engine): 1 when it succeeded, else the share of
   * the last pass's partitions that ended, 0 before any.
   */
  public double fractionDoneByPasses() {
    if (state == CopyRunState.SUCCEEDED) {
      return 1.0;
    }
    PassResult last = lastPass();
    return last == null || last.partitionsTotal() == 0 ? 0.0
        : (double) (last.partitionsDone() + last.partitionsFailed()) / last.partitionsTotal();
  }
}

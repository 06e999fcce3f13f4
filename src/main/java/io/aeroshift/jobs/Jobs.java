package io.aeroshift.jobs;

import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.transfer.CopyProgress;
import io.aeroshift.validation.ValidationEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The job runner's one entry point for the workflow: start a copy or a validation, observe any job
 * by id (state, typed failure, progress), stop it. Jobs are durable (a restart resumes them or ends
 * them with a typed reason), at most one active job of a kind per target namespace (the database
 * refuses a second: {@link ScopeBusy}), and every job has a stall detector (and a validation a
 * deadline). Specs are checked input: the API checks requests before it builds them.
 */
@ApplicationScoped
public class Jobs {

  @Inject CopyRuns copies;
  @Inject ValidationRuns validations;

  /** Starts a copy run in the background; returns its id. @throws ScopeBusy */
  public String startCopy(CopyRunSpec spec) {
    return copies.service().start(spec).id();
  }

  /** Starts a validation run in the background; returns its id. @throws ScopeBusy */
  public String startValidation(ValidationRunSpec spec) {
    return validations.service().start(spec).id();
  }

  /** A job by id, whatever its kind. */
  public Optional<JobView> find(String id) {
    Optional<CopyRunService.Observed> copy = copies.service().find(id);
    if (copy.isPresent()) {
      return copy.map(Jobs::view);
    }
    return validations.service().find(id).map(Jobs::view);
  }

  /** Stops a running job (STOPPED once it has ended). @throws RunNotFound @throws RunStateConflict */
  public void stop(String id) {
    if (copies.service().find(id).isPresent()) {
      copies.service().stop(id);
    } else {
      validations.service().stop(id);
    }
  }

  /**
   * An XDR copy's replication as its last observation saw it: lag, queue, recoveries pending and
   * the readiness verdict (a rewind in progress is not ready; a DC that stopped shipping is
   * BLOCKED with the reason). Empty when the job is not a running XDR copy.
   */
  public Optional<io.aeroshift.transfer.xdr.XdrMonitor.Observation> xdr(String id) {
    return copies.service().xdrObservation(id);
  }

  /** Tears down a running XDR copy after the drain; the job ends SUCCEEDED. @throws RunNotFound @throws RunStateConflict */
  public void finishXdr(String id) {
    copies.service().finishXdr(id);
  }

  static JobView view(CopyRunService.Observed o) {
    CopyRun run = o.run();
    JobState state = switch (run.state()) {
      case QUEUED -> JobState.QUEUED;
      case RUNNING -> JobState.RUNNING;
      case SUCCEEDED -> JobState.SUCCEEDED;
      case FAILED -> JobState.FAILED;
      case STOPPED -> JobState.STOPPED;
    };
    JobProgress progress = o.live().map(l -> {
      CopyProgress p = l.progress();
      return new JobProgress(l.stage().name(), p.records(), p.partitionsDone(), p.partitionsTotal(), p.fractionDone());
    }).orElseGet(() -> {
      if (run.passes().isEmpty()) {
        return new JobProgress(run.stage() == null ? null : run.stage().name(), 0, 0, 0, 0);
      }
      PassResult last = run.lastPass();
      return new JobProgress(last.stage().name(), last.records(), last.partitionsDone(), last.partitionsTotal(),
          run.fractionDoneByPasses());
    });
    return new JobView(run.id(), JobKind.COPY, run.scope(), state, run.failure(), progress, run.attempts(),
        run.startedAt(), run.finishedAt(), null);
  }

  static JobView view(ValidationRunService.Observed o) {
    ValidationRun run = o.run();
    int total = ValidationEngine.allPartitions().size();
    JobState state;
    Failure failure = run.failure();
    switch (run.state()) {
      case RUNNING -> state = JobState.RUNNING;
      case STOPPED -> state = JobState.STOPPED;
      case FAILED -> state = JobState.FAILED;
      default -> {
        int code = run.exitCode() == null ? 2 : run.exitCode();
        state = code == 0 ? JobState.SUCCEEDED : JobState.FAILED;
        if (code == 1) {
          failure = Failure.of(FailureReason.DATA_MISMATCH, "validation found differences (exit code 1)",
              run.finishedAt());
        } else if (code != 0) {
          failure = Failure.of(FailureReason.INCOMPLETE,
              "validation left partitions unvalidated or failed (exit code " + code + ")", run.finishedAt());
        }
      }
    }
    long checked = o.partitionsChecked();
    double fraction = run.state() == ValidationRunState.FINISHED ? 1.0 : Math.min(1.0, (double) checked / total);
    return new JobView(run.id(), JobKind.VALIDATION, run.spec().scope(), state, failure,
        new JobProgress("CHECKSUMS", 0, checked, total, fraction), run.attempts(), run.startedAt(),
        run.finishedAt(), run.exitCode());
  }
}

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
 *
 * <p>The bean is the service's runner for the API. A migration reconciler has a runner of its own
 * ({@link #over}): the same services over the same tables and {@code run_lock}, with the
 * migration's connections, started and resumed by the reconciler that holds the migration's lease
 * ({@link #ensureCopy}, {@link #ensureValidation}).
 */
@ApplicationScoped
public class Jobs implements AutoCloseable {

  @Inject CopyRuns copyRuns;
  @Inject ValidationRuns validationRuns;

  /** Set for a runner of its own ({@link #over}); null for the bean, which uses the service's. */
  private CopyRunService ownCopies;
  private ValidationRunService ownValidations;

  protected Jobs() {}

  /** A runner of its own over these services (a reconciler's, a replica's); {@link #close} closes them. */
  public static Jobs over(CopyRunService copies, ValidationRunService validations) {
    Jobs jobs = new Jobs();
    jobs.ownCopies = copies;
    jobs.ownValidations = validations;
    return jobs;
  }

  private CopyRunService copies() {
    return ownCopies != null ? ownCopies : copyRuns.service();
  }

  private ValidationRunService validations() {
    return ownValidations != null ? ownValidations : validationRuns.service();
  }

  /** Starts a copy run in the background; returns its id. @throws ScopeBusy */
  public String startCopy(CopyRunSpec spec) {
    return copies().start(spec).id();
  }

  /** Starts a validation run in the background; returns its id. @throws ScopeBusy */
  public String startValidation(ValidationRunSpec spec) {
    return validations().start(spec).id();
  }

  /**
   * Starts the copy run of {@code spec} under its id unless done already; idempotent (see
   * {@link CopyRunService#ensure}): a run interrupted elsewhere or stopped resumes here from its
   * checkpoints. @throws ScopeBusy
   */
  public String ensureCopy(CopyRunSpec spec) {
    return copies().ensure(spec).id();
  }

  /** Starts the validation run of {@code spec} under its id unless done already (see {@link ValidationRunService#ensure}). */
  public String ensureValidation(ValidationRunSpec spec) {
    return validations().ensure(spec).id();
  }

  /** A job by id, whatever its kind. */
  public Optional<JobView> find(String id) {
    Optional<CopyRunService.Observed> copy = copies().find(id);
    if (copy.isPresent()) {
      return copy.map(Jobs::view);
    }
    return validations().find(id).map(Jobs::view);
  }

  /** A copy run with its steps and live progress. */
  public Optional<CopyRunService.Observed> copy(String id) {
    return copies().find(id);
  }

  /** Every copy run of migration {@code migration}, as stored, newest first. */
  public java.util.List<CopyRun> copiesOf(String migration) {
    return copies().list().stream().map(CopyRunService.Observed::run)
        .filter(r -> migration.equals(r.spec().migration())).toList();
  }

  /** A validation run as stored, with live progress. */
  public Optional<ValidationRunService.Observed> validation(String id) {
    return validations().find(id);
  }

  /** True when the job's work runs in this runner now (false: ended, or stored active by a runner that stopped). */
  public boolean runsHere(String id) {
    return copies().runsHere(id) || validations().runsHere(id);
  }

  /** Stops a running job (STOPPED once it has ended). @throws RunNotFound @throws RunStateConflict */
  public void stop(String id) {
    if (copies().find(id).isPresent()) {
      copies().stop(id);
    } else {
      validations().stop(id);
    }
  }

  /**
   * Stops the active runs {@code ofJob} names (by run id and namespace) for the reconciler that holds
   * their migration's lease, wherever they were left (see {@link CopyRunService#stopForOwner}): a
   * job this runner did not start (the process restarted, or took the migration over) is stopped
   * too, instead of staying active with its {@code run_lock} held for ever.
   */
  public void stopForOwner(java.util.function.BiPredicate<String, String> ofJob) {
    for (CopyRunService.Observed o : copies().list()) {
      CopyRun r = o.run();
      if (r.state().active() && r.spec().migration() != null && ofJob.test(r.id(), r.spec().namespace())) {
        copies().stopForOwner(r.id());
      }
    }
    for (ValidationRun r : validations().storedRunning()) {
      if (r.spec().migration() != null && ofJob.test(r.id(), r.spec().namespace())) {
        validations().stopForOwner(r.id());
      }
    }
  }

  /**
   * A runner of its own: stops its work without ending the runs (they stay active in the store and
   * are resumed by whoever next holds their migration's lease). The bean's services close with the
   * application.
   */
  @Override
  public void close() {
    if (ownCopies != null) {
      try {
        ownCopies.close();
      } finally {
        ownValidations.close();
      }
    }
  }

  /**
   * An XDR copy's replication as its last observation saw it: lag, queue, recoveries pending and
   * the readiness verdict (a rewind in progress is not ready; a DC that stopped shipping is
   * BLOCKED with the reason). Empty when the job is not a running XDR copy.
   */
  public Optional<io.aeroshift.transfer.xdr.XdrMonitor.Observation> xdr(String id) {
    return copies().xdrObservation(id);
  }

  /** The client a running XDR copy holds to the source (the service's own connections to it); empty otherwise. */
  public Optional<com.aerospike.client.IAerospikeClient> xdrSourceClient(String id) {
    return copies().xdrSourceClient(id);
  }

  /** Tears down a running XDR copy after the drain; the job ends SUCCEEDED. @throws RunNotFound @throws RunStateConflict */
  public void finishXdr(String id) {
    copies().finishXdr(id);
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

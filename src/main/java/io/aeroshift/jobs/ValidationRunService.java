package io.aeroshift.jobs;

import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.validation.AerospikeValidator;
import io.aeroshift.validation.ValidationEngine;
import io.aeroshift.validation.ValidationResult;
import io.aeroshift.validation.ValidationResultStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs validations as durable jobs: a run is stored RUNNING (holding its target namespace's
 * validation lane of {@code run_lock}) before it starts, runs on its own thread, and is stored
 * FINISHED (report in the validation result store, same id), FAILED or STOPPED with a typed
 * failure when it ends. Every run has a deadline and a stall detector, checked by a ticker.
 *
 * <p>Leases and restart: the runner working on a run holds its lease in the store
 * ({@link RunLeasing}), renews it while the run works here and gives it up at shutdown. A run
 * stored RUNNING whose lease is free or has run out was interrupted (its service stopped or died);
 * one another live replica works on is never taken. {@link #resumeInterrupted()} takes it over,
 * marks it FINISHED if its report was stored just before, runs it again under the same id
 * (validation only reads both sides: a second attempt is safe and overwrites the first attempt's
 * partition rows), or, after {@link #MAX_ATTEMPTS}, marks it FAILED with reason INTERRUPTED. A run
 * is never left without an end.
 *
 * <p>No framework in here: {@code ValidationRuns} wires it for the service, tests build it directly.
 */
public final class ValidationRunService implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ValidationRunService.class);

  /** Attempts of a run interrupted by restarts before it fails INTERRUPTED. */
  public static final int MAX_ATTEMPTS = 3;

  /** Connects a run's validator, writing into {@code into}; a {@link RunFailedException} names what failed. */
  public interface Validators {
    AerospikeValidator open(ValidationRunSpec spec, ValidationResultStore into);

    /**
     * Called before partitions that differed are re-checked; answers the re-check's cut-off. A
     * one-off run has no catch-up pass to wait for: it re-checks at once. A migration's run first
     * lets a catch-up pass copy what clients wrote since the last one (docs/validation.md).
     */
    default Instant beforeRecheck(ValidationRunSpec spec, Instant now) {
      return now;
    }
  }

  /**
   * A run with what it is doing now.
   *
   * @param partitionsChecked distinct partitions with a result so far (live while it runs here)
   */
  public record Observed(ValidationRun run, long partitionsChecked) {}

  private final ValidationRunStore runs;
  private final ValidationResultStore results;
  private final Validators validators;
  private final Clock clock;
  private final Duration deadline;
  private final Duration stallLimit;
  private final Map<String, Runner> active = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "validation-run");
    t.setDaemon(true);
    return t;
  });
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "validation-run-watch");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param deadline longest a run may take (one attempt) before it fails DEADLINE_EXCEEDED
   * @param stallLimit longest a run may go without a partition checked before it fails STALLED (0 = never)
   * @param tick how often deadlines and stalls are checked
   */
  public ValidationRunService(ValidationRunStore runs, ValidationResultStore results, Validators validators,
      Clock clock, Duration deadline, Duration stallLimit, Duration tick) {
    this.runs = runs;
    this.results = results;
    this.validators = validators;
    this.clock = clock;
    this.deadline = deadline;
    this.stallLimit = stallLimit;
    ticker.scheduleAtFixedRate(this::watch, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    long renew = runs.leases().leaseTerms().renewEvery().toMillis();
    ticker.scheduleAtFixedRate(this::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
  }

  /**
   * Stores the run RUNNING and starts it in the background.
   *
   * @throws ScopeBusy when another validation is active in the same target namespace (nothing stored)
   */
  public ValidationRun start(ValidationRunSpec spec) {
    ValidationRun run = runs.save(ValidationRun.started(spec, clock.instant()));
    launch(run);
    return run;
  }

  public Optional<Observed> find(String id) {
    return runs.find(id).map(r -> {
      Runner live = active.get(id);
      return new Observed(r, live != null ? live.counting.checked() : r.partitionsChecked());
    });
  }

  /** The run once it has ended, waiting at most {@code max}; empty while it still runs (or is unknown). */
  public Optional<ValidationRun> awaitEnd(String id, Duration max) {
    Runner r = active.get(id);
    if (r != null) {
      try {
        r.ended.get(max.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      } catch (ExecutionException e) {
        // the run's end is stored whatever happened; read it below
      }
    }
    return runs.find(id).filter(run -> !run.state().active());
  }

  /** Stops a running run: STOPPED once its thread has ended; no report is stored. */
  public ValidationRun stop(String id) {
    ValidationRun run = runs.find(id).orElseThrow(() -> new RunNotFound(JobKind.VALIDATION, id));
    Runner r = active.get(id);
    if (r == null) {
      throw new RunStateConflict("validation run " + id + " is " + run.state() + ", not running here");
    }
    r.halt(Failure.of(FailureReason.STOPPED, "stopped on request", clock.instant()), true);
    return awaitEnd(id, Duration.ofSeconds(30)).orElse(run);
  }

  /**
   * Stops the run for the reconciler of the migration that owns it, wherever it was left, as
   * {@link CopyRunService#stopForOwner} does: running here, as {@link #stop}; stored RUNNING with no
   * runner here, saved STOPPED under a lease taken from whoever held it (its {@code run_lock} is
   * released). A final run is left as it is.
   */
  public synchronized ValidationRun stopForOwner(String id) {
    ValidationRun run = runs.find(id).orElseThrow(() -> new RunNotFound(JobKind.VALIDATION, id));
    if (active.containsKey(id)) {
      return stop(id);
    }
    if (!run.state().active()) {
      return run;
    }
    runs.leases().lease(id);
    Instant now = clock.instant();
    ValidationRun current = runs.find(id).orElseThrow(() -> new RunNotFound(JobKind.VALIDATION, id));
    LOG.infof("validation run %s: stopped by its migration while no runner worked on it", id);
    return save(current.ended(ValidationRunState.STOPPED, Failure.of(FailureReason.STOPPED,
        "stopped by its migration while no runner worked on it", now), current.partitionsChecked(), now));
  }

  /**
   * Takes over and ends or restarts every run the store holds RUNNING whose lease is free or has
   * run out: it was interrupted (its service stopped or died). A run another live runner holds is
   * left to it. Runs a migration owns are left to its reconciler ({@link #ensure}).
   */
  public int resumeInterrupted() {
    return resumeInterrupted(false);
  }

  /** As {@link CopyRunService#resumeInterrupted(boolean)}: {@code evenIfLeased} for a store only this process opens. */
  public synchronized int resumeInterrupted(boolean evenIfLeased) {
    int n = 0;
    for (ValidationRun run : runs.takeOver(r -> r.spec().migration() == null, evenIfLeased)) {
      if (active.containsKey(run.id())) {
        continue;
      }
      n++;
      resumeInterrupted(run);
    }
    return n;
  }

  /** Looks for runs to take over as often as it renews its leases, as {@link CopyRunService#takeOverEvery()} does. */
  public void takeOverEvery() {
    Duration period = runs.leases().leaseTerms().renewEvery();
    ticker.scheduleWithFixedDelay(() -> {
      try {
        resumeInterrupted(false);
      } catch (RuntimeException e) {
        LOG.warnf("looking for validation runs to take over failed: %s; trying again in %s", e.getMessage(), period);
      }
    }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Heartbeat: extends the leases of the runs working here; one taken over by another runner stops here. */
  private void renewLeases() {
    try {
      for (String id : runs.leases().renewLeases(List.copyOf(active.keySet()))) {
        Runner r = active.get(id);
        if (r != null) {
          LOG.infof("validation run %s: this runner no longer holds its lease (taken over, or ended meanwhile); its work"
              + " here stops", id);
          r.halt(null, false);
        }
      }
    } catch (RuntimeException e) {
      LOG.warnf("renewing the leases of validation runs failed: %s", e.getMessage());
    }
  }

  /**
   * Starts the run of {@code spec} under its id unless that is already done: a run unknown to the
   * store is stored and started; one stored RUNNING that does not run here (its service stopped or
   * died; the caller holds the lease that makes it the run's only owner) is treated as interrupted
   * (finished if its report is stored, else run again, or FAILED INTERRUPTED after
   * {@link #MAX_ATTEMPTS}); a STOPPED one is run again; any other is left as it is.
   *
   * @throws ScopeBusy when a new run's target namespace has another active validation
   */
  public synchronized ValidationRun ensure(ValidationRunSpec spec) {
    Optional<ValidationRun> stored = runs.find(spec.id());
    if (stored.isEmpty()) {
      return start(spec);
    }
    ValidationRun run = stored.get();
    if (active.containsKey(run.id())) {
      return run;
    }
    if (run.state() == ValidationRunState.RUNNING) {
      runs.leases().lease(run.id());
      resumeInterrupted(run);
    } else if (run.state() == ValidationRunState.STOPPED) {
      launch(save(run.again(clock.instant())));
    }
    return runs.find(spec.id()).orElseThrow();
  }

  /** True when the run's work runs in this service now. */
  public boolean runsHere(String id) {
    return active.containsKey(id);
  }

  private void resumeInterrupted(ValidationRun run) {
    Optional<ValidationResultStore.StoredRun> report = results.run(run.id());
    Instant now = clock.instant();
    if (report.isPresent()) {
      LOG.infof("validation run %s was RUNNING when its service stopped but its report is stored: FINISHED", run.id());
      save(run.finished(report.get().result().exitCode(), report.get().result().partitions().size(), now));
    } else if (run.attempts() >= MAX_ATTEMPTS) {
      save(run.ended(ValidationRunState.FAILED, Failure.of(FailureReason.INTERRUPTED, "interrupted by "
          + run.attempts() + " stops of the service; not run again", now), run.partitionsChecked(), now));
      LOG.warnf("validation run %s interrupted %d times: FAILED", run.id(), run.attempts());
    } else {
      LOG.infof("validation run %s was RUNNING when its service stopped: running it again (attempt %d)", run.id(),
          run.attempts() + 1);
      launch(save(run.again(now)));
    }
  }

  private ValidationRun save(ValidationRun run) {
    return runs.save(run);
  }

  private void launch(ValidationRun run) {
    Runner r = new Runner(run);
    active.put(run.id(), r);
    try {
      r.future = threads.submit(r);
    } catch (RuntimeException e) {
      active.remove(run.id());
      throw e;
    }
  }

  private void watch() {
    Instant now = clock.instant();
    for (Runner r : active.values()) {
      try {
        r.watch(now);
      } catch (RuntimeException e) {
        LOG.debugf("watching validation run %s failed: %s", r.id, e.getMessage());
      }
    }
  }

  /** Service shutdown: halts every run without ending it, so the next start finds it RUNNING. */
  @Override
  public void close() {
    ticker.shutdownNow();
    // taken before the runs are halted: a run that ends meanwhile leaves the active map, and its
    // lease would otherwise stay until it ran out, delaying the next start's resume by the lease
    List<String> leased = List.copyOf(active.keySet());
    for (Runner r : active.values()) {
      r.halt(null, false);
    }
    threads.shutdown();
    try {
      threads.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      runs.leases().releaseLeases(leased); // the next start (here or another replica) runs them again at once
    } catch (RuntimeException e) {
      LOG.warnf("releasing the leases of validation runs failed (taken over once they run out): %s", e.getMessage());
    }
  }

  /** One attempt of one run, on its own thread. */
  private final class Runner implements Runnable {
    final String id;
    final ValidationRunSpec spec;
    final Instant startedAt;
    final CountingStore counting = new CountingStore(results);
    final StallDetector stall = new StallDetector(stallLimit);
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    volatile Future<?> future;
    volatile AerospikeValidator validator;
    /** Why the run was halted (null: service shutdown, the run stays RUNNING). */
    volatile Failure haltedBy;
    volatile boolean halted;
    volatile boolean stopRequested;

    Runner(ValidationRun run) {
      this.id = run.id();
      this.spec = run.spec();
      this.startedAt = run.startedAt();
    }

    void watch(Instant now) {
      if (halted) {
        return;
      }
      if (!deadline.isZero() && now.isAfter(startedAt.plus(deadline))) {
        halt(Failure.of(FailureReason.DEADLINE_EXCEEDED, "validation of " + spec.storedScope() + " did not finish within "
            + deadline + " (aeroshift.validation.timeout); " + counting.checked() + " partitions checked", now), false);
      } else if (stall.stalled(progressMark(), now)) {
        halt(Failure.of(FailureReason.STALLED, "no record read and no partition checked for " + stall.idle(now)
            + " (limit " + stall.limit() + "); " + counting.checked() + " partitions checked", now), false);
      }
    }

    /**
     * Partitions checked plus records read: a partition's result comes only once its batch of
     * ranges has been read, a sixteenth of the run or more into it, while records stream all along.
     */
    private long progressMark() {
      AerospikeValidator v = validator;
      return counting.checked() + (v == null ? 0 : v.recordsRead());
    }

    synchronized void halt(Failure why, boolean onRequest) {
      if (halted) {
        return;
      }
      halted = true;
      haltedBy = why;
      stopRequested = onRequest;
      counting.halt();
      Future<?> f = future;
      if (f != null) {
        f.cancel(true);
      }
      AerospikeValidator v = validator;
      if (v != null) {
        v.close();
      }
    }

    @Override
    public void run() {
      MDC.put("cluster", spec.source());
      MDC.put("migration", id);
      try {
        ValidationResult result = validate();
        end(result, null);
      } catch (RunFailedException e) {
        end(null, e.failure());
      } catch (RuntimeException e) {
        LOG.debugf(e, "validation run %s ended by an exception", id);
        end(null, Failure.of(FailureReason.INTERNAL, e.getMessage() == null ? e.getClass().getSimpleName()
            : e.getMessage(), clock.instant()));
      } finally {
        AerospikeValidator v = validator;
        if (v != null) {
          v.close();
        }
        active.remove(id);
        ended.complete(null);
        MDC.remove("cluster");
        MDC.remove("migration");
      }
    }

    private ValidationResult validate() {
      AerospikeValidator v = validators.open(spec, counting);
      validator = v;
      if (halted) {
        v.close();
        throw new IllegalStateException("halted before it started");
      }
      ValidationResult r = v.validate(id, spec.namespace(), clock.instant(), ValidationEngine.allPartitions());
      // Differing partitions are re-checked once, so what still differs is declared MISMATCH.
      return r.summary().pendingRecheckPartitions() > 0 && !halted
          ? v.recheck(r, validators.beforeRecheck(spec, clock.instant())) : r;
    }

    private void end(ValidationResult result, Failure failure) {
      Instant now = clock.instant();
      // the report is the truth: a run whose report got stored has finished, whatever came after
      Optional<ValidationResult> report = result != null && !halted ? Optional.of(result)
          : results.run(id).map(ValidationResultStore.StoredRun::result);
      if (report.isEmpty() && halted && haltedBy == null) {
        LOG.infof("validation run %s interrupted by the service stopping; run again at the next start", id);
        return;
      }
      ValidationRun current = runs.find(id).orElseThrow(() -> new IllegalStateException(
          "validation run " + id + " vanished from the store"));
      ValidationRun next;
      if (report.isPresent()) {
        ValidationResult r = report.get();
        next = current.finished(r.exitCode(), r.partitions().size(), now);
        LOG.infof("validation %s of %s finished: exit code %d, %s", id, spec.storedScope(), r.exitCode(), r.summary());
      } else {
        Failure why = halted ? haltedBy : failure;
        next = current.ended(stopRequested ? ValidationRunState.STOPPED : ValidationRunState.FAILED, why,
            counting.checked(), now);
        LOG.warnf("validation %s of %s %s: %s", id, spec.storedScope(), next.state(), why.describe());
      }
      try {
        save(next);
      } catch (RunLeaseLost e) {
        LOG.warnf("validation run %s: %s; its end here is not saved", id, e.getMessage());
      }
    }
  }

  /** Every run stored RUNNING, wherever it works (or does not), oldest first. */
  public List<ValidationRun> storedRunning() {
    return runs.inState(ValidationRunState.RUNNING);
  }

  /** Every run this service runs now (ids). */
  List<String> running() {
    return List.copyOf(active.keySet());
  }
}

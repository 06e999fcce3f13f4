package io.aeroshift.cutover;

import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.transfer.PassSummary;
import io.aeroshift.transfer.WriteMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The drain after the switch: catch-up passes with the after-switch rules, one after another,
 * while the source's write counters and client connections are watched; once the source has been
 * quiet for the quiet period and a complete pass started after it went quiet, a closing delete
 * reconciliation removes from the target what clients deleted on the source before leaving.
 *
 * <p>Never unbounded: the drain fails with {@code DEADLINE_EXCEEDED} (residual writers named) when
 * the source is not quiet by {@code maxDuration}, and with {@code INCOMPLETE} after
 * {@code maxIncompletePasses} passes in a row that left partitions failed. Restarting a drain with
 * the same write mode resumes it: the engines resume their unfinished pass and the quiet period
 * starts again (the service cannot vouch for the time it was down).
 */
public final class Drain {

  /** What the drain shows while it runs. */
  public interface Listener {
    /** After every sample: the residual writers now (empty when quiet). */
    default void blockers(List<ResidualWriter> blockers, Instant quietSince) {}

    /** After every catch-up pass of one scope. */
    default void passFinished(PassSummary summary) {}
  }

  /**
   * @param quietPeriod the plan's {@code cutover.drainQuietPeriodSeconds}
   * @param maxDuration the longest the drain may wait for the source to go quiet
   * @param pause the pause between two rounds of passes (pacing; the passes themselves take time)
   * @param maxIncompletePasses rounds in a row with failed partitions before the drain gives up
   */
  public record Settings(Duration quietPeriod, Duration maxDuration, Duration pause, int maxIncompletePasses) {}

  private final List<DeltaScope> scopes;
  private final SourceActivityProbe probe;
  private final Settings settings;
  private final Clock clock;
  private final AtomicReference<List<ResidualWriter>> blockers = new AtomicReference<>(List.of());
  private volatile boolean stopped;

  public Drain(List<DeltaScope> scopes, SourceActivityProbe probe, Settings settings, Clock clock) {
    this.scopes = List.copyOf(scopes);
    this.probe = probe;
    this.settings = settings;
    this.clock = clock;
  }

  /** The residual writers of the latest sample. */
  public List<ResidualWriter> blockers() {
    return blockers.get();
  }

  /** Ends the drain at its next step (the running pass is stopped, its checkpoints kept). */
  public void stop() {
    stopped = true;
    scopes.forEach(s -> s.engine().stop());
  }

  public DrainResult run(WriteMode mode, Listener listener) {
    if (!mode.afterSwitch()) {
      throw new IllegalArgumentException("the drain runs after the switch: it needs the after-switch write mode");
    }
    Instant deadline = clock.instant().plus(settings.maxDuration());
    DrainWatch watch = new DrainWatch();
    long records = 0, conflicts = 0, inDoubt = 0;
    int passes = 0, incompleteRounds = 0;
    while (true) {
      Instant roundStart = clock.instant();
      boolean complete = true;
      for (DeltaScope s : scopes) {
        checkStopped();
        PassSummary p = s.engine().catchUp(s.namespace(), s.set(), mode, 0);
        passes++;
        listener.passFinished(p);
        complete &= p.complete();
        if (p.complete()) {
          records += p.records();
          conflicts += p.conflicts();
          inDoubt += p.inDoubt();
        }
      }
      checkStopped();
      incompleteRounds = complete ? 0 : incompleteRounds + 1;
      if (incompleteRounds >= settings.maxIncompletePasses()) {
        throw new DrainFailedException(Failure.of(FailureReason.INCOMPLETE, incompleteRounds
            + " drain rounds in a row left partitions failed; the engines keep their checkpoints", clock.instant()),
            blockers.get());
      }
      DrainWatch.Status status = watch.observe(probe.sample());
      blockers.set(status.blockers());
      listener.blockers(status.blockers(), status.quietSince());
      Instant now = clock.instant();
      if (complete && status.quietSince() != null && !roundStart.isBefore(status.quietSince())
          && status.quietFor(now).compareTo(settings.quietPeriod()) >= 0) {
        long deleted = 0;
        for (DeltaScope s : scopes) {
          checkStopped();
          PassSummary r = s.engine().reconcile(s.namespace(), s.set(), mode);
          if (!r.complete()) {
            throw new DrainFailedException(Failure.of(FailureReason.INCOMPLETE, "the closing reconciliation of "
                + s.namespace() + " left " + r.failures().size() + " partition(s) failed; run the drain again",
                clock.instant()), List.of());
          }
          deleted += r.deleted();
          conflicts += r.conflicts();
          inDoubt += r.inDoubt();
        }
        return new DrainResult(records, conflicts, deleted, inDoubt, passes, status.quietSince(), clock.instant());
      }
      if (!now.isBefore(deadline)) {
        throw new DrainFailedException(Failure.of(FailureReason.DEADLINE_EXCEEDED, "the source was not quiet for "
            + settings.quietPeriod() + " within " + settings.maxDuration() + "; residual writers: "
            + status.blockers(), now), status.blockers());
      }
      LockSupport.parkNanos(settings.pause().toNanos());
    }
  }

  private void checkStopped() {
    if (stopped || Thread.currentThread().isInterrupted()) {
      throw new DrainFailedException(Failure.of(FailureReason.STOPPED, "the drain was stopped; its passes resume",
          clock.instant()), blockers.get());
    }
  }
}

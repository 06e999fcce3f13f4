package io.aeroshift.cutover;

import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.transfer.PassSummary;
import io.aeroshift.transfer.WriteMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The cutover of one migration without a write freeze, in the order that keeps every client write:
 * final delta passes (writes replace; clients still use only the source) until one is short enough
 * for the lag threshold; the switch instant, handed to the caller to store before any client is
 * touched (the point of no return); the client switch; the drain with the after-switch rules.
 *
 * <p>Each step is its own method so the workflow can run them one per phase and resume after a
 * restart: {@link #finalDelta}, {@link #switchClients} (idempotent for the same instant),
 * {@link #drain} (resumes the engines' passes).
 */
public final class Cutover {

  /** What the cutover tells its caller. */
  public interface Listener extends Drain.Listener {
    /**
     * The point of no return. Must have stored {@code switchAt} durably when it returns: after a
     * restart every pass uses the after-switch rules of that instant. Throwing cancels the switch.
     */
    void pointOfNoReturn(Instant switchAt);

    /** The clients use the target. */
    default void switched(SwitchReceipt receipt) {}
  }

  /**
   * @param maxLag the plan's {@code cutover.maxLagSeconds}: a delta pass this short or shorter
   *     leaves that much of source writes, at most, for the drain
   * @param maxDeltaPasses final delta passes tried before the lag check fails
   * @param switchTimeout how long the switch may take (rollouts, webhook retries, a manual confirmation)
   * @param drain the drain's settings
   */
  public record Settings(Duration maxLag, int maxDeltaPasses, Duration switchTimeout, Drain.Settings drain) {}

  private final String migrationId;
  private final List<DeltaScope> scopes;
  private final ClientSwitch clientSwitch;
  private final SourceActivityProbe probe;
  private final Settings settings;
  private final Clock clock;
  private volatile Drain drain;

  public Cutover(String migrationId, List<DeltaScope> scopes, ClientSwitch clientSwitch, SourceActivityProbe probe,
      Settings settings, Clock clock) {
    this.migrationId = migrationId;
    this.scopes = List.copyOf(scopes);
    this.clientSwitch = clientSwitch;
    this.probe = probe;
    this.settings = settings;
    this.clock = clock;
  }

  /** Runs every step: final delta, point of no return, switch, drain. */
  public CutoverReport run(List<String> sourceSeeds, List<String> targetSeeds, Listener listener) {
    finalDelta();
    Instant switchAt = clock.instant();
    listener.pointOfNoReturn(switchAt);
    SwitchReceipt receipt = switchClients(switchAt, sourceSeeds, targetSeeds);
    listener.switched(receipt);
    DrainResult drained = drain(switchAt, listener);
    return report(switchAt, receipt, drained, null);
  }

  /**
   * Catch-up passes with writes flowing (clients still on the source, so copy writes replace)
   * until one took no longer than the lag threshold; fails with {@code STALLED} after
   * {@code maxDeltaPasses} passes that did not.
   */
  public Duration finalDelta() {
    return finalDelta(WriteMode.replace());
  }

  /**
   * The final delta with a given write mode: the workflow stores the switch instant before this
   * step (its point of no return) and so passes that instant's after-switch rules, which replace
   * what the engine itself wrote and leave alone any target record a client wrote.
   */
  public Duration finalDelta(WriteMode mode) {
    Duration longest = Duration.ZERO;
    for (int attempt = 1; attempt <= settings.maxDeltaPasses(); attempt++) {
      longest = Duration.ZERO;
      boolean complete = true;
      for (DeltaScope s : scopes) {
        PassSummary p = s.engine().catchUp(s.namespace(), s.set(), mode, 0);
        complete &= p.complete();
        longest = longest.compareTo(p.duration()) < 0 ? p.duration() : longest;
      }
      if (complete && longest.compareTo(settings.maxLag()) <= 0) {
        return longest;
      }
    }
    throw new LagCheckFailedException(Failure.of(FailureReason.STALLED, settings.maxDeltaPasses()
        + " final delta passes did not get the lag under " + settings.maxLag() + " (last pass took " + longest
        + "); nothing was switched", clock.instant()));
  }

  /** The switch to the target for a stored switch instant; safe to call again after a restart. */
  public SwitchReceipt switchClients(Instant switchAt, List<String> sourceSeeds, List<String> targetSeeds) {
    return clientSwitch.switchClients(new SwitchRequest(migrationId, SwitchRequest.Direction.TO_TARGET, sourceSeeds,
        targetSeeds, switchAt), settings.switchTimeout());
  }

  /** The drain for a stored switch instant; resumes the engines' passes after a restart. */
  public DrainResult drain(Instant switchAt, Drain.Listener listener) {
    Drain d = new Drain(scopes, probe, settings.drain(), clock);
    drain = d;
    return d.run(WriteMode.afterSwitch(switchAt), listener);
  }

  /** The residual writers the running drain sees (empty before it runs). */
  public List<ResidualWriter> blockers() {
    Drain d = drain;
    return d == null ? List.of() : d.blockers();
  }

  /** Stops the running drain (its passes resume later). */
  public void stop() {
    Drain d = drain;
    if (d != null) {
      d.stop();
    }
  }

  public CutoverReport report(Instant switchAt, SwitchReceipt receipt, DrainResult drained, String finalValidationId) {
    return new CutoverReport(migrationId, switchAt, receipt.method(), receipt.detail(), receipt.finishedAt(),
        drained.recordsDrained(), drained.conflicts(), drained.deleted(), drained.inDoubt(), drained.quietSince(),
        finalValidationId, clock.instant());
  }
}

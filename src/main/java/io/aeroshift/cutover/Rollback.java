package io.aeroshift.cutover;

import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.transfer.PassKind;
import io.aeroshift.transfer.PassRecord;
import io.aeroshift.transfer.PassSummary;
import io.aeroshift.transfer.WriteMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Undoes a cutover without a write freeze, mirroring it: a last forward pass and delete
 * reconciliation (after-switch rules of the cutover) so the target holds the source's residual
 * writes and deletes; the switch-back instant, handed to
 * the caller to store before any client is touched; the clients switched back by the same method;
 * then the reverse copy of every target record written since the cutover's switch, with the
 * after-switch rules of the switch back, so a client write on the source since the switch back is
 * never undone.
 *
 * <p>The reverse copy is a catch-up pass of an engine reading the target and writing the source,
 * whose baseline is "the source as of the cutover's switch": a finished pass recorded at the
 * cutover's switch instant, so the catch-up copies what the target's last-update time puts at or
 * after it (minus the engine's skew margin).
 */
public final class Rollback {

  /** What the rollback tells its caller. */
  public interface Listener {
    /** Must have stored {@code switchBackAt} durably when it returns (the point of no return). */
    void pointOfNoReturn(Instant switchBackAt);

    /** The clients use the source again. */
    default void switched(SwitchReceipt receipt) {}
  }

  private final String migrationId;
  private final List<DeltaScope> forward;
  private final List<ReverseScope> reverse;
  private final ClientSwitch clientSwitch;
  private final Duration switchTimeout;
  private final Clock clock;

  public Rollback(String migrationId, List<DeltaScope> forward, List<ReverseScope> reverse, ClientSwitch clientSwitch,
      Duration switchTimeout, Clock clock) {
    this.migrationId = migrationId;
    this.forward = List.copyOf(forward);
    this.reverse = List.copyOf(reverse);
    this.clientSwitch = clientSwitch;
    this.switchTimeout = switchTimeout;
    this.clock = clock;
  }

  public RollbackReport run(Instant cutoverSwitchAt, List<String> sourceSeeds, List<String> targetSeeds,
      Listener listener) {
    lastForward(cutoverSwitchAt);
    Instant switchBackAt = clock.instant();
    listener.pointOfNoReturn(switchBackAt);
    SwitchReceipt receipt = switchBack(switchBackAt, sourceSeeds, targetSeeds);
    listener.switched(receipt);
    return copyBack(cutoverSwitchAt, switchBackAt, receipt);
  }

  /**
   * The last forward pass and delete reconciliation with the cutover's after-switch rules, so the
   * target holds the source's residual writes and deletes before the copy back; safe to run again.
   */
  public void lastForward(Instant cutoverSwitchAt) {
    WriteMode forwardMode = WriteMode.afterSwitch(cutoverSwitchAt);
    for (DeltaScope s : forward) {
      requireComplete(s.engine().catchUp(s.namespace(), s.set(), forwardMode, 0), "last forward pass");
      // what clients deleted on the source since the switch must leave the target too, or the copy
      // back would bring it back to the source
      requireComplete(s.engine().reconcile(s.namespace(), s.set(), forwardMode), "last forward reconciliation");
    }
  }

  /** The switch back for a stored instant; safe to call again after a restart. */
  public SwitchReceipt switchBack(Instant switchBackAt, List<String> sourceSeeds, List<String> targetSeeds) {
    return clientSwitch.switchClients(new SwitchRequest(migrationId, SwitchRequest.Direction.BACK_TO_SOURCE,
        targetSeeds, sourceSeeds, switchBackAt), switchTimeout);
  }

  /** The reverse copy for stored instants; resumes its passes after a restart. */
  public RollbackReport copyBack(Instant cutoverSwitchAt, Instant switchBackAt, SwitchReceipt receipt) {
    WriteMode backMode = WriteMode.afterSwitch(switchBackAt);
    long copied = 0, conflicts = 0, inDoubt = 0;
    for (ReverseScope r : reverse) {
      if (r.store().passes(r.reverseMigrationId()).isEmpty()) {
        r.store().savePass(new PassRecord(r.reverseMigrationId(), 1, PassKind.FULL, r.namespace(), r.set(), 0,
            cutoverSwitchAt, cutoverSwitchAt));
      }
      PassSummary p = requireComplete(r.engine().catchUp(r.namespace(), r.set(), backMode, 0), "reverse copy");
      copied += p.records();
      conflicts += p.conflicts();
      inDoubt += p.inDoubt();
    }
    return new RollbackReport(migrationId, cutoverSwitchAt, switchBackAt, receipt.method(), receipt.detail(), copied,
        conflicts, inDoubt, null, clock.instant());
  }

  private PassSummary requireComplete(PassSummary p, String what) {
    if (!p.complete()) {
      throw new DrainFailedException(Failure.of(p.stopped() ? FailureReason.STOPPED : FailureReason.INCOMPLETE,
          "the " + what + " of " + p.kind() + " pass " + p.pass() + " left " + p.failures().size()
              + " partition(s) failed" + (p.stopped() ? " (stopped)" : "") + "; it resumes when run again",
          clock.instant()), List.of());
    }
    return p;
  }
}

package io.aeroshift.workflow.machine;

import io.aeroshift.cutover.CutoverReport;
import io.aeroshift.cutover.RollbackReport;
import io.aeroshift.cutover.SwitchReceipt;
import java.time.Instant;
import java.util.List;

/**
 * What a migration keeps of its cutover besides the switch instant ({@link Migration#switchedAt}):
 * the rollback's own point of no return, the engineers' switch confirmations (method
 * {@code manual}), the residual writers the drain last saw and the reports.
 *
 * @param switchBackAt the rollback's switch instant, stored before any client is moved back; null before
 * @param switchConfirmedBy who confirmed that the clients use the target (manual method), else null
 * @param switchBackConfirmedBy who confirmed that the clients use the source again (manual rollback), else null
 * @param residualWriters the source's residual writers as the running drain last saw them
 * @param report the finished cutover's report (COMPLETED, or a drain whose final validation failed)
 * @param rollback the finished rollback's report (ROLLED_BACK)
 * @param switched how the clients were moved to the target (the client switch's receipt), null before
 */
public record CutoverState(Instant switchBackAt, String switchConfirmedBy, String switchBackConfirmedBy,
    List<CutoverBlocker> residualWriters, CutoverReport report, RollbackReport rollback, SwitchReceipt switched) {

  public static final CutoverState NONE = new CutoverState(null, null, null, List.of(), null, null, null);

  public CutoverState {
    residualWriters = residualWriters == null ? List.of() : List.copyOf(residualWriters);
  }

  CutoverState withSwitchBackAt(Instant value) {
    return new CutoverState(value, switchConfirmedBy, switchBackConfirmedBy, residualWriters, report, rollback,
        switched);
  }

  CutoverState withConfirmation(boolean back, String by) {
    return back ? new CutoverState(switchBackAt, switchConfirmedBy, by, residualWriters, report, rollback, switched)
        : new CutoverState(switchBackAt, by, switchBackConfirmedBy, residualWriters, report, rollback, switched);
  }

  CutoverState withResidualWriters(List<CutoverBlocker> value) {
    return new CutoverState(switchBackAt, switchConfirmedBy, switchBackConfirmedBy, value, report, rollback, switched);
  }

  CutoverState withReport(CutoverReport value) {
    return new CutoverState(switchBackAt, switchConfirmedBy, switchBackConfirmedBy, residualWriters, value, rollback,
        switched);
  }

  CutoverState withSwitched(SwitchReceipt value) {
    return new CutoverState(switchBackAt, switchConfirmedBy, switchBackConfirmedBy, residualWriters, report, rollback,
        value);
  }

  CutoverState withRollback(RollbackReport value) {
    return new CutoverState(switchBackAt, switchConfirmedBy, switchBackConfirmedBy, residualWriters, report, value,
        switched);
  }
}

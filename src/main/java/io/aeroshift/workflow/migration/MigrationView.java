package io.aeroshift.workflow.migration;

import io.aeroshift.cutover.CutoverReport;
import io.aeroshift.cutover.RollbackReport;
import io.aeroshift.outcome.Failure;
import io.aeroshift.workflow.machine.Approval;
import io.aeroshift.workflow.machine.CutoverBlocker;
import io.aeroshift.workflow.machine.Progress;
import java.time.Instant;
import java.util.List;

/**
 * A migration as the API, the dashboard and the meters read it ({@code GET /api/v1/migrations}).
 *
 * @param lagSeconds the last catch-up pass's lag, null before the first
 * @param lastValidation the latest finished validation, or null
 * @param approval the approval in force with its evidence, or null
 * @param canCutover true when {@code cutoverBlockers} is empty
 * @param acceptedCommands what the phase accepts now
 * @param resumeTo PAUSED/FAILED: the phase resume/retry returns to
 * @param failure FAILED: why
 * @param cutoverBlockers before the cutover: why it may not start; while DRAINING: the source's
 *     residual writers (reason RESIDUAL_WRITER: node, writes per second, connections)
 * @param switchedAt the client switch's instant (the point of no return), null before the cutover
 * @param switchBackAt the rollback's switch instant, null unless rolling back
 * @param cutover the cutover report (switch instant, records drained, conflicts left alone, final
 *     validation id), null until the drain finished
 * @param rollback the rollback report, null until ROLLED_BACK
 */
public record MigrationView(
    String id,
    String plan,
    String source,
    String team,
    String wave,
    String phase,
    Progress progress,
    Long lagSeconds,
    LastValidation lastValidation,
    Approval approval,
    boolean canCutover,
    List<CutoverBlocker> cutoverBlockers,
    List<String> acceptedCommands,
    String resumeTo,
    Failure failure,
    int attempt,
    int catchUpPasses,
    List<String> targetEndpoints,
    Instant phaseSince,
    Instant nextCheckAt,
    String createdBy,
    Instant createdAt,
    Instant switchedAt,
    Instant switchBackAt,
    CutoverReport cutover,
    RollbackReport rollback) {

  /** The latest validation: {@code outcome} is passed or failed. */
  public record LastValidation(String id, String outcome, Instant at, long sourceRecords, long targetRecords,
      long differences) {}
}

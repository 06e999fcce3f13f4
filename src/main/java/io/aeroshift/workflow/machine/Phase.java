package io.aeroshift.workflow.machine;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a migration is. Each constant says which phases may follow and which commands it accepts
 * (as Strimzi's {@code KafkaRebalanceState} does); {@link PhaseMachine#step} moves only along
 * these edges, and the unit tests check every one.
 */
public enum Phase {
  /** Created from a plan; waits for {@code start} or its wave. Next: PROVISIONING, ABORTED. */
  PLANNED,
  /** The target AerospikeCluster is applied; waits until AKO reports it ready. Next: COPYING, PAUSED, FAILED, ABORTED. */
  PROVISIONING,
  /** The full copy runs (resumed from its checkpoints after a restart). Next: CATCHING_UP, PAUSED, FAILED, ABORTED. */
  COPYING,
  /** Delta passes until the delta and its duration are under {@code cutover.maxLagSeconds}. Next: VALIDATING, PAUSED, FAILED, ABORTED. */
  CATCHING_UP,
  /** A full validation with the plan's suite. Next: AWAITING_APPROVAL, PAUSED, FAILED, ABORTED. */
  VALIDATING,
  /** The evidence waits for an owner of the team. Next: APPROVED, VALIDATING (evidence stale or a later validation failed), PAUSED, FAILED (rejected), ABORTED. */
  AWAITING_APPROVAL,
  /** Approved with its evidence; waits for {@code cutover}. Next: CUTTING_OVER, VALIDATING (approval void), PAUSED, FAILED (rejected), ABORTED. */
  APPROVED,
  /** The point of no return, stored before any client is touched: clients are switched. Next: DRAINING, ROLLING_BACK, FAILED. */
  CUTTING_OVER,
  /** Source to target sync until the source stays quiet. Next: COMPLETED, ROLLING_BACK, FAILED. */
  DRAINING,
  /** Done. */
  COMPLETED,
  /** Stopped on request; {@code resume} returns to the phase it left. Next: that phase, ABORTED. */
  PAUSED,
  /** A step failed (typed failure kept); {@code retry} returns to the failed step. Next: that phase, ABORTED (before cutover), ROLLING_BACK (after). */
  FAILED,
  /** Given up before the cutover; the source was never touched. */
  ABORTED,
  /** Clients are re-pointed to the source and target-side changes replayed. Next: ROLLED_BACK, FAILED. */
  ROLLING_BACK,
  /** Back on the source. */
  ROLLED_BACK;

  /** Phases a migration works in before the point of no return (pause and abort are allowed). */
  public static final Set<Phase> BEFORE_CUTOVER = EnumSet.of(PROVISIONING, COPYING, CATCHING_UP, VALIDATING,
      AWAITING_APPROVAL, APPROVED);

  /** Phases from which only going forward or rolling back is possible. */
  public static final Set<Phase> AFTER_SWITCH = EnumSet.of(CUTTING_OVER, DRAINING);

  public boolean terminal() {
    return this == COMPLETED || this == ABORTED || this == ROLLED_BACK;
  }

  /** True when the migration holds one of its wave's copy slots. */
  public boolean copying() {
    return this == PROVISIONING || this == COPYING || this == CATCHING_UP;
  }

  /** True when the migration holds one of its wave's cutover slots. */
  public boolean cuttingOver() {
    return this == CUTTING_OVER || this == DRAINING;
  }

  /**
   * The commands this phase accepts. For PAUSED and FAILED it depends on the phase left
   * ({@code resumeTo}): abort only before the cutover, rollback only after the switch.
   */
  public Set<Command> accepts(Phase resumeTo) {
    return switch (this) {
      case PLANNED -> EnumSet.of(Command.START, Command.ABORT);
      case PROVISIONING, COPYING, CATCHING_UP, VALIDATING -> EnumSet.of(Command.PAUSE, Command.ABORT);
      case AWAITING_APPROVAL -> EnumSet.of(Command.APPROVE, Command.REJECT, Command.VALIDATE, Command.PAUSE,
          Command.ABORT);
      case APPROVED -> EnumSet.of(Command.CUTOVER, Command.REJECT, Command.VALIDATE, Command.PAUSE, Command.ABORT);
      case CUTTING_OVER -> EnumSet.of(Command.ROLLBACK, Command.CONFIRM_SWITCH);
      case DRAINING -> EnumSet.of(Command.ROLLBACK);
      case PAUSED -> EnumSet.of(Command.RESUME, Command.ABORT);
      case FAILED -> resumeTo != null && AFTER_SWITCH.contains(resumeTo)
          ? EnumSet.of(Command.RETRY, Command.ROLLBACK)
          : EnumSet.of(Command.RETRY, Command.ABORT);
      case ROLLING_BACK -> EnumSet.of(Command.CONFIRM_SWITCH);
      case COMPLETED, ABORTED, ROLLED_BACK -> EnumSet.noneOf(Command.class);
    };
  }

  /** The phases that may follow this one ({@code resumeTo} for PAUSED and FAILED). */
  public Set<Phase> next(Phase resumeTo) {
    return switch (this) {
      case PLANNED -> EnumSet.of(PROVISIONING, ABORTED);
      case PROVISIONING -> EnumSet.of(COPYING, PAUSED, FAILED, ABORTED);
      case COPYING -> EnumSet.of(CATCHING_UP, PAUSED, FAILED, ABORTED);
      case CATCHING_UP -> EnumSet.of(VALIDATING, PAUSED, FAILED, ABORTED);
      case VALIDATING -> EnumSet.of(AWAITING_APPROVAL, PAUSED, FAILED, ABORTED);
      case AWAITING_APPROVAL -> EnumSet.of(APPROVED, VALIDATING, PAUSED, FAILED, ABORTED);
      case APPROVED -> EnumSet.of(CUTTING_OVER, VALIDATING, PAUSED, FAILED, ABORTED);
      case CUTTING_OVER -> EnumSet.of(DRAINING, ROLLING_BACK, FAILED);
      case DRAINING -> EnumSet.of(COMPLETED, ROLLING_BACK, FAILED);
      case PAUSED -> resumeTo == null ? EnumSet.of(ABORTED) : EnumSet.of(resumeTo, ABORTED);
      case FAILED -> {
        Set<Phase> s = EnumSet.of(resumeTo == null ? FAILED : resumeTo);
        s.add(resumeTo != null && AFTER_SWITCH.contains(resumeTo) ? ROLLING_BACK : ABORTED);
        yield s;
      }
      case ROLLING_BACK -> EnumSet.of(ROLLED_BACK, FAILED);
      case COMPLETED, ABORTED, ROLLED_BACK -> EnumSet.noneOf(Phase.class);
    };
  }
}

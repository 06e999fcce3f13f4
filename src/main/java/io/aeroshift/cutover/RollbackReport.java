package io.aeroshift.cutover;

import java.time.Instant;

/**
 * What a finished rollback did.
 *
 * @param migrationId the migration
 * @param cutoverSwitchAt the switch to the target being undone
 * @param switchBackAt the rollback's own switch instant (copy writes to the source are conditional
 *     from its millisecond on)
 * @param switchMethod the method that moved the clients back
 * @param switchDetail what that switch did
 * @param recordsCopiedBack target records written since the cutover's switch that were copied to the source
 * @param conflictsLeftAlone copies refused because a client wrote the source record after the switch back
 * @param inDoubt copy writes whose outcome is unknown
 * @param finalValidationId the validation after the rollback, null when none ran
 * @param completedAt when the rollback completed
 */
public record RollbackReport(
    String migrationId,
    Instant cutoverSwitchAt,
    Instant switchBackAt,
    String switchMethod,
    String switchDetail,
    long recordsCopiedBack,
    long conflictsLeftAlone,
    long inDoubt,
    String finalValidationId,
    Instant completedAt) {

  /** The same report with the validation run after the copy back. */
  public RollbackReport withFinalValidation(String id) {
    return new RollbackReport(migrationId, cutoverSwitchAt, switchBackAt, switchMethod, switchDetail,
        recordsCopiedBack, conflictsLeftAlone, inDoubt, id, completedAt);
  }
}

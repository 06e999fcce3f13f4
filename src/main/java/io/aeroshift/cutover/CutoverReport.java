package io.aeroshift.cutover;

import java.time.Instant;

/**
 * What a finished cutover did.
 *
 * @param migrationId the migration
 * @param switchAt the switch instant (the after-switch rules apply to every target record written
 *     from its millisecond on)
 * @param switchMethod the method that moved the clients
 * @param switchDetail what the switch did
 * @param switchedAt when the clients were known to use the target
 * @param recordsDrained records the drain copied after the switch
 * @param conflictsLeftAlone copy writes and deletes refused because a client wrote the record on
 *     the target after the switch
 * @param deletedByDrain target records the closing reconciliation deleted
 * @param inDoubt drain writes whose outcome is unknown
 * @param quietSince since when the source had no client writes or connections
 * @param finalValidationId the final validation's run id, null when none ran
 * @param clientWritesAfterSwitch differences the final validation found on target records written
 *     after the switch: client writes on the target, expected and counted apart (not failures)
 * @param completedAt when the cutover completed
 */
public record CutoverReport(
    String migrationId,
    Instant switchAt,
    String switchMethod,
    String switchDetail,
    Instant switchedAt,
    long recordsDrained,
    long conflictsLeftAlone,
    long deletedByDrain,
    long inDoubt,
    Instant quietSince,
    String finalValidationId,
    Instant completedAt,
    long clientWritesAfterSwitch) {

  public CutoverReport(String migrationId, Instant switchAt, String switchMethod, String switchDetail,
      Instant switchedAt, long recordsDrained, long conflictsLeftAlone, long deletedByDrain, long inDoubt,
      Instant quietSince, String finalValidationId, Instant completedAt) {
    this(migrationId, switchAt, switchMethod, switchDetail, switchedAt, recordsDrained, conflictsLeftAlone,
        deletedByDrain, inDoubt, quietSince, finalValidationId, completedAt, 0);
  }

  /** The same report with the final validation's run id and its expected differences. */
  public CutoverReport withFinalValidation(String id, long clientWrites) {
    return new CutoverReport(migrationId, switchAt, switchMethod, switchDetail, switchedAt, recordsDrained,
        conflictsLeftAlone, deletedByDrain, inDoubt, quietSince, id, completedAt, clientWrites);
  }
}

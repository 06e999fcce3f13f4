package io.aeroshift.validation;

/** Why a record was left out of a comparison on both sides. */
public enum LeftOutReason {
  /**
   * The source record was written after the validation cut-off (by the source's last-update time):
   * the copy cannot have carried it yet, so neither side's version of it is compared.
   */
  CHANGED_ON_SOURCE_AFTER_CUTOFF,
  /**
   * The record expires (on either side) before the comparison could finish, so one side may drop it
   * before the other is read.
   */
  EXPIRES_DURING_VALIDATION
}

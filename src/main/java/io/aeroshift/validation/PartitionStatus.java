package io.aeroshift.validation;

/** The outcome of validating one partition. */
public enum PartitionStatus {
  /** Both sides hold the same records (within the suite's tolerances). */
  MATCH,
  /** Differences remained after the re-check: evidence against cutover. */
  MISMATCH,
  /**
   * Differences were found on a first look; the partition is re-checked after the next catch-up
   * pass before it counts as failed (a live write may simply not have been copied yet).
   */
  PENDING_RECHECK,
  /** The partition could not be read completely on one side: never counts as a match. */
  UNVALIDATED
}

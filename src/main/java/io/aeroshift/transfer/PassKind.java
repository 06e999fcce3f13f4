package io.aeroshift.transfer;

/** What one pass over the partitions does. */
public enum PassKind {
  /** Copies every record of every partition. */
  FULL,
  /** Copies only records whose last-update time is at or after the pass's {@code since}. */
  CATCH_UP,
  /** Deletes target records whose digest is not on the source. */
  RECONCILE
}

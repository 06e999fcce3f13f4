package io.aeroshift.transfer;

/** What a sink did with one record or delete. */
public enum WriteOutcome {
  /** The record was written. */
  WRITTEN,
  /** Not written: the record had already expired. */
  SKIPPED_EXPIRED,
  /** Refused by the after-switch condition: a client wrote the target record since the switch. */
  REFUSED_CLIENT_WROTE,
  /** The target-only record was deleted. */
  DELETED,
  /** Nothing to delete. */
  NOT_FOUND,
  /** A retried write after an in-doubt failure was refused: it may be our own first attempt. */
  IN_DOUBT
}

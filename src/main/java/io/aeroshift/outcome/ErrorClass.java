package io.aeroshift.outcome;

/** What to do about a failure. */
public enum ErrorClass {
  /** Transient (timeout, node down, partition moving): retry after a backoff. */
  RETRIABLE,
  /** Retrying cannot help (bad namespace, record too big, security): fail the work unit. */
  PERMANENT,
  /** A write may or may not have been applied: retry only where the write is idempotent. */
  IN_DOUBT
}

package io.aeroshift.outcome;

/**
 * Why something failed, in words a wave can act on: stop on {@link #DATA_MISMATCH}, retry on
 * {@link #TARGET_UNREACHABLE}. Each reason carries the error class it has unless the place that
 * fails knows better (a write timeout is {@link ErrorClass#IN_DOUBT}, not retriable).
 */
public enum FailureReason {
  /** No node of the source cluster answered (refused, timed out, cluster empty). */
  SOURCE_UNREACHABLE(ErrorClass.RETRIABLE),
  /** No node of the target cluster answered. */
  TARGET_UNREACHABLE(ErrorClass.RETRIABLE),
  /** The cluster refused the credentials or the user lacks a privilege. */
  ACCESS_DENIED(ErrorClass.PERMANENT),
  /** The namespace (or set) named does not exist on the cluster. */
  NAMESPACE_NOT_FOUND(ErrorClass.PERMANENT),
  /** What was asked is invalid (a plan, a request, a file): fixing the input is the only way on. */
  INVALID_INPUT(ErrorClass.PERMANENT),
  /** Source and target are the same cluster (same seeds, node ids or cluster name). */
  SAME_CLUSTER(ErrorClass.PERMANENT),
  /** Validation found records that differ, are missing or are extra. */
  DATA_MISMATCH(ErrorClass.PERMANENT),
  /** Some partitions could not be checked or copied; the rest succeeded. */
  INCOMPLETE(ErrorClass.RETRIABLE),
  /** Writes may or may not have been applied (timeouts during a write). */
  WRITES_IN_DOUBT(ErrorClass.IN_DOUBT),
  /** The operation made no progress for longer than its stall limit. */
  STALLED(ErrorClass.RETRIABLE),
  /** The operation passed its deadline. */
  DEADLINE_EXCEEDED(ErrorClass.RETRIABLE),
  /** The service stopped while the operation ran and it could not be resumed. */
  INTERRUPTED(ErrorClass.RETRIABLE),
  /** Stopped on request. */
  STOPPED(ErrorClass.PERMANENT),
  /** The target cluster could not be provisioned (rejected or never ready). */
  PROVISIONING_FAILED(ErrorClass.RETRIABLE),
  /** Clients could not be switched, or it is not known whether they were. */
  CLIENT_SWITCH_FAILED(ErrorClass.IN_DOUBT),
  /** XDR could not be set up, or stopped shipping. */
  XDR_FAILED(ErrorClass.RETRIABLE),
  /**
   * The source cannot use XDR at all (Community Edition, a version before dynamic XDR, no
   * {@code asdb-xdr} or, for the proxy, no {@code asdb-change-notification} feature key); the
   * detail names the copy modes it can use instead.
   */
  XDR_NOT_AVAILABLE(ErrorClass.PERMANENT),
  /** A local file or directory could not be read or written (backup directory, key file). */
  STORAGE_FAILED(ErrorClass.PERMANENT),
  /** An owner of the migration's team rejected the cutover (the detail says who and why). */
  APPROVAL_REJECTED(ErrorClass.PERMANENT),
  /** The step exists in the workflow but its executor is not built yet (the detail names it). */
  NOT_IMPLEMENTED(ErrorClass.PERMANENT),
  /** A bug or an unclassified error: the detail says what. */
  INTERNAL(ErrorClass.PERMANENT);

  private final ErrorClass defaultClass;

  FailureReason(ErrorClass defaultClass) {
    this.defaultClass = defaultClass;
  }

  /** The error class a failure of this reason has unless the failing place says otherwise. */
  public ErrorClass defaultClass() {
    return defaultClass;
  }
}

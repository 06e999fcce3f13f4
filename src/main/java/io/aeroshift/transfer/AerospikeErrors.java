package io.aeroshift.transfer;

import io.aeroshift.outcome.ErrorClass;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.ResultCode;
import java.io.IOException;
import java.net.SocketException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one place that decides whether an Aerospike failure is retriable, permanent or in doubt.
 * It walks the cause chain, since the client wraps socket errors and our own callbacks wrap the
 * client's exceptions.
 */
public final class AerospikeErrors {

  private static final Set<Integer> RETRIABLE_CODES =
      Set.of(
          ResultCode.TIMEOUT,
          ResultCode.KEY_BUSY,
          ResultCode.PARTITION_UNAVAILABLE,
          ResultCode.CLUSTER_KEY_MISMATCH,
          ResultCode.DEVICE_OVERLOAD,
          ResultCode.SERVER_MEM_ERROR,
          ResultCode.SERVER_NOT_AVAILABLE,
          ResultCode.NO_MORE_CONNECTIONS,
          ResultCode.INVALID_NODE_ERROR,
          ResultCode.MAX_RETRIES_EXCEEDED,
          ResultCode.MAX_ERROR_RATE,
          ResultCode.NO_RESPONSE,
          ResultCode.SCAN_ABORT,
          ResultCode.QUERY_ABORTED,
          ResultCode.QUERY_QUEUEFULL,
          ResultCode.QUERY_TIMEOUT,
          ResultCode.BATCH_QUEUES_FULL,
          ResultCode.XDR_KEY_BUSY,
          ResultCode.QUOTA_EXCEEDED,
          ResultCode.SERVER_ERROR);

  private AerospikeErrors() {}

  /** Classifies an Aerospike failure (see {@link #classify(Throwable)}). */
  public static ErrorClass classify(AerospikeException e) {
    return classify((Throwable) e);
  }

  /**
   * Classifies any failure: the first {@link AerospikeException} in the cause chain decides (a
   * write the client flags {@code inDoubt} is {@link ErrorClass#IN_DOUBT}); without one, socket
   * errors are retriable and everything else is permanent, so an unknown failure stops a work
   * unit visibly instead of looping.
   */
  public static ErrorClass classify(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      if (t instanceof AerospikeException ae) {
        return classifyAerospike(ae);
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SocketException || t instanceof IOException) {
        return ErrorClass.RETRIABLE;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return ErrorClass.PERMANENT;
  }

  private static ErrorClass classifyAerospike(AerospikeException ae) {
    if (ae.getInDoubt()) {
      return ErrorClass.IN_DOUBT;
    }
    if (ae instanceof AerospikeException.Timeout
        || ae instanceof AerospikeException.Connection
        || ae instanceof AerospikeException.InvalidNode
        || ae instanceof AerospikeException.Backoff
        || ae instanceof AerospikeException.ScanTerminated
        || ae instanceof AerospikeException.QueryTerminated) {
      return ErrorClass.RETRIABLE;
    }
    if (RETRIABLE_CODES.contains(ae.getResultCode())) {
      return ErrorClass.RETRIABLE;
    }
    if (ae.getResultCode() == ResultCode.CLIENT_ERROR && ae.getCause() != null) {
      return classify(ae.getCause());
    }
    return ErrorClass.PERMANENT;
  }

  /** A short reason for reports: result code, its name and the message. */
  public static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof AerospikeException ae) {
        return "code " + ae.getResultCode() + ": " + ae.getMessage();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }
}

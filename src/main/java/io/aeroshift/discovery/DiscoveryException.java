package io.aeroshift.discovery;

import io.aeroshift.outcome.RequestRefused;

/**
 * Discovery could not produce a snapshot at all. (When only some nodes fail, discovery returns a
 * snapshot marked {@code partial} instead, with one problem line per failure.) Answered as a
 * refusal whose reason is the name of {@link #discoveryReason()}: 502 when the cluster did not answer as a cluster
 * must (unreachable, authentication, info protocol), 422 when what the request names cannot be
 * used (credentials, server version); nothing is stored either way.
 */
public class DiscoveryException extends RequestRefused {

  /** Why discovery failed; also the {@code reason} of the REST problem body. */
  public enum Reason {
    /** no seed answered (connection refused, timeout, unknown host) */
    SEEDS_UNREACHABLE,
    /** the cluster refused the user or password (result codes 60-65, 80, 81) */
    AUTHENTICATION_FAILED,
    /** the password reference could not be read (missing environment variable, file, Secret) */
    CREDENTIALS_UNAVAILABLE,
    /** the cluster runs a server version discovery does not know how to read */
    UNSUPPORTED_SERVER_VERSION,
    /** the nodes answered, but not with the info values discovery needs */
    INFO_PROTOCOL_ERROR
  }

  private final Reason reason;

  public DiscoveryException(Reason reason, String message) {
    super(status(reason), reason.name(), message);
    this.reason = reason;
  }

  public DiscoveryException(Reason reason, String message, Throwable cause) {
    this(reason, message);
    initCause(cause);
  }

  private static int status(Reason reason) {
    switch (reason) {
      case SEEDS_UNREACHABLE:
      case AUTHENTICATION_FAILED:
      case INFO_PROTOCOL_ERROR:
        return 502;
      default:
        return 422;
    }
  }

  /** Why discovery failed, typed; {@link #reason()} is its name, the answer's {@code reason}. */
  public Reason discoveryReason() {
    return reason;
  }
}

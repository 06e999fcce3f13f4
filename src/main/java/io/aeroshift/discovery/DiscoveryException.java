package io.aeroshift.discovery;

/**
 * Discovery could not produce a snapshot at all. (When only some nodes fail, discovery returns a
 * snapshot marked {@code partial} instead, with one problem line per failure.)
 */
public class DiscoveryException extends RuntimeException {

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
    super(message);
    this.reason = reason;
  }

  public DiscoveryException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}

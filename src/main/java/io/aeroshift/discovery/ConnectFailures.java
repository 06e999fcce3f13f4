package io.aeroshift.discovery;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies the failure of the official client to connect to any seed. Pure: works on the
 * result code and the message the client builds ({@code Failed to connect to [n] host(s): ...}
 * followed by one {@code Error <code>...: <why>} per seed).
 */
public final class ConnectFailures {
  /** INVALID_USER, INVALID_PASSWORD, EXPIRED_PASSWORD, FORBIDDEN_PASSWORD, INVALID_CREDENTIAL, EXPIRED_SESSION, NOT_AUTHENTICATED. */
  static final Set<Integer> AUTH_CODES = Set.of(60, 62, 63, 64, 65, 66, 80);

  private static final Pattern ERROR_CODE = Pattern.compile("Error (-?\\d+)");

  private ConnectFailures() {}

  /** The reason for a connect failure with that result code and message. */
  public static DiscoveryException.Reason classify(int resultCode, String message) {
    if (AUTH_CODES.contains(resultCode)) {
      return DiscoveryException.Reason.AUTHENTICATION_FAILED;
    }
    String msg = message == null ? "" : message;
    Matcher m = ERROR_CODE.matcher(msg);
    while (m.find()) {
      try {
        if (AUTH_CODES.contains(Integer.parseInt(m.group(1)))) {
          return DiscoveryException.Reason.AUTHENTICATION_FAILED;
        }
      } catch (NumberFormatException ignored) {
        // not a code
      }
    }
    if (msg.contains("Login failed") || msg.contains("Authentication failed")) {
      return DiscoveryException.Reason.AUTHENTICATION_FAILED;
    }
    if (msg.contains("version < ") || msg.contains("version is invalid")) {
      return DiscoveryException.Reason.UNSUPPORTED_SERVER_VERSION;
    }
    return DiscoveryException.Reason.SEEDS_UNREACHABLE;
  }

  /** A one-line human message for the reason, with the client's per-seed detail. */
  public static String describe(DiscoveryException.Reason reason, java.util.List<String> seeds, String clientMessage) {
    String detail = clientMessage == null ? "" : clientMessage.replaceAll("\\s*\\R\\s*", "; ").trim();
    switch (reason) {
      case AUTHENTICATION_FAILED:
        return "the cluster at " + seeds + " rejected the configured user or password: " + detail;
      case UNSUPPORTED_SERVER_VERSION:
        return "the cluster at " + seeds + " runs a server version the client cannot read: " + detail;
      default:
        return "no seed of " + seeds + " answered: " + detail;
    }
  }
}

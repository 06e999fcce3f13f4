package io.aeroshift.transfer.xdr;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How XDR replicates one source into its target: the DC the source ships to, the destination
 * endpoints (target nodes, or the XDR proxy with {@code connector}), the namespaces, the rewind
 * that makes XDR ship existing records (the initial copy), the auth the DC uses, and the limits
 * that keep a run from waiting for ever.
 *
 * @param dcName the DC name on every source node (1..31 characters, no separators)
 * @param destinations {@code host:port} of each destination seed (info commands use the colon form)
 * @param connector true when shipping to the XDR proxy (connector protocol)
 * @param namespaces source namespaces to ship
 * @param rewind {@code all}, or seconds, or null for new writes only
 * @param authMode DC auth mode ({@code none}, {@code internal}, ...), null to leave the default
 * @param authUser DC user, or null
 * @param authPasswordFile path of the password file on the source nodes, or null (never the password itself)
 * @param reachTimeout how long every source node may take to connect to the destination
 * @param readyLagSeconds the lag at or under which a caught-up DC counts as ready
 * @param stallLimit how long work may wait with no node connected before it is a blocker
 */
public record XdrSettings(
    String dcName,
    List<String> destinations,
    boolean connector,
    List<String> namespaces,
    String rewind,
    String authMode,
    String authUser,
    String authPasswordFile,
    Duration reachTimeout,
    long readyLagSeconds,
    Duration stallLimit) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,31}");
  private static final Pattern ADDRESS = Pattern.compile("[^:;\\s]+:\\d{1,5}(:[^:;\\s]+)?");

  public XdrSettings {
    Objects.requireNonNull(dcName, "dcName");
    if (!NAME.matcher(dcName).matches()) throw new IllegalArgumentException("dcName '" + dcName + "' must be 1..31 of [A-Za-z0-9_-]");
    destinations = List.copyOf(destinations);
    if (destinations.isEmpty()) throw new IllegalArgumentException("destinations: at least one host:port");
    for (String d : destinations) {
      if (!ADDRESS.matcher(d).matches()) throw new IllegalArgumentException("destination '" + d + "' must be host:port[:tls-name]");
    }
    namespaces = List.copyOf(namespaces);
    if (namespaces.isEmpty()) throw new IllegalArgumentException("namespaces: at least one");
    for (String n : namespaces) {
      if (!NAME.matcher(n).matches()) throw new IllegalArgumentException("namespace '" + n + "' is not a namespace name");
    }
    if (rewind != null && !rewind.equals("all") && !rewind.matches("[1-9]\\d{0,9}")) {
      throw new IllegalArgumentException("rewind '" + rewind + "' must be 'all' or a number of seconds");
    }
    for (String v : new String[] {authMode, authUser, authPasswordFile}) {
      if (v != null && (v.isBlank() || v.contains(";") || v.contains("\n"))) {
        throw new IllegalArgumentException("auth settings must be non-blank without ';' or newline");
      }
    }
    Objects.requireNonNull(reachTimeout, "reachTimeout");
    Objects.requireNonNull(stallLimit, "stallLimit");
    if (readyLagSeconds < 0) throw new IllegalArgumentException("readyLagSeconds must be >= 0");
  }

  /** Ship to the target's nodes directly, rewind=all, 30 s to connect, ready at lag <= 2 s, blocker after 60 s stalled. */
  public static XdrSettings direct(String dcName, List<String> destinations, List<String> namespaces) {
    return new XdrSettings(dcName, destinations, false, namespaces, "all", null, null, null,
        Duration.ofSeconds(30), 2, Duration.ofSeconds(60));
  }

  /** Ship through the XDR proxy at {@code proxyAddresses} (connector mode). */
  public static XdrSettings viaProxy(String dcName, List<String> proxyAddresses, List<String> namespaces) {
    return new XdrSettings(dcName, proxyAddresses, true, namespaces, "all", null, null, null,
        Duration.ofSeconds(30), 2, Duration.ofSeconds(60));
  }

  public XdrSettings withLimits(Duration reachTimeout, long readyLagSeconds, Duration stallLimit) {
    return new XdrSettings(dcName, destinations, connector, namespaces, rewind, authMode, authUser, authPasswordFile,
        reachTimeout, readyLagSeconds, stallLimit);
  }

  public XdrSettings withAuth(String mode, String user, String passwordFile) {
    return new XdrSettings(dcName, destinations, connector, namespaces, rewind, mode, user, passwordFile,
        reachTimeout, readyLagSeconds, stallLimit);
  }
}

package io.aeroshift.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an emulated XDR DC ships to: the nodes of another emulated cluster (a plain DC) or an
 * emulated XDR proxy (a {@code connector true} DC). Addresses are resolved by loopback port in
 * this JVM's registry; an address nobody listens on, a stopped node or a stopped proxy is
 * unreachable, as a real DC whose seeds do not answer.
 */
interface XdrDestination {

  /** What one shipped change came to; the shipper counts it in the DC statistics. */
  enum Outcome { SHIPPED, NOT_FOUND, ABANDONED, UNREACHABLE }

  /** True for a proxy (connector protocol), false for an Aerospike node (XDR protocol). */
  boolean connector();

  boolean reachable();

  /** Ships the record's current state (all bins, origin metadata where the protocol carries it). */
  Outcome write(String namespace, StoredRecord record);

  /** Ships a delete of the digest (a digest-only notification to a proxy). */
  Outcome delete(String namespace, String set, byte[] digest);

  /** The process-wide registry of XDR endpoints by loopback port. */
  final class Registry {
    private static final Map<Integer, XdrDestination> BY_PORT = new ConcurrentHashMap<>();

    private Registry() {}

    static void register(int port, XdrDestination d) {
      BY_PORT.put(port, d);
    }

    static void unregister(int port, XdrDestination d) {
      BY_PORT.remove(port, d);
    }

    /** The endpoint at {@code host:port}[{@code :tls-name}], or null when nothing in this JVM listens there. */
    static XdrDestination resolve(String address) {
      String[] parts = address.trim().split("[: ]");
      if (parts.length < 2) return null;
      String host = parts[0];
      if (!host.equals("127.0.0.1") && !host.equals("localhost")) return null;
      try {
        return BY_PORT.get(Integer.parseInt(parts[1]));
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}

package io.aeroshift.emulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One XDR DC as one node knows it (dynamic XDR config is per node and not persisted: a restarted
 * node has none, as a real one without it in its config file). Holds the DC options, the
 * destination seeds, the namespaces shipped with their transaction queue and rewind (recovery)
 * state, and the counters {@code get-stats:context=xdr;dc=} reports.
 */
final class XdrDc {
  /** DC-level parameters with their server defaults (8.1 schema, {@code xdr.dcs[]}). */
  static final Map<String, String> DC_DEFAULTS = defaults(
      "auth-mode", "none", "auth-password-file", "null", "auth-user", "null", "connector", "false",
      "max-recoveries-interleaved", "0", "period-ms", "100", "tls-name", "null", "use-alternate-access-address", "false");
  /** Namespace-level parameters with their server defaults ({@code xdr.dcs[].namespaces[]}). */
  static final Map<String, String> NS_DEFAULTS = defaults(
      "enabled", "true", "bin-policy", "all", "compression-level", "1", "compression-threshold", "128", "delay-ms", "0",
      "enable-compression", "false", "forward", "false", "hot-key-ms", "100", "ignore-expunges", "false",
      "max-throughput", "100000", "remote-namespace", "null", "sc-replication-wait-ms", "100", "ship-bin-luts", "false",
      "ship-nsup-deletes", "false", "ship-only-specified-sets", "false", "transaction-queue-limit", "16384",
      "write-policy", "auto");

  private static Map<String, String> defaults(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return java.util.Collections.unmodifiableMap(m);
  }

  /** A change waiting to ship: the digest (the record is read at ship time), its set, when it was queued. */
  record Pending(byte[] digest, String set, long queuedMillis) {}

  /** One namespace shipped by the DC. */
  static final class DcNamespace {
    final String name;
    final Map<String, String> options = new LinkedHashMap<>(NS_DEFAULTS);
    final LinkedHashMap<String, Pending> queue = new LinkedHashMap<>();
    /** Partitions still to recover for a rewind; the recovery ships records last updated at or after {@code rewindFromMillis}. */
    final Deque<Integer> recoveriesPending = new ArrayDeque<>();
    long rewindFromMillis;
    boolean rewindAll;

    DcNamespace(String name) {
      this.name = name;
    }

    void enqueue(byte[] digest, String set, long now) {
      queue.putIfAbsent(HexFormat.of().formatHex(digest), new Pending(digest, set, now));
    }
  }

  final String name;
  final Map<String, String> options = new LinkedHashMap<>(DC_DEFAULTS);
  final List<String> nodeAddressPorts = new ArrayList<>();
  final Map<String, DcNamespace> namespaces = new LinkedHashMap<>();
  final AtomicLong success = new AtomicLong();
  final AtomicLong abandoned = new AtomicLong();
  final AtomicLong notFound = new AtomicLong();
  final AtomicLong filteredOut = new AtomicLong();
  final AtomicLong retryNoNode = new AtomicLong();
  final AtomicLong retryConnReset = new AtomicLong();
  final AtomicLong retryDest = new AtomicLong();
  final AtomicLong recoveries = new AtomicLong();
  /** Destination nodes (or proxies) this node is connected to, as of the last ship round. */
  volatile int connectedNodes;
  /** Last-update time (ms) of the newest change shipped; the basis of {@code lag}. */
  volatile long lastShipMillis;
  volatile long throughput;

  XdrDc(String name) {
    this.name = name;
  }

  boolean connector() {
    return Boolean.parseBoolean(options.get("connector"));
  }

  long periodMillis() {
    try {
      return Math.max(1, Long.parseLong(options.get("period-ms")));
    } catch (NumberFormatException e) {
      return 100;
    }
  }
}

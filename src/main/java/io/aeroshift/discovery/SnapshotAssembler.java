package io.aeroshift.discovery;

import static io.aeroshift.discovery.InfoParser.hasAny;
import static io.aeroshift.discovery.InfoParser.intOfAny;
import static io.aeroshift.discovery.InfoParser.keyValues;
import static io.aeroshift.discovery.InfoParser.longOf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the raw info values of one discovery run into a {@link ClusterSnapshot}. Pure: the same
 * reading always gives the same snapshot, so recorded server answers test it completely.
 *
 * <p>Figures are cluster-wide. Namespace objects and tombstones are the sums of {@code
 * master_objects} / {@code master_tombstones} (each record counted once, at its master). Sets only
 * report per-node totals that include replicas, so their sums are divided by the effective
 * replication factor {@code min(replication-factor, cluster size)}: exact on a stable cluster.
 *
 * <p>Both configuration vocabularies are read: before 7.0 ({@code memory-size}, {@code
 * memory_used_bytes}, {@code high-water-memory-pct}, {@code high-water-disk-pct}, {@code
 * stop-writes-pct}, {@code device_used_bytes}) and 7.0+ ({@code storage-engine.data-size}, {@code
 * data_used_bytes}, {@code data_total_bytes}, {@code stop-writes-used-pct}, {@code evict-used-pct},
 * with or without the {@code storage-engine.} prefix). A 7.x {@code evict-used-pct} is reported as
 * the memory high-water mark of a memory namespace and as the disk high-water mark otherwise.
 */
public final class SnapshotAssembler {
  private SnapshotAssembler() {}

  /**
   * Builds the snapshot. Version and cluster are left for the store to fill ({@code 0} and the
   * given name).
   *
   * @param cluster the inventory name
   * @param reading what was read
   * @param takenAt when reading finished
   */
  public static ClusterSnapshot assemble(String cluster, ClusterReading reading, Instant takenAt) {
    List<String> problems = new ArrayList<>();
    List<NodeInfo> nodes = new ArrayList<>();
    List<NodeReading> usable = new ArrayList<>();
    Set<String> seenIds = new LinkedHashSet<>();

    for (NodeReading n : reading.nodes()) {
      String id = value(n.get(InfoCommands.NODE));
      String build = value(n.get(InfoCommands.BUILD));
      String edition = value(n.get(InfoCommands.EDITION));
      long connections = longOf(keyValues(n.get(InfoCommands.STATISTICS)), "client_connections", 0);
      ServerVersion version = ServerVersion.parse(build);
      boolean ok = true;
      if (version == null || !version.supported()) {
        problems.add("UNSUPPORTED_SERVER_VERSION: node " + id + " at " + n.address() + " runs build '" + build
            + "'; discovery reads " + ServerVersion.OLDEST_SUPPORTED + " to " + ServerVersion.NEWEST_SUPPORTED_MAJOR
            + ".x; its figures are left out");
        ok = false;
      }
      nodes.add(new NodeInfo(id, n.address(), build, edition, true, connections));
      if (id != null) {
        seenIds.add(id);
      }
      if (ok) {
        usable.add(n);
      }
    }
    for (ClusterReading.UnreachableNode u : reading.unreachable()) {
      if (u.nodeId() != null && seenIds.contains(u.nodeId())) {
        continue;
      }
      problems.add("NODE_UNREACHABLE: node " + (u.nodeId() == null ? "" : u.nodeId() + " ") + "at " + u.address()
          + " could not be read: " + u.why());
      nodes.add(new NodeInfo(u.nodeId(), u.address(), null, null, false, 0));
    }

    int statedSize = 0;
    for (NodeReading n : usable) {
      statedSize = Math.max(statedSize, (int) longOf(keyValues(n.get(InfoCommands.STATISTICS)), "cluster_size", 0));
    }
    int clusterSize = Math.max(nodes.size(), statedSize);
    if (statedSize > nodes.size()) {
      problems.add("NODE_UNREACHABLE: the nodes report cluster_size " + statedSize + " but only " + nodes.size()
          + " nodes were found from the seeds and peers");
    }

    String clusterName = null;
    for (NodeReading n : usable) {
      String v = value(n.get(InfoCommands.CLUSTER_NAME));
      if (v != null && !v.equals("null")) {
        clusterName = v;
        break;
      }
    }

    Set<String> namespaceNames = new LinkedHashSet<>();
    for (NodeReading n : usable) {
      namespaceNames.addAll(InfoParser.list(n.get(InfoCommands.NAMESPACES)));
    }
    List<NamespaceInfo> namespaces = new ArrayList<>();
    for (String ns : namespaceNames) {
      namespaces.add(namespace(ns, usable, clusterSize, problems));
    }

    long clientConnections = 0;
    for (NodeReading n : usable) {
      clientConnections += longOf(keyValues(n.get(InfoCommands.STATISTICS)), "client_connections", 0);
    }

    boolean partial = !problems.isEmpty();
    return new ClusterSnapshot(cluster, 0, takenAt, clusterName, partial, problems, nodes, namespaces,
        secondaryIndexes(usable), udfs(usable), clientConnections, rates(usable, namespaceNames, reading.sampleSeconds()),
        settings(usable, InfoCommands.SERVICE_CONFIG), settings(usable, InfoCommands.NETWORK_CONFIG));
  }

  /**
   * The settings of the first usable node that answered {@code command}, secrets removed. One node
   * stands for all: service and network settings are the same on every node except node-id and
   * addresses, which translation drops anyway.
   */
  private static Map<String, String> settings(List<NodeReading> nodes, String command) {
    for (NodeReading n : nodes) {
      String raw = n.get(command);
      if (raw != null && !InfoParser.isError(raw) && !raw.isBlank()) {
        return SourceSettings.withoutSecrets(keyValues(raw));
      }
    }
    return Map.of();
  }

  private static NamespaceInfo namespace(String ns, List<NodeReading> nodes, int clusterSize, List<String> problems) {
    Map<String, String> first = null;
    Map<String, String> config = null;
    long masterObjects = 0;
    long allObjects = 0;
    long masterTombstones = 0;
    long allTombstones = 0;
    boolean haveMasterObjects = true;
    boolean haveMasterTombstones = true;
    long memUsed = 0;
    long memConfigured = 0;
    long diskUsed = 0;
    long diskConfigured = 0;
    Map<String, long[]> setTotals = new TreeMap<>();

    for (NodeReading n : nodes) {
      String raw = n.get(InfoCommands.namespace(ns));
      if (raw == null || InfoParser.isError(raw)) {
        if (InfoParser.list(n.get(InfoCommands.NAMESPACES)).contains(ns)) {
          problems.add("INFO_PROTOCOL_ERROR: node " + value(n.get(InfoCommands.NODE)) + " gave no statistics for namespace "
              + ns + ": " + raw);
        }
        continue;
      }
      Map<String, String> kv = keyValues(raw);
      if (first == null) {
        first = kv;
        String cfg = n.get(InfoCommands.namespaceConfig(ns));
        config = cfg == null || InfoParser.isError(cfg) ? kv : keyValues(cfg);
      }
      haveMasterObjects &= kv.containsKey("master_objects");
      haveMasterTombstones &= kv.containsKey("master_tombstones");
      masterObjects += longOf(kv, "master_objects", 0);
      allObjects += longOf(kv, "objects", 0);
      masterTombstones += longOf(kv, "master_tombstones", 0);
      allTombstones += longOf(kv, "tombstones", 0);
      String engine = engine(kv);
      memUsed += memoryUsed(kv, engine);
      memConfigured += memoryConfigured(kv, engine);
      diskUsed += diskUsed(kv, engine);
      diskConfigured += diskConfigured(kv, engine);
      for (Map<String, String> set : InfoParser.records(n.get(InfoCommands.sets(ns)), ';', ':')) {
        String name = set.getOrDefault("set", set.get("set_name"));
        if (name == null) {
          continue;
        }
        long[] t = setTotals.computeIfAbsent(name, k -> new long[3]);
        t[0] += longOf(set, "objects", longOf(set, "n_objects", 0));
        t[1] += longOf(set, "tombstones", 0);
        t[2] += longOf(set, "data_used_bytes", longOf(set, "memory_data_bytes", 0) + longOf(set, "device_data_bytes", 0));
      }
    }
    if (first == null) {
      first = Map.of();
      config = Map.of();
    }
    int rf = intOrZero(intOfAny(first, "replication-factor", "effective_replication_factor", "repl-factor"));
    int effectiveRf = Math.max(1, Math.min(rf == 0 ? 1 : rf, Math.max(1, clusterSize)));
    String engine = engine(first);
    boolean memoryEngine = "memory".equals(engine);
    Integer evict = intOfAny(first, "storage-engine.evict-used-pct", "evict-used-pct");

    List<SetInfo> sets = new ArrayList<>();
    for (Map.Entry<String, long[]> e : setTotals.entrySet()) {
      long[] t = e.getValue();
      sets.add(new SetInfo(e.getKey(), t[0] / effectiveRf, t[1] / effectiveRf, t[2] / effectiveRf));
    }
    return new NamespaceInfo(
        ns,
        haveMasterObjects ? masterObjects : allObjects / effectiveRf,
        haveMasterTombstones ? masterTombstones : allTombstones / effectiveRf,
        rf,
        engine,
        indexed(first, "storage-engine.device"),
        indexed(first, "storage-engine.file"),
        "true".equals(first.getOrDefault("storage-engine.data-in-memory", first.get("data-in-memory"))),
        memUsed,
        memConfigured,
        diskUsed,
        diskConfigured,
        longOf(first, "default-ttl", 0),
        intOfAny(first, "stop-writes-pct", "storage-engine.stop-writes-used-pct", "stop-writes-used-pct"),
        hasAny(first, "high-water-disk-pct") ? intOfAny(first, "high-water-disk-pct") : memoryEngine ? null : evict,
        hasAny(first, "high-water-memory-pct") ? intOfAny(first, "high-water-memory-pct") : memoryEngine ? evict : null,
        sets,
        config);
  }

  /** {@code memory}, {@code device} or {@code pmem}; pre-7 memory namespaces may omit it. */
  private static String engine(Map<String, String> kv) {
    String e = kv.get("storage-engine");
    if (e == null || e.isBlank()) {
      return "memory";
    }
    return e.trim();
  }

  private static long memoryUsed(Map<String, String> kv, String engine) {
    if (kv.containsKey("memory_used_bytes")) {
      return longOf(kv, "memory_used_bytes", 0);
    }
    long data = "memory".equals(engine) ? longOf(kv, "data_used_bytes", 0) : 0;
    return data + longOf(kv, "index_used_bytes", 0) + longOf(kv, "sindex_used_bytes", 0)
        + longOf(kv, "set_index_used_bytes", 0);
  }

  private static long memoryConfigured(Map<String, String> kv, String engine) {
    if (kv.containsKey("memory-size")) {
      return longOf(kv, "memory-size", 0);
    }
    if ("memory".equals(engine)) {
      return longOf(kv, "storage-engine.data-size", longOf(kv, "data-size", 0));
    }
    return longOf(kv, "indexes-memory-budget", 0);
  }

  private static long diskUsed(Map<String, String> kv, String engine) {
    if (kv.containsKey("device_used_bytes")) {
      return longOf(kv, "device_used_bytes", 0);
    }
    if (kv.containsKey("pmem_used_bytes")) {
      return longOf(kv, "pmem_used_bytes", 0);
    }
    return "memory".equals(engine) ? 0 : longOf(kv, "data_used_bytes", 0);
  }

  private static long diskConfigured(Map<String, String> kv, String engine) {
    if (kv.containsKey("device_total_bytes")) {
      return longOf(kv, "device_total_bytes", 0);
    }
    if (kv.containsKey("pmem_total_bytes")) {
      return longOf(kv, "pmem_total_bytes", 0);
    }
    return "memory".equals(engine) ? 0 : longOf(kv, "data_total_bytes", 0);
  }

  /** Values of {@code prefix} and {@code prefix[0]}, {@code prefix[1]}... in index order. */
  private static List<String> indexed(Map<String, String> kv, String prefix) {
    Map<Integer, String> byIndex = new TreeMap<>();
    for (Map.Entry<String, String> e : kv.entrySet()) {
      String k = e.getKey();
      if (k.equals(prefix)) {
        byIndex.put(-1, e.getValue());
      } else if (k.startsWith(prefix + "[") && k.endsWith("]")) {
        try {
          byIndex.put(Integer.parseInt(k.substring(prefix.length() + 1, k.length() - 1)), e.getValue());
        } catch (NumberFormatException ignored) {
          // not an indexed entry
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String v : byIndex.values()) {
      for (String part : v.split(",")) {
        if (!part.isBlank() && !out.contains(part.trim())) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  private static List<SecondaryIndexInfo> secondaryIndexes(List<NodeReading> nodes) {
    Map<String, SecondaryIndexInfo> byKey = new LinkedHashMap<>();
    for (NodeReading n : nodes) {
      String raw = n.get(InfoCommands.SINDEX_LIST);
      if (raw == null || InfoParser.isError(raw)) {
        raw = n.get(InfoCommands.SINDEX_LEGACY);
      }
      for (Map<String, String> r : InfoParser.records(raw, ';', ':')) {
        String ns = r.get("ns");
        String name = r.getOrDefault("indexname", r.get("index_name"));
        if (ns == null || name == null) {
          continue;
        }
        String set = r.get("set");
        if (set != null && (set.equals("NULL") || set.isEmpty())) {
          set = null;
        }
        byKey.putIfAbsent(ns + "/" + name, new SecondaryIndexInfo(ns, set, name,
            r.getOrDefault("bin", r.get("bins")),
            lower(r.get("type")),
            lower(r.getOrDefault("indextype", r.getOrDefault("index_type", "default"))),
            r.get("state")));
      }
    }
    return new ArrayList<>(byKey.values());
  }

  private static List<UdfInfo> udfs(List<NodeReading> nodes) {
    Map<String, UdfInfo> byName = new TreeMap<>();
    for (NodeReading n : nodes) {
      for (Map<String, String> r : InfoParser.records(n.get(InfoCommands.UDF_LIST), ';', ',')) {
        String file = r.get("filename");
        if (file != null) {
          byName.putIfAbsent(file, new UdfInfo(file, r.get("hash"), r.get("type")));
        }
      }
    }
    return new ArrayList<>(byName.values());
  }

  private static ClusterSnapshot.Rates rates(List<NodeReading> nodes, Set<String> namespaces, double seconds) {
    if (seconds <= 0) {
      return new ClusterSnapshot.Rates(0, 0, 0, 0);
    }
    long reads = 0;
    long writes = 0;
    long deletes = 0;
    for (NodeReading n : nodes) {
      for (String ns : namespaces) {
        String cmd = InfoCommands.namespace(ns);
        Map<String, String> before = keyValues(n.get(cmd));
        Map<String, String> after = keyValues(n.laterSample().get(cmd));
        if (before.isEmpty() || after.isEmpty()) {
          continue;
        }
        reads += delta(before, after, "client_read_success");
        writes += delta(before, after, "client_write_success");
        deletes += delta(before, after, "client_delete_success");
      }
    }
    return new ClusterSnapshot.Rates(reads / seconds, writes / seconds, deletes / seconds, seconds);
  }

  /** Counter increase; a node restart between the samples resets counters, counted as 0. */
  private static long delta(Map<String, String> before, Map<String, String> after, String counter) {
    long d = longOf(after, counter, 0) - longOf(before, counter, 0);
    return Math.max(0, d);
  }

  private static String value(String raw) {
    if (raw == null || InfoParser.isError(raw)) {
      return null;
    }
    String v = raw.trim();
    return v.isEmpty() ? null : v;
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
  }

  private static int intOrZero(Integer i) {
    return i == null ? 0 : i;
  }
}

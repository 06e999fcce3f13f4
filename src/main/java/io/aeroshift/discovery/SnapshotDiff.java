package io.aeroshift.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What changed between two snapshots of the same cluster. Pure.
 *
 * @param cluster inventory name
 * @param fromVersion older snapshot
 * @param toVersion newer snapshot
 * @param changes every difference, in a stable order (cluster, nodes, namespaces, sets, indexes, UDFs)
 */
public record SnapshotDiff(String cluster, int fromVersion, int toVersion, List<Change> changes) {

  public SnapshotDiff {
    changes = List.copyOf(changes);
  }

  /** Kind of a change. */
  public enum Kind { ADDED, REMOVED, CHANGED }

  /**
   * One difference.
   *
   * @param path what changed, e.g. {@code namespaces[test].sets[users].objects}
   * @param kind added, removed or changed
   * @param from old value as text (null when added)
   * @param to new value as text (null when removed)
   */
  public record Change(String path, Kind kind, String from, String to) {}

  /** The differences from {@code a} to {@code b}. */
  public static SnapshotDiff between(ClusterSnapshot a, ClusterSnapshot b) {
    List<Change> out = new ArrayList<>();
    field(out, "clusterName", a.clusterName(), b.clusterName());
    field(out, "size", a.size(), b.size());
    field(out, "partial", a.partial(), b.partial());
    field(out, "clientConnections", a.clientConnections(), b.clientConnections());

    keyed(out, "nodes", a.nodes(), b.nodes(), n -> n.nodeId() == null ? n.address() : n.nodeId(), (p, x, y) -> {
      field(out, p + ".address", x.address(), y.address());
      field(out, p + ".build", x.build(), y.build());
      field(out, p + ".edition", x.edition(), y.edition());
      field(out, p + ".reachable", x.reachable(), y.reachable());
    });
    keyed(out, "namespaces", a.namespaces(), b.namespaces(), NamespaceInfo::name, (p, x, y) -> {
      field(out, p + ".objects", x.objects(), y.objects());
      field(out, p + ".tombstones", x.tombstones(), y.tombstones());
      field(out, p + ".replicationFactor", x.replicationFactor(), y.replicationFactor());
      field(out, p + ".storageEngine", x.storageEngine(), y.storageEngine());
      field(out, p + ".devices", x.devices(), y.devices());
      field(out, p + ".files", x.files(), y.files());
      field(out, p + ".dataInMemory", x.dataInMemory(), y.dataInMemory());
      field(out, p + ".memoryUsedBytes", x.memoryUsedBytes(), y.memoryUsedBytes());
      field(out, p + ".memoryConfiguredBytes", x.memoryConfiguredBytes(), y.memoryConfiguredBytes());
      field(out, p + ".diskUsedBytes", x.diskUsedBytes(), y.diskUsedBytes());
      field(out, p + ".diskConfiguredBytes", x.diskConfiguredBytes(), y.diskConfiguredBytes());
      field(out, p + ".defaultTtlSeconds", x.defaultTtlSeconds(), y.defaultTtlSeconds());
      field(out, p + ".stopWritesPct", x.stopWritesPct(), y.stopWritesPct());
      field(out, p + ".highWaterDiskPct", x.highWaterDiskPct(), y.highWaterDiskPct());
      field(out, p + ".highWaterMemoryPct", x.highWaterMemoryPct(), y.highWaterMemoryPct());
      keyed(out, p + ".sets", x.sets(), y.sets(), SetInfo::name, (q, s, t) -> {
        field(out, q + ".objects", s.objects(), t.objects());
        field(out, q + ".tombstones", s.tombstones(), t.tombstones());
        field(out, q + ".dataUsedBytes", s.dataUsedBytes(), t.dataUsedBytes());
      });
    });
    keyed(out, "secondaryIndexes", a.secondaryIndexes(), b.secondaryIndexes(), i -> i.namespace() + "/" + i.name(), (p, x, y) -> {
      field(out, p + ".set", x.set(), y.set());
      field(out, p + ".bin", x.bin(), y.bin());
      field(out, p + ".type", x.type(), y.type());
      field(out, p + ".state", x.state(), y.state());
    });
    keyed(out, "udfs", a.udfs(), b.udfs(), UdfInfo::filename, (p, x, y) -> field(out, p + ".hash", x.hash(), y.hash()));
    return new SnapshotDiff(b.cluster(), a.version(), b.version(), out);
  }

  private interface Compare<T> {
    void apply(String path, T older, T newer);
  }

  private static <T> void keyed(List<Change> out, String path, List<T> older, List<T> newer, Function<T, String> key, Compare<T> both) {
    Map<String, T> a = index(older, key);
    Map<String, T> b = index(newer, key);
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      String p = path + "[" + k + "]";
      T x = a.get(k);
      T y = b.get(k);
      if (x == null) {
        out.add(new Change(p, Kind.ADDED, null, k));
      } else if (y == null) {
        out.add(new Change(p, Kind.REMOVED, k, null));
      } else {
        both.apply(p, x, y);
      }
    }
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
    Map<String, T> m = new LinkedHashMap<>();
    for (T t : items) {
      m.putIfAbsent(String.valueOf(key.apply(t)), t);
    }
    return m;
  }

  private static void field(List<Change> out, String path, Object a, Object b) {
    if (!Objects.equals(a, b)) {
      out.add(new Change(path, Kind.CHANGED, a == null ? null : String.valueOf(a), b == null ? null : String.valueOf(b)));
    }
  }
}

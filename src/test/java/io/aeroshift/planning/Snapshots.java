package io.aeroshift.planning;

import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.discovery.NamespaceInfo;
import io.aeroshift.discovery.NodeInfo;
import io.aeroshift.discovery.SetInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Discovery snapshots of typical Community clusters, as discovery would record them. */
public final class Snapshots {
  static final long GIB = 1L << 30;
  static final long MIB = 1L << 20;

  private Snapshots() {}

  /** A 6.4 CE cluster of 3 nodes with one in-memory namespace (storage-engine memory). */
  public static ClusterSnapshot inMemory() {
    Map<String, String> cfg = cfg(
        "replication-factor", "2", "memory-size", String.valueOf(4 * GIB), "default-ttl", "0",
        "storage-engine", "memory", "high-water-memory-pct", "80", "stop-writes-pct", "90",
        "nsup-period", "120", "single-bin", "false", "conflict-resolution-policy", "generation",
        "enable-benchmarks-read", "false", "index-type", "shmem");
    NamespaceInfo ns = new NamespaceInfo("sessions", 1_000_000, 0, 2, "memory", List.of(), List.of(), false,
        1_000_000L * 2 * 64 + 2 * 600 * MIB, 3 * 4 * GIB, 0, 0, 0, 90, null, 80,
        List.of(new SetInfo("web", 1_000_000, 0, 600 * MIB)), cfg);
    return snapshot("sessions-ce", "6.4.0.10", 3, List.of(ns));
  }

  /** A 6.3 CE cluster whose namespace keeps data in memory and persists it to two raw devices. */
  public static ClusterSnapshot deviceDataInMemory() {
    Map<String, String> cfg = cfg(
        "replication-factor", "2", "memory-size", String.valueOf(16 * GIB), "default-ttl", "2592000",
        "nsup-period", "60", "storage-engine", "device", "storage-engine.device[0]", "/dev/nvme0n1",
        "storage-engine.device[1]", "/dev/nvme1n1", "storage-engine.data-in-memory", "true",
        "storage-engine.write-block-size", "1048576", "storage-engine.post-write-queue", "512",
        "storage-engine.min-avail-pct", "10", "storage-engine.defrag-lwm-pct", "50",
        "high-water-disk-pct", "50", "high-water-memory-pct", "60", "stop-writes-pct", "90",
        "storage-engine.scheduler-mode", "noop");
    NamespaceInfo ns = new NamespaceInfo("payments", 5_000_000, 0, 2, "device", List.of("/dev/nvme0n1", "/dev/nvme1n1"),
        List.of(), true, 5_000_000L * 2 * 64 + 8 * GIB, 4 * 16 * GIB, 8 * GIB, 4 * 2 * 100 * GIB, 2592000, 90, 50, 60,
        List.of(new SetInfo("tx", 5_000_000, 0, 4 * GIB)), cfg);
    return snapshot("payments-ce", "6.3.0.7", 4, List.of(ns));
  }

  /** A 6.4 CE cluster with a namespace on files, data on storage only. */
  public static ClusterSnapshot fileStorage() {
    Map<String, String> cfg = cfg(
        "replication-factor", "2", "default-ttl", "0", "nsup-period", "0", "storage-engine", "device",
        "storage-engine.file[0]", "/opt/aerospike/data/catalog.dat", "storage-engine.filesize",
        String.valueOf(64 * GIB), "storage-engine.data-in-memory", "false", "storage-engine.max-used-pct", "65",
        "high-water-disk-pct", "0", "high-water-memory-pct", "0", "stop-writes-pct", "90",
        "max-record-size", "0", "storage-engine.write-block-size", "2097152", "storage-engine.direct-files", "false");
    NamespaceInfo ns = new NamespaceInfo("catalog", 2_000_000, 0, 2, "device", List.of(),
        List.of("/opt/aerospike/data/catalog.dat"), false, 2_000_000L * 2 * 64, 0, 20 * GIB, 3 * 64 * GIB, 0, 90, 0, 0,
        List.of(new SetInfo("products", 2_000_000, 0, 10 * GIB)), cfg);
    return snapshot("catalog-ce", "6.4.0.10", 3, List.of(ns));
  }

  /** Two namespaces with different replication factors: a cache at RF 1 in memory, orders at RF 3 on files. */
  public static ClusterSnapshot twoReplicationFactors() {
    NamespaceInfo cache = new NamespaceInfo("cache", 300_000, 0, 1, "memory", List.of(), List.of(), false,
        300_000L * 64 + 200 * MIB, 3 * 2 * GIB, 0, 0, 3600, 90, null, 0, List.of(), cfg(
            "replication-factor", "1", "memory-size", String.valueOf(2 * GIB), "default-ttl", "3600",
            "nsup-period", "120", "storage-engine", "memory", "stop-writes-pct", "90", "high-water-memory-pct", "0"));
    NamespaceInfo orders = new NamespaceInfo("orders", 800_000, 0, 3, "device", List.of(),
        List.of("/data/orders-0.dat", "/data/orders-1.dat"), false, 800_000L * 3 * 64, 0, 12 * GIB, 3 * 2 * 32 * GIB,
        0, 90, 60, 0, List.of(new SetInfo("order", 800_000, 0, 4 * GIB)), cfg(
            "replication-factor", "3", "memory-size", String.valueOf(GIB), "storage-engine", "device",
            "storage-engine.file[0]", "/data/orders-0.dat", "storage-engine.file[1]", "/data/orders-1.dat",
            "storage-engine.filesize", String.valueOf(32 * GIB), "high-water-disk-pct", "60",
            "high-water-memory-pct", "70", "stop-writes-pct", "90", "nsup-period", "120"));
    return snapshot("shop-ce", "6.2.0.3", 3, List.of(cache, orders));
  }

  /** A 5.7 CE cluster with 5.x defaults and settings removed since (deprecated thresholds). */
  public static ClusterSnapshot legacy5x() {
    Map<String, String> cfg = cfg(
        "replication-factor", "2", "memory-size", String.valueOf(8 * GIB), "default-ttl", "86400",
        "nsup-period", "120", "storage-engine", "device", "storage-engine.device[0]", "/dev/sdb",
        "storage-engine.data-in-memory", "false", "storage-engine.write-block-size", "131072",
        "storage-engine.min-avail-pct", "5", "storage-engine.max-write-cache", "67108864",
        "high-water-disk-pct", "50", "high-water-memory-pct", "60", "stop-writes-pct", "90",
        "single-bin", "true", "data-in-index", "false", "enable-xdr", "false", "rack-id", "0",
        "strong-consistency", "false", "evict-tenths-pct", "5");
    NamespaceInfo ns = new NamespaceInfo("legacy", 3_000_000, 0, 2, "device", List.of("/dev/sdb"), List.of(), false,
        3_000_000L * 2 * 64, 2 * 8 * GIB, 6 * GIB, 2 * 50 * GIB, 86400, 90, 50, 60, List.of(), cfg);
    return snapshot("legacy-ce", "5.7.0.21", 2, List.of(ns));
  }

  /** Service and network settings of the 5.x cluster, as get-config printed them. */
  public static SourceConfig legacy5xSourceConfig() {
    return new SourceConfig(cfg(
        "cluster-name", "legacy", "node-id", "a1", "proto-fd-max", "15000", "scan-threads-limit", "64",
        "transaction-queues", "4", "work-directory", "/opt/aerospike", "pidfile", "/var/run/aerospike/asd.pid",
        "migrate-threads", "1"), cfg(
        "service.port", "3000", "service.address", "any", "service.access-address", "10.0.0.11",
        "heartbeat.mode", "multicast", "heartbeat.multicast-group", "239.1.99.222", "heartbeat.port", "9918",
        "heartbeat.interval", "150", "heartbeat.timeout", "10", "fabric.port", "3001", "info.port", "3003"));
  }

  static ClusterSnapshot snapshot(String cluster, String build, int nodes, List<NamespaceInfo> namespaces) {
    List<NodeInfo> list = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      list.add(new NodeInfo("BB9" + i + "0000000000" + i, "10.0.0." + (10 + i) + ":3000", build,
          "Aerospike Community Edition", true, 10));
    }
    return new ClusterSnapshot(cluster, 1, Instant.parse("2026-11-28T06:00:00Z"), cluster, false, List.of(), list,
        namespaces, List.of(), List.of(), 10L * nodes, new ClusterSnapshot.Rates(30_000, 12_000, 100, 10));
  }

  private static Map<String, String> cfg(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A plan for a snapshot, targeting the given image version. */
  public static MigrationPlan plan(ClusterSnapshot s, String build, MigrationPlan.Features features, int racks) {
    String name = s.cluster().replace("-ce", "") + "-ee";
    return new MigrationPlan(name + "-plan", new MigrationPlan.SourceRef(s.cluster()), "team-a", List.of("owner-a"),
        "wave-1", new MigrationPlan.TargetSpec("migration", name, "aerospike/aerospike-server-enterprise:" + build,
        "ssd", "aerospike-secret", "auth-secret", features),
        new MigrationPlan.CopySpec(CopyMode.SCAN_COPY, new MigrationPlan.RateLimits(10_000, 10_000_000)),
        new MigrationPlan.ValidationSpec("standard"),
        new MigrationPlan.CutoverSpec(CutoverMethod.MANUAL, 5, 60, 60, null, null),
        new MigrationPlan.LicenceAcknowledgement(true, "owner-a"),
        new MigrationPlan.SizingOptions(20, 30, racks, 0));
  }
}

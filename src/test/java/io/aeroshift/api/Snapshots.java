package io.aeroshift.api;

import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.discovery.NamespaceInfo;
import io.aeroshift.discovery.NodeInfo;
import io.aeroshift.discovery.SetInfo;
import io.aeroshift.discovery.UdfInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Fixed snapshots for store and API tests (discovery itself is tested against the emulator). */
final class Snapshots {
  private Snapshots() {}

  static ClusterSnapshot sample(String cluster) {
    return withObjects(cluster, 1000);
  }

  static ClusterSnapshot sampleWithMoreObjects(String cluster) {
    return withObjects(cluster, 1500);
  }

  static ClusterSnapshot withObjects(String cluster, long objects) {
    NamespaceInfo ns = new NamespaceInfo("test", objects, 0, 2, "memory", List.of(), List.of(), false,
        1_000_000, 4L << 30, 0, 0, 0, 90, null, 60,
        List.of(new SetInfo("users", objects, 0, 123_456)), Map.of("replication-factor", "2", "memory-size", "4294967296"));
    return new ClusterSnapshot(cluster, 0, Instant.parse("2026-11-28T07:00:00Z"), "src", false, List.of(),
        List.of(new NodeInfo("BB9000000000001", "127.0.0.1:3000", "6.4.0.10", "Aerospike Community Edition", true, 3)),
        List.of(ns), List.of(), List.of(new UdfInfo("util.lua", "abc", "LUA")), 3,
        new ClusterSnapshot.Rates(10, 5, 0, 1));
  }
}

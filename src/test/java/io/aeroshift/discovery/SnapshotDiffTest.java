package io.aeroshift.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotDiffTest {
  static ClusterSnapshot snapshot(int version, long users, List<SetInfo> extra, String build, List<UdfInfo> udfs) {
    List<SetInfo> sets = new java.util.ArrayList<>(List.of(new SetInfo("users", users, 0, users * 10)));
    sets.addAll(extra);
    NamespaceInfo ns = new NamespaceInfo("test", users, 0, 2, "memory", List.of(), List.of(), false, 1, 2, 0, 0, 0, 90, null, 60, sets, Map.of());
    return new ClusterSnapshot("c", version, Instant.EPOCH, "x", false, List.of(),
        List.of(new NodeInfo("N1", "h:3000", build, "Aerospike Community Edition", true, 1)), List.of(ns), List.of(), udfs, 1,
        new ClusterSnapshot.Rates(0, 0, 0, 0));
  }

  @Test
  void reportsWhatChanged() {
    ClusterSnapshot a = snapshot(1, 100, List.of(), "6.4.0.10", List.of(new UdfInfo("u.lua", "h1", "LUA")));
    ClusterSnapshot b = snapshot(2, 150, List.of(new SetInfo("orders", 5, 0, 50)), "6.4.0.11", List.of());

    SnapshotDiff d = SnapshotDiff.between(a, b);

    assertThat(d.fromVersion()).isEqualTo(1);
    assertThat(d.toVersion()).isEqualTo(2);
    assertThat(d.changes()).contains(
        new SnapshotDiff.Change("nodes[N1].build", SnapshotDiff.Kind.CHANGED, "6.4.0.10", "6.4.0.11"),
        new SnapshotDiff.Change("namespaces[test].objects", SnapshotDiff.Kind.CHANGED, "100", "150"),
        new SnapshotDiff.Change("namespaces[test].sets[users].objects", SnapshotDiff.Kind.CHANGED, "100", "150"),
        new SnapshotDiff.Change("namespaces[test].sets[orders]", SnapshotDiff.Kind.ADDED, null, "orders"),
        new SnapshotDiff.Change("udfs[u.lua]", SnapshotDiff.Kind.REMOVED, "u.lua", null));
    assertThat(SnapshotDiff.between(a, a).changes()).isEmpty();
  }
}

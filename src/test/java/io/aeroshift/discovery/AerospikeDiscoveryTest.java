package io.aeroshift.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Discovery (official client adapter + assembler) against emulated clusters. Record counts are
 * multiples of 3 because the emulator spreads a set's per-node figures evenly over 3 nodes with
 * integer division; namespace counts come from master_objects and are exact for any count.
 */
class AerospikeDiscoveryTest {
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final long GIB = 1L << 30;

  static EmulatedCluster threeNodeCe64() {
    EmulatedCluster c = EmulatedCluster.builder().nodes(3).edition(Edition.COMMUNITY).build("6.4.0.10").clusterName("shop")
        .namespace(NamespaceSpec.named("test").replicationFactor(2).defaultTtl(86400)
            .storageDevice(List.of("/dev/sdb", "/dev/sdc"), 8 * GIB))
        .namespace(NamespaceSpec.named("bar").replicationFactor(2).storageMemory(GIB))
        .start();
    c.loadRecords("test", "users", 300, 100);
    c.loadRecords("test", "orders", 150, 200);
    c.loadRecords("bar", "tags", 60, 50);
    return c;
  }

  static ClusterSnapshot discover(ConnectionSpec spec) {
    ClusterReading reading = new AerospikeClusterReader().read(spec, Duration.ofMillis(20));
    return SnapshotAssembler.assemble("shop", reading, Instant.now());
  }

  @Test
  void serviceAndNetworkSettingsOfOneNodeAreKeptWithoutSecrets() {
    try (EmulatedCluster cluster = threeNodeCe64()) {
      ClusterSnapshot s = discover(new ConnectionSpec(List.of(cluster.seeds().get(0)), null, null, null, TIMEOUT));

      assertThat(s.serviceConfig()).containsEntry("cluster-name", "shop").containsEntry("proto-fd-max", "15000");
      assertThat(s.serviceConfig().get("node-id"))
          .isIn(cluster.nodeId(0), cluster.nodeId(1), cluster.nodeId(2));
      assertThat(s.networkConfig()).containsEntry("heartbeat.mode", "mesh").containsEntry("fabric.port", "3001");
      // The node read is whichever answered first; its service port is one of the cluster's seeds.
      assertThat(cluster.seeds()).anySatisfy(seed -> assertThat(seed).endsWith(":" + s.networkConfig().get("service.port")));
      assertThat(s.serviceConfig().keySet()).noneMatch(SourceSettings::isSecret);
    }
  }

  @Test
  void threeNodeCommunity64ClusterGivesExactCountsAndSettings() {
    try (EmulatedCluster cluster = threeNodeCe64()) {
      ClusterSnapshot s = discover(new ConnectionSpec(List.of(cluster.seeds().get(0)), null, null, null, TIMEOUT));

      assertThat(s.partial()).as(String.valueOf(s.problems())).isFalse();
      assertThat(s.clusterName()).isEqualTo("shop");
      assertThat(s.size()).isEqualTo(3);
      assertThat(s.nodes()).extracting(NodeInfo::nodeId)
          .containsExactlyInAnyOrder(cluster.nodeId(0), cluster.nodeId(1), cluster.nodeId(2));
      assertThat(s.nodes()).allSatisfy(n -> {
        assertThat(n.build()).isEqualTo("6.4.0.10");
        assertThat(n.edition()).isEqualTo("Aerospike Community Edition");
        assertThat(n.reachable()).isTrue();
        assertThat(cluster.seeds()).contains(n.address());
      });
      assertThat(s.namespaces()).extracting(NamespaceInfo::name).containsExactlyInAnyOrder("test", "bar");

      NamespaceInfo test = s.namespace("test");
      assertThat(test.objects()).isEqualTo(450);
      assertThat(test.tombstones()).isZero();
      assertThat(test.replicationFactor()).isEqualTo(2);
      assertThat(test.storageEngine()).isEqualTo("device");
      assertThat(test.devices()).containsExactly("/dev/sdb", "/dev/sdc");
      assertThat(test.defaultTtlSeconds()).isEqualTo(86400);
      assertThat(test.diskConfiguredBytes()).isEqualTo(3 * 8 * GIB);
      assertThat(test.memoryConfiguredBytes()).isEqualTo(3 * 2 * GIB);
      assertThat(test.diskUsedBytes()).isPositive();
      assertThat(test.stopWritesPct()).isEqualTo(90);
      assertThat(test.highWaterDiskPct()).isZero();
      assertThat(test.highWaterMemoryPct()).isZero();
      assertThat(test.sets()).extracting(SetInfo::name, SetInfo::objects)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("orders", 150L), org.assertj.core.groups.Tuple.tuple("users", 300L));
      assertThat(test.sets()).allSatisfy(set -> assertThat(set.dataUsedBytes()).isPositive());

      NamespaceInfo bar = s.namespace("bar");
      assertThat(bar.objects()).isEqualTo(60);
      assertThat(bar.replicationFactor()).isEqualTo(2);
      assertThat(bar.storageEngine()).isEqualTo("memory");
      assertThat(bar.memoryConfiguredBytes()).isEqualTo(3 * GIB);
      assertThat(bar.diskConfiguredBytes()).isZero();
      assertThat(bar.sets()).extracting(SetInfo::name, SetInfo::objects)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("tags", 60L));
      assertThat(s.rates().sampleSeconds()).isPositive();
    }
  }

  @Test
  void oneNodeDownGivesAPartialSnapshotNamingIt() {
    try (EmulatedCluster cluster = threeNodeCe64()) {
      String down = cluster.seeds().get(2);
      cluster.stopNode(2);

      ClusterSnapshot s = discover(new ConnectionSpec(cluster.seeds(), null, null, null, TIMEOUT));

      assertThat(s.partial()).isTrue();
      assertThat(s.problems()).singleElement().asString().startsWith("NODE_UNREACHABLE").contains(down);
      assertThat(s.nodes()).filteredOn(n -> !n.reachable()).singleElement()
          .satisfies(n -> assertThat(n.address()).isEqualTo(down));
      assertThat(s.nodes()).filteredOn(NodeInfo::reachable).hasSize(2);
    }
  }

  @Test
  void unreachableSeedsFailWithSeedsUnreachable() throws IOException {
    String nowhere = "127.0.0.1:" + freePort();
    assertThatThrownBy(() -> discover(new ConnectionSpec(List.of(nowhere), null, null, null, TIMEOUT)))
        .isInstanceOfSatisfying(DiscoveryException.class, e -> {
          assertThat(e.discoveryReason()).isEqualTo(DiscoveryException.Reason.SEEDS_UNREACHABLE);
          assertThat(e.getMessage()).contains(nowhere);
        });
  }

  @Test
  void wrongCredentialsFailWithAuthenticationFailed() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(1).edition(Edition.ENTERPRISE).build("7.2.0.6")
        .namespace(NamespaceSpec.named("test").replicationFactor(1)).user("admin", "right-password", "sys-admin").start()) {
      ConnectionSpec wrong = new ConnectionSpec(cluster.seeds(), "admin", "wrong-password", null, TIMEOUT);
      assertThatThrownBy(() -> discover(wrong))
          .isInstanceOfSatisfying(DiscoveryException.class, e -> {
            assertThat(e.discoveryReason()).isEqualTo(DiscoveryException.Reason.AUTHENTICATION_FAILED);
            assertThat(e.getMessage()).doesNotContain("wrong-password");
          });
      ConnectionSpec unknownUser = new ConnectionSpec(cluster.seeds(), "nobody", "x", null, TIMEOUT);
      assertThatThrownBy(() -> discover(unknownUser))
          .isInstanceOfSatisfying(DiscoveryException.class, e ->
              assertThat(e.discoveryReason()).isEqualTo(DiscoveryException.Reason.AUTHENTICATION_FAILED));

      ClusterSnapshot ok = discover(new ConnectionSpec(cluster.seeds(), "admin", "right-password", null, TIMEOUT));
      assertThat(ok.partial()).isFalse();
      assertThat(ok.nodes()).singleElement().satisfies(n -> assertThat(n.community()).isFalse());
      assertThat(ok.namespace("test").replicationFactor()).isEqualTo(1);
    }
  }

  @Test
  void secondRunShowsWhatChanged() {
    try (EmulatedCluster cluster = threeNodeCe64()) {
      ConnectionSpec spec = new ConnectionSpec(cluster.seeds(), null, null, null, TIMEOUT);
      ClusterSnapshot first = discover(spec);
      cluster.loadRecords("bar", "more", 30, 10);
      ClusterSnapshot second = discover(spec);

      SnapshotDiff diff = SnapshotDiff.between(first, second);

      assertThat(diff.changes()).contains(
          new SnapshotDiff.Change("namespaces[bar].objects", SnapshotDiff.Kind.CHANGED, "60", "90"),
          new SnapshotDiff.Change("namespaces[bar].sets[more]", SnapshotDiff.Kind.ADDED, null, "more"));
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

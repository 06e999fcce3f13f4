package io.aeroshift.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotAssemblerTest {
  static final Instant AT = Instant.parse("2026-11-28T07:00:00Z");

  static Map<String, String> recorded(String file) throws IOException {
    try (InputStream in = SnapshotAssemblerTest.class.getResourceAsStream("/info/" + file)) {
      Map<String, String> out = new LinkedHashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          out.put(line.substring(0, tab), line.substring(tab + 1));
        }
      }
      return out;
    }
  }

  @Test
  void communityEdition64TwoNodesReplicationFactorTwo() throws IOException {
    Map<String, String> n1 = recorded("ce64-node1.txt");
    Map<String, String> n2 = recorded("ce64-node2.txt");
    Map<String, String> n1later = Map.of("namespace/test", n1.get("namespace/test")
        .replace("client_read_success=100", "client_read_success=160")
        .replace("client_write_success=50", "client_write_success=70"));
    Map<String, String> n2later = Map.of("namespace/test", n2.get("namespace/test")
        .replace("client_read_success=300", "client_read_success=340"));
    ClusterReading reading = new ClusterReading(
        List.of(new NodeReading("10.0.0.1:3000", n1, n1later), new NodeReading("10.0.0.2:3000", n2, n2later)), List.of(), 2.0);

    ClusterSnapshot s = SnapshotAssembler.assemble("shop", reading, AT);

    assertThat(s.partial()).isFalse();
    assertThat(s.problems()).isEmpty();
    assertThat(s.clusterName()).isEqualTo("shop-ce");
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.nodes()).extracting(NodeInfo::nodeId).containsExactly("BB9000000000001", "BB9000000000002");
    assertThat(s.nodes()).allMatch(NodeInfo::community).allMatch(n -> n.build().equals("6.4.0.10"));
    assertThat(s.clientConnections()).isEqualTo(12);

    NamespaceInfo test = s.namespace("test");
    assertThat(test.objects()).as("master objects, not replicas").isEqualTo(20);
    assertThat(test.replicationFactor()).isEqualTo(2);
    assertThat(test.storageEngine()).isEqualTo("device");
    assertThat(test.devices()).containsExactly("/dev/sdb", "/dev/sdc");
    assertThat(test.files()).isEmpty();
    assertThat(test.dataInMemory()).isFalse();
    assertThat(test.memoryUsedBytes()).isEqualTo(4096);
    assertThat(test.memoryConfiguredBytes()).isEqualTo(2L * 1073741824);
    assertThat(test.diskUsedBytes()).isEqualTo(8192);
    assertThat(test.diskConfiguredBytes()).isEqualTo(2L * 10737418240L);
    assertThat(test.defaultTtlSeconds()).isEqualTo(2592000);
    assertThat(test.stopWritesPct()).isEqualTo(90);
    assertThat(test.highWaterDiskPct()).isEqualTo(50);
    assertThat(test.highWaterMemoryPct()).isEqualTo(60);
    assertThat(test.sets()).containsExactly(new SetInfo("orders", 8, 0, 800), new SetInfo("users", 12, 0, 1200));
    assertThat(test.config()).containsEntry("memory-size", "1073741824").doesNotContainKey("objects");

    NamespaceInfo bar = s.namespace("bar");
    assertThat(bar.objects()).isEqualTo(6);
    assertThat(bar.storageEngine()).isEqualTo("memory");
    assertThat(bar.memoryConfiguredBytes()).isEqualTo(2L * 536870912);
    assertThat(bar.diskConfiguredBytes()).isZero();
    assertThat(bar.highWaterMemoryPct()).isEqualTo(70);
    assertThat(bar.highWaterDiskPct()).isNull();
    assertThat(bar.stopWritesPct()).isEqualTo(85);
    assertThat(bar.sets()).containsExactly(new SetInfo("tags", 6, 0, 600));
    assertThat(bar.config()).as("get-config failed: falls back to namespace/<ns>").containsEntry("replication-factor", "2");

    assertThat(s.secondaryIndexes()).containsExactly(
        new SecondaryIndexInfo("test", "users", "idx_age", "age", "numeric", "default", "RW"),
        new SecondaryIndexInfo("bar", null, "idx_tag", "tag", "string", "list", "RW"));
    assertThat(s.udfs()).extracting(UdfInfo::filename).containsExactly("agg.lua", "util.lua");

    assertThat(s.rates().sampleSeconds()).isEqualTo(2.0);
    assertThat(s.rates().readsPerSecond()).isEqualTo((60 + 40) / 2.0);
    assertThat(s.rates().writesPerSecond()).isEqualTo(20 / 2.0);
  }

  @Test
  void enterprise71UsesTheUnifiedStorageNames() throws IOException {
    ClusterReading reading = new ClusterReading(List.of(new NodeReading("127.0.0.1:3000", recorded("ee71-node1.txt"), null)), List.of(), 0);

    ClusterSnapshot s = SnapshotAssembler.assemble("ee", reading, AT);

    assertThat(s.partial()).isFalse();
    assertThat(s.clusterName()).as("'null' means no cluster-name").isNull();
    assertThat(s.nodes().get(0).community()).isFalse();
    NamespaceInfo mem = s.namespace("mem7");
    assertThat(mem.objects()).isEqualTo(500);
    assertThat(mem.tombstones()).isEqualTo(4);
    assertThat(mem.memoryConfiguredBytes()).as("storage-engine.data-size").isEqualTo(4294967296L);
    assertThat(mem.memoryUsedBytes()).as("data + index").isEqualTo(65536 + 32000);
    assertThat(mem.stopWritesPct()).as("stop-writes-used-pct").isEqualTo(80);
    assertThat(mem.highWaterMemoryPct()).as("evict-used-pct of a memory namespace").isEqualTo(70);
    assertThat(mem.highWaterDiskPct()).isNull();
    assertThat(mem.sets()).containsExactly(new SetInfo("s1", 500, 4, 65536));

    NamespaceInfo disk = s.namespace("disk7");
    assertThat(disk.storageEngine()).isEqualTo("device");
    assertThat(disk.files()).containsExactly("/opt/aerospike/data/disk7.dat");
    assertThat(disk.diskUsedBytes()).isEqualTo(8192);
    assertThat(disk.diskConfiguredBytes()).isEqualTo(21474836480L);
    assertThat(disk.highWaterDiskPct()).isEqualTo(60);
    assertThat(disk.stopWritesPct()).isEqualTo(70);
    assertThat(disk.defaultTtlSeconds()).isEqualTo(86400);
    assertThat(disk.sets()).isEmpty();
    assertThat(s.udfs()).isEmpty();
    assertThat(s.secondaryIndexes()).isEmpty();
    assertThat(s.rates().readsPerSecond()).isZero();
  }

  @Test
  void unreachableNodeMakesThePartialSnapshotNameIt() throws IOException {
    ClusterReading reading = new ClusterReading(List.of(new NodeReading("10.0.0.1:3000", recorded("ce64-node1.txt"), null)),
        List.of(new ClusterReading.UnreachableNode("BB9000000000002", "10.0.0.2:3000", "Connection refused")), 0);

    ClusterSnapshot s = SnapshotAssembler.assemble("shop", reading, AT);

    assertThat(s.partial()).isTrue();
    assertThat(s.problems()).singleElement().asString()
        .startsWith("NODE_UNREACHABLE").contains("BB9000000000002").contains("10.0.0.2:3000");
    assertThat(s.nodes()).extracting(NodeInfo::reachable).containsExactly(true, false);
    assertThat(s.namespace("test").objects()).as("only the node read").isEqualTo(10);
  }

  @Test
  void unknownServerVersionIsReportedAndItsFiguresLeftOut() throws IOException {
    Map<String, String> future = new LinkedHashMap<>(recorded("ce64-node2.txt"));
    future.put("build", "9.0.0.1");
    ClusterReading reading = new ClusterReading(
        List.of(new NodeReading("10.0.0.1:3000", recorded("ce64-node1.txt"), null), new NodeReading("10.0.0.2:3000", future, null)),
        List.of(), 0);

    ClusterSnapshot s = SnapshotAssembler.assemble("shop", reading, AT);

    assertThat(s.partial()).isTrue();
    assertThat(s.problems()).singleElement().asString().startsWith("UNSUPPORTED_SERVER_VERSION").contains("9.0.0.1");
    assertThat(s.namespace("test").objects()).isEqualTo(10);
  }

  @Test
  void serverVersions() {
    assertThat(ServerVersion.parse("6.4.0.10")).isEqualTo(new ServerVersion(6, 4, 0, 10));
    assertThat(ServerVersion.parse("8.1.0.0-rc1").supported()).isTrue();
    assertThat(ServerVersion.parse("4.8.0.1").supported()).isFalse();
    assertThat(ServerVersion.parse("9.0.0.0").supported()).isFalse();
    assertThat(ServerVersion.parse("8.1.0")).isNull();
    assertThat(ServerVersion.parse("7.0.0.1").unifiedStorage()).isTrue();
    assertThat(ServerVersion.parse("5.2.0.0").filterExpressions()).isTrue();
    assertThat(ServerVersion.parse("5.1.9.9").filterExpressions()).isFalse();
  }
}

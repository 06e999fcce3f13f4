package io.aeroshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Multi-node behaviour: partition ownership, node stop/start during traffic and scans. */
class EmulatorClusterTest {

  private static EmulatedCluster threeNodes(int rf) {
    return EmulatedCluster.builder().nodes(3).build("7.2.0.6").clusterName("src-a")
        .namespace(NamespaceSpec.named("test").replicationFactor(rf)).start();
  }

  private static ClientPolicy policy() {
    ClientPolicy p = new ClientPolicy();
    p.clusterName = "src-a";
    return p;
  }

  private static long sum(AerospikeClient client, String ns, String stat) {
    long total = 0;
    for (Node n : client.getNodes()) {
      total += Long.parseLong(InfoText.kv(Info.request(null, n, "namespace/" + ns), ';').get(stat));
    }
    return total;
  }

  @Test
  void nodeStoppedDuringPartitionScanStillDeliversEveryRecordExactlyOnce() {
    try (EmulatedCluster cluster = threeNodes(2); AerospikeClient client = new AerospikeClient(policy(), cluster.hosts())) {
      cluster.loadRecords("test", "s", 3000, 100);
      ScanPolicy scan = new ScanPolicy();
      scan.recordsPerSecond = 3000; // per node: keeps each node's stream open long enough to be cut
      scan.maxRetries = 50;
      scan.sleepBetweenRetries = 100;
      Map<String, Integer> seen = new ConcurrentHashMap<>();
      AtomicBoolean stopped = new AtomicBoolean();
      AtomicInteger count = new AtomicInteger();
      client.scanPartitions(scan, PartitionFilter.all(), "test", "s", (key, rec) -> {
        seen.merge(rec.getString("payload").split(":")[0], 1, Integer::sum);
        if (count.incrementAndGet() == 200 && stopped.compareAndSet(false, true)) cluster.stopNode(1);
      });
      assertThat(stopped).isTrue();
      assertThat(cluster.isRunning(1)).isFalse();
      assertThat(seen).hasSize(3000);
      // The partition tracker resumes each unfinished partition strictly after its last digest.
      assertThat(seen.values()).containsOnly(1);
    }
  }

  @Test
  void stoppedNodesPartitionsMoveAndDataStaysReadable() {
    try (EmulatedCluster cluster = threeNodes(2); AerospikeClient client = new AerospikeClient(policy(), cluster.hosts())) {
      for (int i = 0; i < 300; i++) client.put(null, new Key("test", "s", i), new Bin("v", i));
      assertThat(sum(client, "test", "master_objects")).isEqualTo(300);
      assertThat(sum(client, "test", "objects")).isEqualTo(600);
      String nodeId = cluster.nodeId(0);
      String seed = cluster.seeds().get(0);
      String genBefore = Info.request(null, client.getNode(cluster.nodeId(1)), "partition-generation");

      cluster.stopNode(0);
      await().atMost(Duration.ofSeconds(10)).until(() -> client.getNodes().length == 2);
      assertThat(Info.request(null, client.getNode(cluster.nodeId(1)), "partition-generation")).isNotEqualTo(genBefore);
      assertThat(cluster.hosts()).hasSize(2);
      assertThat(cluster.seeds()).hasSize(3);
      for (int i = 0; i < 300; i++) assertThat(client.get(null, new Key("test", "s", i)).getInt("v")).isEqualTo(i);
      for (int i = 300; i < 350; i++) client.put(null, new Key("test", "s", i), new Bin("v", i));
      assertThat(sum(client, "test", "master_objects")).isEqualTo(350);
      assertThat(sum(client, "test", "objects")).isEqualTo(700);

      cluster.startNode(0);
      await().atMost(Duration.ofSeconds(10)).until(() -> client.getNodes().length == 3);
      assertThat(cluster.nodeId(0)).isEqualTo(nodeId);
      assertThat(cluster.seeds().get(0)).isEqualTo(seed);
      assertThat(Info.request(null, client.getNode(nodeId), "node")).isEqualTo(nodeId);
      for (int i = 0; i < 350; i++) assertThat(client.get(null, new Key("test", "s", i))).isNotNull();
      assertThat(sum(client, "test", "master_objects")).isEqualTo(350);
    }
  }

  @Test
  void replicationFactorOneLosesAvailabilityOfNothingBecauseTheStoreIsShared() {
    try (EmulatedCluster cluster = threeNodes(1); AerospikeClient client = new AerospikeClient(policy(), cluster.hosts())) {
      cluster.loadRecords("test", null, 1000, 50);
      assertThat(sum(client, "test", "master_objects")).isEqualTo(1000);
      assertThat(sum(client, "test", "objects")).isEqualTo(1000);
      AtomicInteger scanned = new AtomicInteger();
      client.scanPartitions(new ScanPolicy(), PartitionFilter.all(), "test", null, (k, r) -> scanned.incrementAndGet());
      assertThat(scanned.get()).isEqualTo(1000);
      Record r = client.get(null, new Key("test", (String) null, "key-5"));
      assertThat(r.getString("payload")).startsWith("key-5:");
    }
  }

  @Test
  void eachNodeOwnsADisjointShareOfMasterPartitions() {
    try (EmulatedCluster cluster = threeNodes(2); AerospikeClient client = new AerospikeClient(policy(), cluster.hosts())) {
      int masters = 0;
      for (Node n : client.getNodes()) {
        String replicas = Info.request(null, n, "replicas");
        String[] parts = replicas.substring(replicas.indexOf(':') + 1).split(",");
        assertThat(parts[0]).isEqualTo("0");
        assertThat(parts[1]).isEqualTo("2");
        byte[] bitmap = java.util.Base64.getDecoder().decode(parts[2]);
        assertThat(bitmap).hasSize(512);
        for (byte b : bitmap) masters += Integer.bitCount(b & 0xFF);
        assertThat(Info.request(null, n, "cluster-name")).isEqualTo("src-a");
        assertThat(Info.request(null, n, "peers-clear-std")).matches("\\d+,\\d+,\\[\\[BB9.*\\]\\]");
      }
      assertThat(masters).isEqualTo(4096);
    }
  }

  @Test
  void builderRejectsBadInputWithClearMessages() {
    assertThatThrownBy(() -> EmulatedCluster.builder().build("6.4.0")).hasMessageContaining("a.b.c.d");
    assertThatThrownBy(() -> EmulatedCluster.builder().nodes(0)).hasMessageContaining("node count");
    assertThatThrownBy(() -> NamespaceSpec.named("bad;name")).hasMessageContaining("namespace name");
    assertThatThrownBy(() -> EmulatedCluster.builder().user("admin", "pw", "sys-admin").start())
        .hasMessageContaining("ENTERPRISE");
    assertThatThrownBy(() -> NamespaceSpec.named("x").replicationFactor(0)).hasMessageContaining("replication-factor");
  }

  /**
   * A stopped node restarts on its own port at once. Closing a listener does not free its port
   * while the node's acceptor thread is still inside {@code accept()} (the JDK defers the close to
   * that thread): a restart right after the stop of a node that had been serving failed with
   * "Address already in use" (XdrReplicationEmulatorTest.aRestartedSourceNodeIsNotReadyUntilSetUpAgain
   * once, in a loaded run).
   */
  @Test
  void aStoppedNodeRestartsOnItsOwnPortAtOnce() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(2).start()) {
      int port = Integer.parseInt(cluster.seeds().get(1).split(":")[1]);
      for (int i = 0; i < 50; i++) {
        // served a request: the node's acceptor is back in accept(), as in a node that has been running
        assertThat(Info.request("127.0.0.1", port, "node")).isNotBlank();
        cluster.stopNode(1);
        cluster.startNode(1);
      }
      assertThat(cluster.seeds().get(1)).endsWith(":" + port);
      try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
        await().atMost(Duration.ofSeconds(30)).until(() -> client.getNodes().length == 2);
      }
    }
  }
}

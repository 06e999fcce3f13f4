package io.aeroshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.testsupport.ClusterContents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Emulated XDR through the official client's info calls: the server's replies, shipping, statistics. */
class EmulatorXdrTest {

  private static ClientPolicy policy() {
    ClientPolicy p = new ClientPolicy();
    p.timeout = 2000;
    p.tendInterval = 250;
    return p;
  }

  private static EmulatedCluster enterprise(int nodes, String... features) {
    EmulatedCluster.Builder b = EmulatedCluster.builder().nodes(nodes).edition(Edition.ENTERPRISE).build("7.2.0.6")
        .namespace(NamespaceSpec.named("test").replicationFactor(2));
    if (features.length > 0) b.featureKeys(features);
    return b.start();
  }

  private static void onEveryNode(AerospikeClient client, String command) {
    for (Node n : client.getNodes()) assertThat(Info.request(null, n, command)).as(command + " on " + n).isEqualTo("ok");
  }

  private static Map<String, String> stats(Node n, String dc) {
    return InfoText.kv(Info.request(null, n, "get-stats:context=xdr;dc=" + dc), ';');
  }

  private static long sum(AerospikeClient client, String dc, String stat) {
    long total = 0;
    for (Node n : client.getNodes()) total += Long.parseLong(stats(n, dc).get(stat));
    return total;
  }

  @Test
  void communityAnswersAsACommunityServer() {
    try (EmulatedCluster ce = EmulatedCluster.builder().edition(Edition.COMMUNITY).build("7.2.0.6").start();
        AerospikeClient client = new AerospikeClient(policy(), ce.hosts())) {
      Node n = client.getNodes()[0];
      assertThat(Info.request(null, n, "set-config:context=xdr;dc=DC1;action=create")).isEqualTo("ERROR:25:enterprise only");
      assertThat(Info.request(null, n, "get-config:context=xdr")).isEmpty();
      assertThat(Info.request(null, n, "get-stats:context=xdr;dc=DC1")).isEmpty();
      assertThat(Info.request(null, n, "feature-key")).isEqualTo("ERROR:25:enterprise only");
    }
  }

  @Test
  void withoutTheXdrFeatureKeyDcsAreRefused() {
    try (EmulatedCluster ee = enterprise(1, "asdb-compression"); AerospikeClient client = new AerospikeClient(policy(), ee.hosts())) {
      Node n = client.getNodes()[0];
      assertThat(InfoText.kv(Info.request(null, n, "feature-key"), ';')).containsEntry("asdb-xdr", "false")
          .containsEntry("asdb-change-notification", "false");
      assertThat(Info.request(null, n, "set-config:context=xdr;dc=DC1;action=create")).isEqualTo(XdrService.REFUSED);
      assertThat(Info.request(null, n, "get-config:context=xdr")).startsWith("dcs=;");
    }
  }

  @Test
  void configurationRepliesFollowTheServer() {
    try (EmulatedCluster ee = enterprise(1, "asdb-xdr"); AerospikeClient client = new AerospikeClient(policy(), ee.hosts())) {
      Node n = client.getNodes()[0];
      assertThat(Info.request(null, n, "set-config:context=xdr;dc=DC1;action=create")).isEqualTo("ok");
      assertThat(Info.request(null, n, "set-config:context=xdr;dc=DC1;action=create")).isEqualTo(XdrService.REFUSED);
      // connector mode needs asdb-change-notification, which this key lacks
      assertThat(Info.request(null, n, "set-config:context=xdr;dc=DC1;connector=true")).isEqualTo(XdrService.REFUSED);
      assertThat(Info.request(null, n, "set-config:context=xdr;dc=DC1;auth-mode=internal")).isEqualTo("ok");
      assertThat(Info.request(null, n, "set-config:context=xdr;dc=DC1;no-such-param=1")).isEqualTo(XdrService.REFUSED);
      assertThat(Info.request(null, n, "set-config:context=xdr;dc=DC1;node-address-port=10.0.0.1:3000;action=add")).isEqualTo("ok");
      assertThat(Info.request(null, n, "set-config:context=xdr;dc=DC1;node-address-port=10.0.0.1:3000;action=add")).isEqualTo(XdrService.REFUSED);
      assertThat(Info.request(null, n, "set-config:context=xdr;dc=DC1;namespace=test;action=add;rewind=all")).isEqualTo("ok");
      assertThat(Info.request(null, n, "set-config:context=xdr;dc=DC1;namespace=nosuch;action=add")).isEqualTo(XdrService.REFUSED);
      assertThat(Info.request(null, n, "set-config:context=xdr;dc=DC1;namespace=test;remote-namespace=other")).isEqualTo("ok");
      Map<String, String> dc = InfoText.kv(Info.request(null, n, "get-config:context=xdr;dc=DC1"), ';');
      assertThat(dc).containsEntry("auth-mode", "internal").containsEntry("connector", "false")
          .containsEntry("node-address-port", "10.0.0.1:3000").containsEntry("namespaces", "test");
      assertThat(InfoText.kv(Info.request(null, n, "get-config:context=xdr;dc=DC1;namespace=test"), ';'))
          .containsEntry("remote-namespace", "other");
      assertThat(Info.request(null, n, "get-config:context=xdr")).startsWith("dcs=DC1;");
      // rewind in progress, destination unreachable: recoveries pending and no connected node
      Map<String, String> s = stats(n, "DC1");
      assertThat(s).containsEntry("nodes", "0").containsEntry("recoveries_pending", "4096");
      assertThat(Long.parseLong(s.get("lag"))).isGreaterThan(400_000_000L); // measured from the 2010 rewind point
      // a DC that still ships a namespace cannot be deleted
      assertThat(Info.request(null, n, "set-config:context=xdr;dc=DC1;action=delete")).isEqualTo(XdrService.REFUSED);
      assertThat(Info.request(null, n, "set-config:context=xdr;dc=DC1;namespace=test;action=remove")).isEqualTo("ok");
      assertThat(Info.request(null, n, "set-config:context=xdr;dc=DC1;node-address-port=10.0.0.1:3000;action=remove")).isEqualTo("ok");
      assertThat(Info.request(null, n, "set-config:context=xdr;dc=DC1;action=delete")).isEqualTo("ok");
      assertThat(Info.request(null, n, "get-config:context=xdr")).startsWith("dcs=;");
      assertThat(Info.request(null, n, "get-stats:context=xdr;dc=DC1")).isEqualTo("ERROR:4:DC not found");
    }
  }

  @Test
  void shipsExistingRecordsWritesAndDeletesToAnotherCluster() {
    try (EmulatedCluster source = enterprise(3); EmulatedCluster target = enterprise(2);
        AerospikeClient src = new AerospikeClient(policy(), source.hosts());
        AerospikeClient dst = new AerospikeClient(policy(), target.hosts())) {
      source.loadRecords("test", "s", 500, 100);
      onEveryNode(src, "set-config:context=xdr;dc=DC1;action=create");
      for (String seed : target.seeds()) onEveryNode(src, "set-config:context=xdr;dc=DC1;node-address-port=" + seed + ";action=add");
      onEveryNode(src, "set-config:context=xdr;dc=DC1;namespace=test;action=add;rewind=all");

      for (int i = 0; i < 100; i++) src.put(null, new Key("test", "s", "live-" + i), new Bin("v", i));
      for (int i = 0; i < 50; i++) src.delete(null, new Key("test", "s", "key-" + i));

      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
        assertThat(sum(src, "DC1", "recoveries_pending")).isZero();
        assertThat(sum(src, "DC1", "in_queue")).isZero();
        assertThat(ClusterContents.of(dst, "test")).isEqualTo(ClusterContents.of(src, "test"));
      });
      assertThat(ClusterContents.of(dst, "test")).hasSize(550);
      for (Node n : src.getNodes()) assertThat(stats(n, "DC1")).containsEntry("lag", "0").containsEntry("nodes", "2");
      assertThat(sum(src, "DC1", "success")).isGreaterThanOrEqualTo(550);
      // the origin's last-update time travels with the record
      Key live = new Key("test", "s", "live-7");
      assertThat(dst.get(null, live).getInt("v")).isEqualTo(7);
    }
  }

  @Test
  void anUnreachableDestinationShowsInTheStatisticsAndNothingIsLost() {
    try (EmulatedCluster source = enterprise(1); EmulatedCluster target = enterprise(1);
        AerospikeClient src = new AerospikeClient(policy(), source.hosts());
        AerospikeClient dst = new AerospikeClient(policy(), target.hosts())) {
      onEveryNode(src, "set-config:context=xdr;dc=DC1;action=create");
      onEveryNode(src, "set-config:context=xdr;dc=DC1;node-address-port=" + target.seeds().get(0) + ";action=add");
      onEveryNode(src, "set-config:context=xdr;dc=DC1;namespace=test;action=add");
      Node n = src.getNodes()[0];
      target.stopNode(0);
      for (int i = 0; i < 20; i++) src.put(null, new Key("test", "s", i), new Bin("v", i));

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        Map<String, String> s = stats(n, "DC1");
        assertThat(s).containsEntry("nodes", "0").containsEntry("in_queue", "20");
        assertThat(Long.parseLong(s.get("retry_no_node"))).isPositive();
        assertThat(Long.parseLong(s.get("lag"))).isPositive();
      });
      target.startNode(0);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(stats(n, "DC1")).containsEntry("in_queue", "0").containsEntry("lag", "0").containsEntry("success", "20");
        assertThat(ClusterContents.of(dst, "test")).isEqualTo(ClusterContents.of(src, "test"));
      });
    }
  }

  @Test
  void shipsThroughAnEmulatedProxyInConnectorMode() {
    try (EmulatedCluster source = enterprise(2); EmulatedCluster target = enterprise(1);
        AerospikeClient src = new AerospikeClient(policy(), source.hosts());
        AerospikeClient dst = new AerospikeClient(policy(), target.hosts());
        EmulatedXdrProxy proxy = EmulatedXdrProxy.start(List.of(target.hosts()), policy())) {
      source.loadRecords("test", null, 200, 50);
      onEveryNode(src, "set-config:context=xdr;dc=PROXY;action=create");
      onEveryNode(src, "set-config:context=xdr;dc=PROXY;connector=true");
      onEveryNode(src, "set-config:context=xdr;dc=PROXY;node-address-port=" + proxy.address() + ";action=add");
      onEveryNode(src, "set-config:context=xdr;dc=PROXY;namespace=test;action=add;rewind=all");
      for (int i = 0; i < 30; i++) src.delete(null, new Key("test", null, "key-" + i));

      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
        assertThat(sum(src, "PROXY", "recoveries_pending")).isZero();
        assertThat(sum(src, "PROXY", "in_queue")).isZero();
        assertThat(ClusterContents.of(dst, "test")).isEqualTo(ClusterContents.of(src, "test")).hasSize(170);
      });
      assertThat(proxy.writes()).isGreaterThanOrEqualTo(170);

      proxy.stop();
      src.put(null, new Key("test", null, "late"), new Bin("v", 1));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sum(src, "PROXY", "in_queue")).isEqualTo(1));
      assertThat(dst.exists(null, new Key("test", null, "late"))).isFalse();
      proxy.resume();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dst.exists(null, new Key("test", null, "late"))).isTrue());
    }
  }

  /**
   * A rewind recovers partitions while clients write to them. The recovery once held the node's
   * XDR lock while it took each partition's lock, and a write holds its partition's lock while it
   * queues the change under the XDR lock: the two could deadlock, and from then on every
   * {@code get-stats}/{@code get-config} of that node hung until the client's socket timeout
   * ({@code Error -8: Connection failed}, Info wraps every I/O error so).
   */
  @Test
  void aRewindDuringHeavyWritesNeverBlocksTheNode() throws Exception {
    try (EmulatedCluster source = enterprise(1); EmulatedCluster target = enterprise(1);
        AerospikeClient src = new AerospikeClient(policy(), source.hosts());
        AerospikeClient dst = new AerospikeClient(policy(), target.hosts())) {
      source.loadRecords("test", "s", 20_000, 20);
      onEveryNode(src, "set-config:context=xdr;dc=DC1;action=create");
      onEveryNode(src, "set-config:context=xdr;dc=DC1;node-address-port=" + target.seeds().get(0) + ";action=add");
      java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
      List<Thread> writers = new java.util.ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int offset = w;
        Thread t = new Thread(() -> {
          com.aerospike.client.policy.WritePolicy wp = new com.aerospike.client.policy.WritePolicy();
          wp.totalTimeout = 30_000;
          for (int i = offset; !stop.get(); i += 4) {
            try {
              src.put(wp, new Key("test", "s", "key-" + (i % 20_000)), new Bin("v", i));
            } catch (com.aerospike.client.AerospikeException e) {
              return; // a hung node: the info calls below report it
            }
          }
        }, "writer-" + w);
        t.start();
        writers.add(t);
      }
      com.aerospike.client.policy.InfoPolicy info = new com.aerospike.client.policy.InfoPolicy();
      info.timeout = 10_000;
      Node n = src.getNodes()[0];
      try {
        for (int round = 0; round < 4; round++) {
          assertThat(Info.request(info, n, "set-config:context=xdr;dc=DC1;namespace=test;action=add;rewind=all")).isEqualTo("ok");
          await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
              Long.parseLong(InfoText.kv(Info.request(info, n, "get-stats:context=xdr;dc=DC1"), ';').get("recoveries_pending")) == 0);
          assertThat(Info.request(info, n, "set-config:context=xdr;dc=DC1;namespace=test;action=remove")).isEqualTo("ok");
        }
      } finally {
        stop.set(true);
        for (Thread t : writers) t.join(60_000);
      }
      assertThat(writers).noneMatch(Thread::isAlive);
    }
  }
}

package io.aeroshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Language;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.CTX;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.IndexCollectionType;
import com.aerospike.client.query.IndexType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Info command formats per emulated server version, statistics, config and admin commands. */
class EmulatorInfoTest {

  private static Map<String, String> ns(Node node, String ns) {
    return InfoText.kv(Info.request(null, node, "namespace/" + ns), ';');
  }

  private static long sum(AerospikeClient client, String ns, String stat) {
    long total = 0;
    for (Node n : client.getNodes()) total += Long.parseLong(ns(n, ns).get(stat));
    return total;
  }

  @Test
  void version6NamespaceUsesMemorySizeAndDeviceFields() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(2).build("6.4.0.10")
        .namespace(NamespaceSpec.named("bar").replicationFactor(2).storageDevice(List.of("/dev/nvme0n1"), 100L << 30)
            .dataInMemory(true).config("high-water-disk-pct", "50"))
        .start(); AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
      client.put(null, new Key("bar", "s1", 1), new Bin("a", "x"));
      Node node = client.getNodes()[0];
      Map<String, String> kv = ns(node, "bar");
      assertThat(kv).containsEntry("storage-engine", "device").containsEntry("storage-engine.device[0]", "/dev/nvme0n1")
          .containsEntry("storage-engine.data-in-memory", "true").containsEntry("high-water-disk-pct", "50")
          .containsKeys("memory-size", "memory_used_bytes", "high-water-memory-pct", "stop-writes-pct", "device_used_bytes")
          .doesNotContainKeys("data_used_bytes", "storage-engine.stop-writes-used-pct");
      Map<String, String> cfg = InfoText.kv(Info.request(null, node, "get-config:context=namespace;id=bar"), ';');
      assertThat(cfg).containsEntry("replication-factor", "2").containsKey("memory-size").doesNotContainKey("objects");
      String sets = Info.request(null, node, "sets/bar");
      assertThat(sets).startsWith("ns=bar:set=s1:objects=1:").contains("memory_data_bytes=");
      assertThat(Info.request(null, node, "version")).isEqualTo("Aerospike Community Edition build 6.4.0.10");
    }
  }

  @Test
  void version7NamespaceUsesStorageEngineMemoryFields() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(1).build("7.1.0.2")
        .namespace(NamespaceSpec.named("test").replicationFactor(1).storageMemory(8L << 30)).start();
        AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
      client.put(null, new Key("test", "s1", 1), new Bin("a", "x"));
      Map<String, String> kv = ns(client.getNodes()[0], "test");
      assertThat(kv).containsEntry("storage-engine", "memory").containsEntry("storage-engine.data-size", Long.toString(8L << 30))
          .containsKeys("data_used_bytes", "storage-engine.stop-writes-used-pct", "storage-engine.evict-used-pct",
              "indexes-memory-budget", "stop-writes-sys-memory-pct")
          .doesNotContainKeys("memory-size", "memory_used_bytes", "high-water-memory-pct", "stop-writes-pct");
      assertThat(Long.parseLong(kv.get("data_used_bytes"))).isPositive();
      assertThat(Info.request(null, client.getNodes()[0], "sets/test/s1")).contains("data_used_bytes=")
          .doesNotContain("memory_data_bytes");
    }
    try (EmulatedCluster cluster = EmulatedCluster.builder().build("7.0.0.5").start();
        AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
      assertThat(ns(client.getNodes()[0], "test")).containsKey("evict-sys-memory-pct").doesNotContainKey("indexes-memory-budget");
    }
  }

  @Test
  void countersStatisticsConfigAndAdminCommands() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(3).build("7.2.0.6")
        .namespace(NamespaceSpec.named("test").replicationFactor(2)).start();
        AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
      for (int i = 0; i < 40; i++) client.put(null, new Key("test", "s", i), new Bin("a", i));
      for (int i = 0; i < 10; i++) client.get(null, new Key("test", "s", i));
      for (int i = 0; i < 5; i++) client.delete(null, new Key("test", "s", i));
      assertThat(sum(client, "test", "client_write_success")).isEqualTo(40);
      assertThat(sum(client, "test", "client_read_success")).isEqualTo(10);
      assertThat(sum(client, "test", "client_delete_success")).isEqualTo(5);

      Node node = client.getNodes()[0];
      Map<String, String> stats = InfoText.kv(Info.request(null, node, "statistics"), ';');
      assertThat(stats).containsEntry("cluster_size", "3");
      assertThat(Integer.parseInt(stats.get("client_connections"))).isPositive();

      Map<String, String> all = Info.request(null, node);
      assertThat(all).containsKeys("node", "build", "edition", "features", "partition-generation", "statistics", "version");
      assertThat(all.get("features")).contains("pscans");

      assertThat(InfoText.kv(Info.request(null, node, "get-config:context=service"), ';')).containsKeys("proto-fd-max", "node-id");
      assertThat(InfoText.kv(Info.request(null, node, "get-config:context=network"), ';')).containsKey("service.port");
      assertThat(Info.request(null, node, "get-config:context=bogus")).startsWith("ERROR");

      assertThat(Info.request(null, node, "set-config:context=namespace;id=test;default-ttl=3600")).isEqualTo("ok");
      client.put(null, new Key("test", "s", "ttl"), new Bin("a", 1));
      assertThat(client.get(null, new Key("test", "s", "ttl")).getTimeToLive()).isBetween(3590, 3600);
      assertThat(Info.request(null, node, "set-config:context=namespace;id=test;no-such-param=1")).startsWith("ERROR");
      assertThat(Info.request(null, node, "set-config:context=namespace;id=test;replication-factor=3")).startsWith("ERROR");
      assertThat(Info.request(null, node, "set-config:context=service;proto-fd-max=20000")).isEqualTo("ok");
      assertThat(Info.request(null, node, "get-config:context=service")).contains("proto-fd-max=20000");

      assertThat(Info.request(null, node, "sindex-list")).isNullOrEmpty(); // none created
      assertThat(Info.request(null, node, "no-such-command")).isEqualTo("ERROR:4:unrecognized command");
      client.registerUdfString(null, "function f(r) return 1 end", "demo.lua", Language.LUA).waitTillComplete();
      assertThat(Info.request(null, node, "udf-list")).contains("filename=demo.lua,hash=");

      client.truncate(null, "test", null, null);
      await().atMost(Duration.ofSeconds(5)).until(() -> sum(client, "test", "master_objects") == 0);
    }
  }

  @Test
  void secondaryIndexDefinitionsThroughTheClientPerVersion() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(2).build("7.2.0.6").start();
        AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
      client.createIndex(null, "test", "demo", "idx_age", "age", IndexType.NUMERIC).waitTillComplete(10, 5000);
      client.createIndex(null, "test", null, "idx_tags", "tags", IndexType.STRING, IndexCollectionType.LIST,
          CTX.mapKey(Value.get("k"))).waitTillComplete(10, 5000);
      String ctx = CTX.toBase64(new CTX[] {CTX.mapKey(Value.get("k"))});
      for (Node node : client.getNodes()) {
        assertThat(Info.request(null, node, "sindex-list:ns=test;b64=true")).isEqualTo(
            "ns=test:indexname=idx_age:set=demo:bin=age:type=numeric:indextype=default:context=NULL:state=RW;"
                + "ns=test:indexname=idx_tags:set=NULL:bin=tags:type=string:indextype=list:context=" + ctx
                + ":state=RW;");
        assertThat(Info.request(null, node, "sindex/test/idx_age")).contains("load_pct=100;");
      }
      Node node = client.getNodes()[0];
      // the same name again, or the same bin under another name: 200 INDEX_ALREADY_EXISTS
      assertThatThrownBy(() -> client.createIndex(null, "test", "demo", "idx_age", "age", IndexType.STRING))
          .isInstanceOfSatisfying(AerospikeException.class,
              e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INDEX_ALREADY_EXISTS));
      assertThatThrownBy(() -> client.createIndex(null, "test", "demo", "other", "age", IndexType.NUMERIC))
          .isInstanceOfSatisfying(AerospikeException.class,
              e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INDEX_ALREADY_EXISTS));
      assertThat(Info.request(null, node, "sindex-create:ns=nope;indexname=x;indexdata=a,NUMERIC")).startsWith("FAIL:20:");
      assertThat(Info.request(null, node, "sindex-create:ns=test;indexname=x;indexdata=a,TEXT")).startsWith("FAIL:4:");
      client.dropIndex(null, "test", "demo", "idx_age").waitTillComplete(10, 5000);
      assertThat(Info.request(null, node, "sindex-exists:ns=test;indexname=idx_age")).isEqualTo("false");
      assertThat(Info.request(null, node, "sindex/test/idx_age")).startsWith("FAIL:201:");
      assertThat(Info.request(null, node, "sindex-list:ns=test")).doesNotContain("idx_age").contains("idx_tags");
    }
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(1).build("5.7.0.8").start();
        AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
      client.createIndex(null, "test", "demo", "idx_age", "age", IndexType.NUMERIC).waitTillComplete(10, 5000);
      assertThat(Info.request(null, client.getNodes()[0], "sindex-list:ns=test")).isEqualTo(
          "ns=test:set=demo:indexname=idx_age:num_bins=1:bins=age:type=NUMERIC:indextype=NONE:path=age:state=RW;");
    }
  }

  @Test
  void udfModulesAreStoredAndReadBackByteExact() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(1).build("6.4.0.10").start();
        AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
      String code = "-- ü\nfunction f(r)\n  return 1\nend\n";
      client.registerUdfString(null, code, "m.lua", Language.LUA).waitTillComplete(10, 5000);
      Node node = client.getNodes()[0];
      String got = Info.request(null, node, "udf-get:filename=m.lua");
      assertThat(got).startsWith("gen=").contains(";type=LUA;content=");
      String b64 = got.substring(got.indexOf("content=") + "content=".length());
      assertThat(new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8)).isEqualTo(code);
      assertThat(Info.request(null, node, "udf-get:filename=none.lua")).isEqualTo("error=not_found");
      client.removeUdf(null, "m.lua");
      assertThat(Info.request(null, node, "udf-list")).doesNotContain("m.lua");
      client.removeUdf(null, "m.lua"); // the client accepts error=file_not_found as removed
    }
  }

  @Test
  void expiredRecordsAreNotCountedOrReturned() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(1).build("7.2.0.6").start();
        AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
      WritePolicy shortLived = new WritePolicy();
      shortLived.expiration = 1;
      for (int i = 0; i < 10; i++) client.put(shortLived, new Key("test", "s", i), new Bin("a", i));
      client.put(null, new Key("test", "s", "forever"), new Bin("a", 1));
      assertThat(sum(client, "test", "objects")).isEqualTo(11);
      await().atMost(Duration.ofSeconds(5)).until(() -> sum(client, "test", "objects") == 1);
      assertThat(client.get(null, new Key("test", "s", 3))).isNull();
      assertThat(Info.request(null, client.getNodes()[0], "sets/test/s")).contains("objects=1:");
    }
  }
}

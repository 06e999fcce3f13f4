package io.aeroshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.query.PartitionFilter;
import com.aerospike.client.policy.ScanPolicy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class EmulatorSmokeTest {

  @Test
  void threeNodeClusterServesGetPutDeleteAndScan() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(3).build("6.4.0.10")
        .namespace(NamespaceSpec.named("test").replicationFactor(2)).start();
        AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
      assertThat(client.getNodes()).hasSize(3);
      for (int i = 0; i < 200; i++) {
        client.put(null, new Key("test", "s", i), new Bin("a", i), new Bin("b", "v" + i));
      }
      Record r = client.get(null, new Key("test", "s", 7));
      assertThat(r.getInt("a")).isEqualTo(7);
      assertThat(r.getString("b")).isEqualTo("v7");
      assertThat(client.delete(null, new Key("test", "s", 7))).isTrue();
      assertThat(client.get(null, new Key("test", "s", 7))).isNull();
      Set<Object> seen = ConcurrentHashMap.newKeySet();
      client.scanPartitions(new ScanPolicy(), PartitionFilter.all(), "test", "s", (k, rec) -> seen.add(rec.getInt("a")));
      assertThat(seen).hasSize(199);
    }
  }
}

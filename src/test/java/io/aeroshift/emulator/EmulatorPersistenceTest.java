package io.aeroshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster kept on disk comes back with the same ports, node ids and records. */
class EmulatorPersistenceTest {

  @TempDir Path dir;

  private static EmulatedCluster start(Path dir, int... ports) {
    EmulatedCluster.Builder b = EmulatedCluster.builder().nodes(2).edition(Edition.COMMUNITY).build("6.4.0.10")
        .namespace(NamespaceSpec.named("test").replicationFactor(2)).keepOnDisk(dir);
    if (ports.length > 0) b.nodePorts(ports);
    return b.start();
  }

  /** Every record of set "s" with keys 0..count-1, read through the official client: key -> bins. */
  private static Map<Integer, Map<String, Object>> read(EmulatedCluster c, int count) {
    Map<Integer, Map<String, Object>> out = new TreeMap<>();
    try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), c.hosts())) {
      for (int i = 0; i < count; i++) {
        Record r = client.get(null, new Key("test", "s", i));
        if (r != null) out.put(i, new TreeMap<>(r.bins));
      }
    }
    return out;
  }

  @Test
  void recordsPortsAndNodeIdsSurviveARestart() {
    int[] ports;
    List<String> nodeIds;
    Map<Integer, Map<String, Object>> before;
    try (EmulatedCluster c = start(dir)) {
      ports = c.ports();
      nodeIds = List.of(c.nodeId(0), c.nodeId(1));
      try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), c.hosts())) {
        for (int i = 0; i < 300; i++) {
          client.put(null, new Key("test", "s", i), new Bin("n", i), new Bin("s", "v" + i), new Bin("l", List.of(i, "x")));
        }
        for (int i = 0; i < 300; i += 3) client.put(null, new Key("test", "s", i), new Bin("n", -i));
        for (int i = 0; i < 300; i += 7) client.delete(null, new Key("test", "s", i));
        WritePolicy ttl = new WritePolicy();
        ttl.expiration = 3600;
        client.put(ttl, new Key("test", "s", 1000), new Bin("n", 1000));
      }
      before = read(c, 1001);
    }
    assertThat(before).hasSize(300 - 43 + 1);

    try (EmulatedCluster again = start(dir, ports)) {
      assertThat(again.ports()).containsExactly(ports);
      assertThat(List.of(again.nodeId(0), again.nodeId(1))).isEqualTo(nodeIds);
      assertThat(read(again, 1001)).isEqualTo(before);
      try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), again.hosts())) {
        Record r = client.get(null, new Key("test", "s", 1000));
        assertThat(r.getTimeToLive()).isBetween(3500, 3600);
      }
    }
  }

  @Test
  void aTornLastFrameFromAKilledProcessIsDroppedAndTheRestKept() throws IOException {
    Map<Integer, Map<String, Object>> before;
    try (EmulatedCluster c = start(dir)) {
      try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), c.hosts())) {
        for (int i = 0; i < 50; i++) client.put(null, new Key("test", "s", i), new Bin("n", i));
      }
      before = read(c, 50);
    }
    // what a process killed in the middle of writing a frame leaves: a length with half a payload
    Files.write(dir.resolve("test.journal"), new byte[] {0, 0, 0, 100, 1, 2, 3, 4, 1, 9, 9}, StandardOpenOption.APPEND);
    try (EmulatedCluster again = start(dir)) {
      assertThat(read(again, 50)).isEqualTo(before);
      try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), again.hosts())) {
        client.put(null, new Key("test", "s", 50), new Bin("n", 50));
      }
    }
    try (EmulatedCluster third = start(dir)) {
      assertThat(read(third, 51)).hasSize(51);
    }
  }

  @Test
  void aTruncateIsKept() {
    try (EmulatedCluster c = start(dir)) {
      try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), c.hosts())) {
        for (int i = 0; i < 20; i++) client.put(null, new Key("test", "s", i), new Bin("n", i));
        client.truncate(null, "test", "s", null);
      }
      assertThat(c.objectCount("test")).isZero();
    }
    try (EmulatedCluster again = start(dir)) {
      assertThat(again.objectCount("test")).isZero();
    }
  }
}

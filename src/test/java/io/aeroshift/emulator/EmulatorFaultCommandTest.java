package io.aeroshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.query.PartitionFilter;
import com.aerospike.client.policy.ScanPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The emulator's fault controls at run time ({@code aeroshift-fault} info command) and on its command line. */
class EmulatorFaultCommandTest {

  private static String fault(EmulatedCluster cluster, int node, String request) {
    return Info.request("127.0.0.1", cluster.ports()[node], request);
  }

  @Test
  void lostWritesSwitchedOnAndOffThroughTheOfficialClient() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(2).start();
        AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
      assertThat(fault(cluster, 0, "aeroshift-fault:lose-writes=1")).isEqualTo("ok");
      Key lost = new Key("test", "s", "lost");
      client.put(null, lost, new Bin("a", 1)); // acknowledged ...
      assertThat(client.get(null, lost)).isNull(); // ... and lost
      assertThat(fault(cluster, 1, "aeroshift-fault")).contains("lose-writes=1.0").contains("lost-writes=1");
      assertThat(fault(cluster, 1, "aeroshift-fault:clear")).isEqualTo("ok");
      Key kept = new Key("test", "s", "kept");
      client.put(null, kept, new Bin("a", 2));
      assertThat(client.get(null, kept).getInt("a")).isEqualTo(2);
    }
  }

  @Test
  void droppedConnectionsAnswerTheAsker() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(1).start();
        AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
      client.put(null, new Key("test", "s", "k"), new Bin("a", 1));
      // the asking connection is spared, so the answer arrives (it was closed with the rest before)
      assertThat(fault(cluster, 0, "aeroshift-fault:drop-connections")).isEqualTo("ok");
      assertThat(client.get(null, new Key("test", "s", "k")).getInt("a")).isEqualTo(1);
    }
  }

  @Test
  void aNodeIsStoppedAndStartedThroughAnother() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(2).start()) {
      assertThat(fault(cluster, 0, "aeroshift-fault:stop-node=0")).startsWith("ERROR:4:node 0 is answering");
      assertThat(fault(cluster, 0, "aeroshift-fault:stop-node=1")).isEqualTo("ok");
      assertThat(cluster.isRunning(1)).isFalse();
      assertThat(fault(cluster, 0, "aeroshift-fault")).contains("running=1,0");
      assertThat(fault(cluster, 0, "aeroshift-fault:start-node=1")).isEqualTo("ok");
      assertThat(cluster.isRunning(1)).isTrue();
      assertThat(fault(cluster, 1, "node")).isEqualTo(cluster.nodeId(1));
    }
  }

  @Test
  void aSkewedNodeStampsItsWritesWithItsOwnClock() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(1).start();
        AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
      long hour = 3_600_000L;
      assertThat(fault(cluster, 0, "aeroshift-fault:clock-offset-ms=" + hour)).isEqualTo("ok");
      client.put(null, new Key("test", "s", "ahead"), new Bin("a", 1));
      assertThat(fault(cluster, 0, "aeroshift-fault:clock-offset-ms=0")).isEqualTo("ok");
      client.put(null, new Key("test", "s", "on-time"), new Bin("a", 2));
      // last-update time in nanoseconds since 1970 at least half an hour from now: only the write made ahead
      long halfHourAheadNanos = (System.currentTimeMillis() + hour / 2) * 1_000_000L;
      ScanPolicy scan = new ScanPolicy();
      scan.filterExp = Exp.build(Exp.ge(Exp.lastUpdate(), Exp.val(halfHourAheadNanos)));
      AtomicInteger seen = new AtomicInteger();
      client.scanPartitions(scan, PartitionFilter.all(), "test", "s", (k, r) -> {
        assertThat(r.getInt("a")).isEqualTo(1);
        seen.incrementAndGet();
      });
      assertThat(seen.get()).isEqualTo(1);
    }
  }

  @Test
  void badRequestsAnswerAnErrorAndChangeNothing() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(2).start()) {
      assertThat(fault(cluster, 0, "aeroshift-fault:lose-writes=2")).startsWith("ERROR:4:lose-writes must be a fraction");
      assertThat(fault(cluster, 0, "aeroshift-fault:latency-ms=5;bogus=1")).startsWith("ERROR:4:unknown parameter bogus");
      assertThat(fault(cluster, 0, "aeroshift-fault:stop-node=7")).startsWith("ERROR:4:stop-node 7 out of 0..1");
      assertThat(fault(cluster, 0, "aeroshift-fault:fail-fraction=0.5")).startsWith("ERROR:4:fail-fraction needs result-code");
      assertThat(cluster.faults().latency().toMillis()).isZero();
      assertThat(cluster.faults().loseWritesFraction()).isZero();
    }
  }

  @Test
  void faultsFromTheCommandLine() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (EmulatedCluster cluster = EmulatorMain.launch(new String[] {"--nodes", "3", "--port", "0", "--latency-ms", "2",
        "--drop-fraction", "0", "--lose-writes", "0.25", "--clock-offset-ms", "1:-5000,2:7000", "--stopped-nodes", "2"}, out)) {
      assertThat(cluster.faults().latency().toMillis()).isEqualTo(2);
      assertThat(cluster.faults().loseWritesFraction()).isEqualTo(0.25);
      assertThat(cluster.faults().clockOffsetMillis(1)).isEqualTo(-5000);
      assertThat(cluster.faults().clockOffsetMillis(2)).isEqualTo(7000);
      assertThat(cluster.isRunning(2)).isFalse();
      assertThat(fault(cluster, 0, "aeroshift-fault")).contains("clock-offset-ms=0,-5000,7000;running=1,1,0");
    }
    assertThatThrownBy(() -> EmulatorMain.launch(new String[] {"--port", "0", "--lose-writes", "x"}, out))
        .hasMessageContaining("--lose-writes");
    assertThatThrownBy(() -> EmulatorMain.launch(new String[] {"--nodes", "2", "--port", "0", "--clock-offset-ms", "5:1"}, out))
        .hasMessageContaining("--clock-offset-ms");
    assertThatThrownBy(() -> EmulatorMain.launch(new String[] {"--nodes", "1", "--port", "0", "--stopped-nodes", "0"}, out))
        .hasMessageContaining("every node");
  }
}

package io.aeroshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.QueryPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.Filter;
import com.aerospike.client.query.RecordSet;
import com.aerospike.client.query.Statement;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault injection and robustness: latency, injected errors, dropped connections, bad frames, load. */
class EmulatorFaultTest {
  private EmulatedCluster cluster;
  private AerospikeClient client;

  @BeforeEach
  void start() {
    cluster = EmulatedCluster.builder().nodes(2).build("7.2.0.6").namespace(NamespaceSpec.named("test").replicationFactor(2)).start();
    client = new AerospikeClient(new ClientPolicy(), cluster.hosts());
  }

  @AfterEach
  void stop() {
    client.close();
    cluster.close();
  }

  private static int code(Runnable r) {
    try {
      r.run();
      return 0;
    } catch (AerospikeException e) {
      return e.getResultCode();
    }
  }

  private static Policy noRetry(int timeoutMs) {
    Policy p = new Policy();
    p.maxRetries = 0;
    p.socketTimeout = timeoutMs;
    p.totalTimeout = timeoutMs;
    return p;
  }

  @Test
  void injectedLatencyMakesShortTimeoutsExpire() {
    Key key = new Key("test", "s", 1);
    client.put(null, key, new Bin("a", 1));
    cluster.faults().latency(Duration.ofMillis(500));
    assertThat(code(() -> client.get(noRetry(50), key))).isEqualTo(ResultCode.TIMEOUT);
    cluster.faults().clear();
    assertThat(client.get(noRetry(5000), key).getInt("a")).isEqualTo(1);
  }

  @Test
  void injectedErrorCodesHitTheConfiguredFraction() {
    Key key = new Key("test", "s", 1);
    client.put(null, key, new Bin("a", 1));
    cluster.faults().failFraction(1.0, ResultCode.KEY_BUSY);
    WritePolicy once = new WritePolicy();
    once.maxRetries = 0;
    assertThat(code(() -> client.put(once, key, new Bin("a", 2)))).isEqualTo(ResultCode.KEY_BUSY);
    cluster.faults().failFraction(0.5, ResultCode.DEVICE_OVERLOAD);
    int failed = 0;
    for (int i = 0; i < 200; i++) if (code(() -> client.get(noRetry(5000), key)) == ResultCode.DEVICE_OVERLOAD) failed++;
    assertThat(failed).isBetween(1, 199);
    cluster.faults().clear();
    assertThat(client.get(null, key).getInt("a")).isEqualTo(1);
  }

  @Test
  void lostWritesAndDeletesAreAcknowledgedButNotApplied() {
    Key kept = new Key("test", "s", "kept");
    client.put(null, kept, new Bin("a", 1));
    cluster.faults().loseWritesFraction(1.0);

    Key lost = new Key("test", "s", "lost");
    client.put(null, lost, new Bin("a", 1));
    client.put(null, kept, new Bin("a", 2));
    boolean batchOk = client.operate(null, List.<BatchRecord>of(
        new BatchWrite(new Key("test", "s", "batch-lost"), new Operation[] {Operation.put(new Bin("b", 1))})));
    // a command that also reads is executed: its reply must carry the record
    Record read = client.operate(null, kept, Operation.put(new Bin("c", 3)), Operation.get("a"));
    assertThat(client.delete(null, kept)).as("a lost delete answers as the delete would have").isTrue();
    assertThat(client.delete(null, new Key("test", "s", "never-written"))).isFalse();

    cluster.faults().clear();
    assertThat(batchOk).isTrue();
    assertThat(client.exists(null, lost)).isFalse();
    assertThat(client.exists(null, new Key("test", "s", "batch-lost"))).isFalse();
    assertThat(read.getInt("a")).isEqualTo(1);
    assertThat(client.get(null, kept).bins).containsEntry("a", 1L).containsEntry("c", 3L);
    assertThat(cluster.faults().lostWrites()).isEqualTo(4);
    assertThat(Info.request(null, client.getNodes()[0], "namespace/test")).contains("client_write_success=");

    client.put(null, lost, new Bin("a", 5));
    assertThat(client.get(null, lost).getInt("a")).as("cleared: writes are stored again").isEqualTo(5);
    cluster.faults().loseWritesFraction(0.5);
    for (int i = 0; i < 200; i++) client.put(null, new Key("test", "half", i), new Bin("a", i));
    cluster.faults().clear();
    long stored = 0;
    for (int i = 0; i < 200; i++) if (client.exists(null, new Key("test", "half", i))) stored++;
    assertThat(stored).isBetween(1L, 199L);
    assertThat(stored + cluster.faults().lostWrites() - 4).isEqualTo(200);
  }

  @Test
  void droppedConnectionsAreSurvivedByRetries() {
    Key key = new Key("test", "s", 1);
    client.put(null, key, new Bin("a", 1));
    cluster.faults().dropFraction(1.0);
    assertThatThrownBy(() -> client.get(noRetry(2000), key)).isInstanceOf(AerospikeException.class);
    cluster.faults().clear();
    cluster.faults().dropAllConnections();
    assertThat(client.get(null, key).getInt("a")).isEqualTo(1);
    cluster.faults().dropFraction(0.3);
    Policy retrying = new Policy();
    retrying.maxRetries = 20;
    for (int i = 0; i < 50; i++) assertThat(client.get(retrying, key).getInt("a")).isEqualTo(1);
    cluster.faults().clear();
  }

  @Test
  void malformedFramesCloseOnlyThatConnection() throws Exception {
    String[] hp = cluster.seeds().get(0).split(":");
    try (Socket bad = new Socket(hp[0], Integer.parseInt(hp[1]))) {
      bad.getOutputStream().write(new byte[] {9, 9, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4});
      bad.setSoTimeout(5000);
      assertThat(bad.getInputStream().read()).isEqualTo(-1);
    }
    try (Socket bad = new Socket(hp[0], Integer.parseInt(hp[1]))) {
      // An AS_MSG whose field claims more bytes than the message holds.
      ByteBuffer msg = ByteBuffer.allocate(22 + 9);
      msg.put((byte) 22).put(new byte[17]).putShort((short) 1).putShort((short) 0);
      msg.putInt(500).put((byte) 0).put(new byte[] {1, 2, 3, 4});
      bad.getOutputStream().write(RawWire.frame(3, msg.array()));
      bad.setSoTimeout(5000);
      assertThat(bad.getInputStream().read()).isEqualTo(-1);
    }
    Key key = new Key("test", "s", 1);
    client.put(null, key, new Bin("a", 1));
    assertThat(client.get(null, key).getInt("a")).isEqualTo(1);
  }

  @Test
  void unsupportedCommandsGetTheServerErrorNotAHang() {
    Key key = new Key("test", "s", 1);
    client.put(null, key, new Bin("a", 1));
    client.operate(null, key, ListOperation.append("l", Value.get(1))); // creating the bin is supported
    assertThat(code(() -> client.operate(null, key, ListOperation.append("l", Value.get(2)))))
        .isEqualTo(ResultCode.UNSUPPORTED_FEATURE);
    Statement st = new Statement();
    st.setNamespace("test");
    st.setSetName("s");
    st.setFilter(Filter.equal("a", 1));
    QueryPolicy qp = new QueryPolicy();
    qp.maxRetries = 0;
    qp.totalTimeout = 10000;
    assertThat(code(() -> {
      try (RecordSet rs = client.query(qp, st)) {
        while (rs.next()) {
          // drain
        }
      }
    })).isEqualTo(ResultCode.INDEX_NOTFOUND);
  }

  @Test
  void compressedRequestsAreAccepted() {
    WritePolicy compress = new WritePolicy();
    compress.compress = true;
    Key key = new Key("test", "s", "big");
    String big = "x".repeat(5000);
    client.put(compress, key, new Bin("big", big));
    Policy read = new Policy();
    read.compress = true;
    assertThat(client.get(read, key).getString("big")).isEqualTo(big);
  }

  @Test
  void threeHundredConcurrentConnectionsAreServed() throws Exception {
    String[] hp = cluster.seeds().get(0).split(":");
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) sockets.add(new Socket(hp[0], Integer.parseInt(hp[1])));
      // Generous info timeout: on a loaded 2-core machine 300 handler threads take a while to start.
      com.aerospike.client.policy.InfoPolicy slow = new com.aerospike.client.policy.InfoPolicy();
      slow.timeout = 15000;
      await().atMost(Duration.ofSeconds(30)).until(() ->
          Integer.parseInt(InfoText.kv(Info.request(slow, client.getNode(cluster.nodeId(0)), "statistics"), ';')
              .get("client_connections")) >= 300);
      ExecutorService pool = Executors.newFixedThreadPool(32);
      try {
        List<Future<String>> answers = new ArrayList<>();
        for (Socket s : sockets) answers.add(pool.submit((Callable<String>) () -> RawWire.info(s, "node")));
        for (Future<String> f : answers) assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo("node\t" + cluster.nodeId(0) + "\n");
      } finally {
        pool.shutdownNow();
      }
    } finally {
      for (Socket s : sockets) s.close();
    }
    assertThat(client.get(null, new Key("test", "s", "none"))).isNull();
  }
}

package io.aeroshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the connection model guarantees: many connections served together, frames in any split,
 * one bad or slow connection never holding up the others.
 */
class EmulatorConnectionModelTest {
  private EmulatedCluster cluster;
  private String host;
  private int port;

  @BeforeEach
  void start() {
    cluster = EmulatedCluster.builder().nodes(1).build("7.2.0.6").namespace(NamespaceSpec.named("test").replicationFactor(1)).start();
    String[] hp = cluster.seeds().get(0).split(":");
    host = hp[0];
    port = Integer.parseInt(hp[1]);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private Socket connect() throws Exception {
    Socket s = new Socket(host, port);
    s.setTcpNoDelay(true);
    s.setSoTimeout(30_000);
    return s;
  }

  private static byte[] digest(long i) {
    return new Key("test", "conn", i).digest;
  }

  private static byte[] exchange(Socket s, byte[] frame) throws Exception {
    s.getOutputStream().write(frame);
    s.getOutputStream().flush();
    return RawWire.readFrame(new DataInputStream(s.getInputStream()));
  }

  @Test
  void hundredsOfConnectionsEachWriteReadAndAskInfoConcurrently() throws Exception {
    int connections = 300;
    List<Socket> sockets = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      for (int i = 0; i < connections; i++) sockets.add(connect());
      await().atMost(Duration.ofSeconds(30)).until(() -> cluster.node(0).stats.clientConnections.get() >= connections);
      List<Future<Long>> reads = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        Socket s = sockets.get(i);
        long value = 1000L + i;
        reads.add(pool.submit((Callable<Long>) () -> {
          for (int round = 0; round < 5; round++) {
            assertThat(RawWire.resultCode(exchange(s, RawWire.recordCommand("test", digest(value), "v", value + round)))).isZero();
            assertThat(RawWire.info(s, "node")).isEqualTo("node\t" + cluster.nodeId(0) + "\n");
          }
          return RawWire.firstIntBin(exchange(s, RawWire.recordCommand("test", digest(value), "v", null)));
        }));
      }
      for (int i = 0; i < connections; i++) assertThat(reads.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(1000L + i + 4);
    } finally {
      pool.shutdownNow();
      for (Socket s : sockets) s.close();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.node(0).stats.clientConnections.get() == 0);
  }

  @Test
  void framesDeliveredByteByByteAreAnswered() throws Exception {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] put = RawWire.recordCommand("test", digest(1), "v", 42L);
      byte[] info = RawWire.frame(1, "build\n".getBytes(StandardCharsets.UTF_8));
      byte[] get = RawWire.recordCommand("test", digest(1), "v", null);
      for (byte[] frame : List.of(put, info, get)) {
        for (byte b : frame) {
          out.write(b);
          out.flush();
        }
        byte[] reply = RawWire.readFrame(in);
        if (frame == info) {
          assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("build\t7.2.0.6\n");
        } else if (frame == get) {
          assertThat(RawWire.firstIntBin(reply)).isEqualTo(42L);
        } else {
          assertThat(RawWire.resultCode(reply)).isZero();
        }
      }
    }
  }

  @Test
  void framesLargerThanTheSocketBuffersTravelBothWays() {
    try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
      byte[] blob = new byte[8 << 20];
      for (int i = 0; i < blob.length; i++) blob[i] = (byte) (i * 31 + 7);
      Key key = new Key("test", "conn", "big");
      client.put(null, key, new Bin("b", blob));
      assertThat((byte[]) client.get(null, key).getValue("b")).isEqualTo(blob);
    }
  }

  @Test
  void aMalformedFrameClosesOnlyItsConnectionWhileOthersAreMidFrame() throws Exception {
    try (Socket pending = connect(); Socket bad = connect(); Socket other = connect()) {
      byte[] info = RawWire.frame(1, "node\n".getBytes(StandardCharsets.UTF_8));
      pending.getOutputStream().write(info, 0, 5);
      pending.getOutputStream().flush();

      byte[] notAnAsMsg = new byte[30];
      java.util.Arrays.fill(notAnAsMsg, (byte) 9); // header size 9, not 22
      bad.getOutputStream().write(RawWire.frame(3, notAnAsMsg));
      bad.getOutputStream().flush();
      assertThat(bad.getInputStream().read()).isEqualTo(-1);

      assertThat(RawWire.resultCode(exchange(other, RawWire.recordCommand("test", digest(7), "v", 7L)))).isZero();
      pending.getOutputStream().write(info, 5, info.length - 5);
      pending.getOutputStream().flush();
      assertThat(new String(RawWire.readFrame(new DataInputStream(pending.getInputStream())), StandardCharsets.UTF_8))
          .isEqualTo("node\t" + cluster.nodeId(0) + "\n");
    }
  }

  @Test
  void aDelayedCommandDoesNotHoldUpAnotherConnection() throws Exception {
    try (Socket delayed = connect(); Socket other = connect()) {
      // Injected latency applies to data commands: the read on 'delayed' waits 3 s on the server.
      cluster.faults().latency(Duration.ofSeconds(3));
      delayed.getOutputStream().write(RawWire.recordCommand("test", digest(99), "v", null));
      delayed.getOutputStream().flush();

      // The info answer on the other connection comes back while the delayed one still waits.
      assertThat(RawWire.info(other, "node")).isEqualTo("node\t" + cluster.nodeId(0) + "\n");
      assertThat(delayed.getInputStream().available()).isZero();

      assertThat(RawWire.resultCode(RawWire.readFrame(new DataInputStream(delayed.getInputStream())))).isEqualTo(2);
    } finally {
      cluster.faults().clear();
    }
  }

}

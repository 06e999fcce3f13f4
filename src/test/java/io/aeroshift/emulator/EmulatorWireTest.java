package io.aeroshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Value;
import com.aerospike.client.policy.ClientPolicy;
import java.io.DataInputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wire details the client never exercises on its own: legacy batch format, HLL particles, generation wrap. */
class EmulatorWireTest {

  /**
   * A partition against a reference model (a map in unsigned digest order) through random puts,
   * replacements, removals, lookups and scan slices, with digests that share 8-byte prefixes so
   * the full-digest tie-break is exercised.
   */
  @Test
  void partitionKeepsUnsignedDigestOrderThroughRandomChanges() {
    java.util.Random random = new java.util.Random(20261128);
    Partition partition = new Partition(7);
    java.util.TreeMap<byte[], StoredRecord> model = new java.util.TreeMap<>(java.util.Arrays::compareUnsigned);
    List<byte[]> known = new java.util.ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      int action = random.nextInt(10);
      byte[] digest;
      if (!known.isEmpty() && random.nextInt(3) == 0) {
        digest = known.get(random.nextInt(known.size())).clone();
        if (random.nextBoolean()) digest[8 + random.nextInt(12)] ^= (byte) (1 + random.nextInt(255)); // same prefix
      } else {
        digest = new byte[20];
        random.nextBytes(digest);
        if (random.nextInt(4) == 0) digest[random.nextInt(8)] = (byte) 0x80; // sign bits matter
      }
      if (action < 6) {
        StoredRecord r = new StoredRecord(digest, "", 1, random.nextInt(3) == 0 ? 100 : 0, 0L, (byte) 0, null, new byte[0], 0);
        assertThat(partition.put(r)).isSameAs(model.put(digest, r));
        known.add(digest);
      } else if (action < 8) {
        assertThat(partition.remove(digest)).isSameAs(model.remove(digest));
      } else {
        assertThat(partition.get(digest)).isSameAs(model.get(digest));
        int max = 1 + random.nextInt(50);
        List<StoredRecord> expected = model.tailMap(digest, false).values().stream().limit(max).toList();
        assertThat(partition.slice(digest, max)).containsExactlyElementsOf(expected);
      }
      assertThat(partition.size()).isEqualTo(model.size());
    }
    assertThat(partition.slice(null, Integer.MAX_VALUE)).containsExactlyElementsOf(model.values());
    long expiring = model.values().stream().filter(r -> r.voidTime != 0).count();
    assertThat(partition.expiringRecords).isEqualTo((int) expiring);
    int removed = partition.removeIf(r -> r.voidTime != 0, r -> { });
    assertThat(removed).isEqualTo((int) expiring);
    model.values().removeIf(r -> r.voidTime != 0);
    assertThat(partition.slice(null, Integer.MAX_VALUE)).containsExactlyElementsOf(model.values());
    assertThat(partition.expiringRecords).isZero();
  }

  @Test
  void legacyReadOnlyBatchFormatIsAnswered() throws Exception {
    try (EmulatedCluster cluster = EmulatedCluster.builder().build("6.4.0.10").start();
        AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
      Key present = new Key("test", "s", "here");
      Key absent = new Key("test", "s", "gone");
      client.put(null, present, new Bin("a", 7));
      byte[] ns = "test".getBytes(StandardCharsets.UTF_8);
      // Batch body: count, flags, then per key: index, digest, repeat flag (0/1), and for a
      // non-repeat entry: info1, n_fields, n_ops, fields (namespace, set).
      byte[] set = "s".getBytes(StandardCharsets.UTF_8);
      ByteBuffer batch = ByteBuffer.allocate(5 + (4 + 20 + 1 + 1 + 2 + 2 + 5 + ns.length + 5 + set.length) + (4 + 20 + 1));
      batch.putInt(2).put((byte) 0);
      batch.putInt(0).put(present.digest).put((byte) 0).put((byte) 0x03).putShort((short) 2).putShort((short) 0);
      batch.putInt(ns.length + 1).put((byte) 0).put(ns).putInt(set.length + 1).put((byte) 1).put(set);
      batch.putInt(1).put(absent.digest).put((byte) 1);
      byte[] body = batch.array();
      ByteBuffer msg = ByteBuffer.allocate(22 + 5 + body.length);
      msg.put((byte) 22).put((byte) 0x09).put(new byte[16]).putShort((short) 1).putShort((short) 0);
      msg.putInt(body.length + 1).put((byte) 41).put(body);
      String[] hp = cluster.seeds().get(0).split(":");
      try (Socket s = new Socket(hp[0], Integer.parseInt(hp[1]))) {
        s.getOutputStream().write(RawWire.frame(3, msg.array()));
        DataInputStream in = new DataInputStream(s.getInputStream());
        ByteBuffer reply = ByteBuffer.wrap(RawWire.readFrame(in));
        int[] codeByIndex = {-1, -1};
        boolean last = false;
        while (reply.hasRemaining() && !last) {
          int start = reply.position();
          int info3 = reply.get(start + 3);
          int rc = reply.get(start + 5) & 0xFF;
          int index = reply.getInt(start + 14);
          int nFields = reply.getShort(start + 18);
          int nOps = reply.getShort(start + 20);
          reply.position(start + 22);
          for (int i = 0; i < nFields + nOps; i++) reply.position(reply.position() + 4 + reply.getInt(reply.position()));
          last = (info3 & 1) != 0;
          if (!last) codeByIndex[index] = rc;
        }
        assertThat(last).isTrue();
        assertThat(codeByIndex).containsExactly(0, 2);
      }
    }
  }

  @Test
  void hllAndUnknownParticlesComeBackUnchanged() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().build("7.2.0.6").start();
        AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
      Key key = new Key("test", "s", "hll");
      byte[] hll = {0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};
      client.put(null, key, new Bin("h", new Value.HLLValue(hll)));
      Object back = client.get(null, key).getValue("h");
      assertThat(back).isInstanceOf(Value.HLLValue.class);
      assertThat(((Value.HLLValue) back).getBytes()).containsExactly(hll);
    }
  }

  @Test
  void generationWrapsFrom65535ToOne() {
    assertThat(Commands.nextGeneration(1)).isEqualTo(2);
    assertThat(Commands.nextGeneration(65534)).isEqualTo(65535);
    assertThat(Commands.nextGeneration(65535)).isEqualTo(1);
  }

  @Test
  void voidTimeFollowsTheTtlRules() {
    long now = 1_800_000_000_000L;
    long now2010 = now / 1000 - 1_262_304_000L;
    assertThat(Commands.voidTime(-1, 100, 5, true, now)).isZero();
    assertThat(Commands.voidTime(-2, 100, 12345, true, now)).isEqualTo(12345);
    assertThat(Commands.voidTime(-2, 100, 0, false, now)).isEqualTo((int) (now2010 + 100));
    assertThat(Commands.voidTime(0, 0, 0, false, now)).isZero();
    assertThat(Commands.voidTime(0, 60, 0, false, now)).isEqualTo((int) (now2010 + 60));
    assertThat(Commands.voidTime(30, 60, 0, true, now)).isEqualTo((int) (now2010 + 30));
  }
}

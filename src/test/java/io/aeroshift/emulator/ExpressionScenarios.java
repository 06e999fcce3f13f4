package io.aeroshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.ExpOperation;
import com.aerospike.client.exp.ExpReadFlags;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.PartitionFilter;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Filter expressions on scans, reads, writes, deletes and batches, built with the real client's
 * {@link Exp} builders. Shared by the emulator and the real-server parity test.
 */
interface ExpressionScenarios {

  AerospikeClient client();

  String ns();

  private String set() {
    return "x" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private Set<Integer> scan(String set, Exp filter) {
    ScanPolicy p = new ScanPolicy();
    p.filterExp = Exp.build(filter);
    Set<Integer> out = ConcurrentHashMap.newKeySet();
    client().scanPartitions(p, PartitionFilter.all(), ns(), set, (k, r) -> out.add(r.getInt("a")));
    return out;
  }

  @Test
  default void scanFilterOnIntStringAndBoolBins() {
    String set = set();
    for (int i = 0; i < 100; i++) {
      client().put(null, new Key(ns(), set, i), new Bin("a", i), new Bin("s", i % 2 == 0 ? "even" : "odd"), new Bin("t", i < 10));
    }
    assertThat(scan(set, Exp.gt(Exp.intBin("a"), Exp.val(89)))).hasSize(10).allMatch(i -> i >= 90);
    assertThat(scan(set, Exp.and(Exp.eq(Exp.stringBin("s"), Exp.val("odd")), Exp.lt(Exp.intBin("a"), Exp.val(10)))))
        .containsExactlyInAnyOrder(1, 3, 5, 7, 9);
    assertThat(scan(set, Exp.eq(Exp.boolBin("t"), Exp.val(true)))).hasSize(10);
    assertThat(scan(set, Exp.not(Exp.binExists("a")))).isEmpty();
    assertThat(scan(set, Exp.or(Exp.eq(Exp.intBin("a"), Exp.val(0)), Exp.eq(Exp.intBin("a"), Exp.val(99)))))
        .containsExactlyInAnyOrder(0, 99);
  }

  @Test
  default void scanFilterOnLastUpdateSplitsCatchUpWindows() {
    String set = set();
    for (int i = 0; i < 20; i++) client().put(null, new Key(ns(), set, i), new Bin("a", i));
    long firstDone = System.currentTimeMillis();
    await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > firstDone + 20);
    long cutNanos = System.currentTimeMillis() * 1_000_000L;
    await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() * 1_000_000L > cutNanos + 20_000_000L);
    for (int i = 20; i < 30; i++) client().put(null, new Key(ns(), set, i), new Bin("a", i));
    assertThat(scan(set, Exp.ge(Exp.lastUpdate(), Exp.val(cutNanos)))).hasSize(10).allMatch(i -> i >= 20);
    assertThat(scan(set, Exp.lt(Exp.lastUpdate(), Exp.val(cutNanos)))).hasSize(20).allMatch(i -> i < 20);
  }

  @Test
  default void scanFilterOnDigestModuloSetNameKeyExistsAndTtl() {
    String set = set();
    WritePolicy sendKey = new WritePolicy();
    sendKey.sendKey = true;
    WritePolicy expiring = new WritePolicy();
    expiring.expiration = 1000;
    int expectedMod = 0;
    for (int i = 0; i < 60; i++) {
      Key key = new Key(ns(), set, i);
      client().put(i < 30 ? sendKey : expiring, key, new Bin("a", i));
      long mod = Integer.toUnsignedLong((key.digest[16] & 0xFF) | (key.digest[17] & 0xFF) << 8
          | (key.digest[18] & 0xFF) << 16 | (key.digest[19] & 0xFF) << 24) % 3;
      if (mod == 1) expectedMod++;
    }
    assertThat(scan(set, Exp.eq(Exp.digestModulo(3), Exp.val(1)))).hasSize(expectedMod);
    assertThat(scan(set, Exp.keyExists())).hasSize(30).allMatch(i -> i < 30);
    assertThat(scan(set, Exp.and(Exp.gt(Exp.ttl(), Exp.val(0)), Exp.le(Exp.ttl(), Exp.val(1000))))).hasSize(30)
        .allMatch(i -> i >= 30);
    assertThat(scan(set, Exp.gt(Exp.voidTime(), Exp.val(0)))).hasSize(30);

    ScanPolicy all = new ScanPolicy();
    all.filterExp = Exp.build(Exp.eq(Exp.setName(), Exp.val(set)));
    Set<Integer> inSet = ConcurrentHashMap.newKeySet();
    client().scanPartitions(all, PartitionFilter.all(), ns(), null, (k, r) -> inSet.add(r.getInt("a")));
    assertThat(inSet).hasSize(60);
  }

  @Test
  default void filtersOnReadsWritesDeletesAndBatches() {
    String set = set();
    Key key = new Key(ns(), set, "k");
    client().put(null, key, new Bin("a", 5), new Bin("f", 1.5));
    Policy read = new Policy();
    read.filterExp = Exp.build(Exp.eq(Exp.intBin("a"), Exp.val(6)));
    assertThat(client().get(read, key)).isNull();
    read.failOnFilteredOut = true;
    assertThat(codeOf(() -> client().get(read, key))).isEqualTo(ResultCode.FILTERED_OUT);
    read.filterExp = Exp.build(Exp.lt(Exp.floatBin("f"), Exp.val(2.0)));
    assertThat(client().get(read, key).getInt("a")).isEqualTo(5);

    WritePolicy write = new WritePolicy();
    write.filterExp = Exp.build(Exp.eq(Exp.intBin("a"), Exp.val(6)));
    write.failOnFilteredOut = true;
    assertThat(codeOf(() -> client().put(write, key, new Bin("a", 100)))).isEqualTo(ResultCode.FILTERED_OUT);
    assertThat(client().get(null, key).getInt("a")).isEqualTo(5);
    assertThat(client().get(null, key).generation).isEqualTo(1);
    write.filterExp = Exp.build(Exp.eq(Exp.intBin("a"), Exp.val(5)));
    client().put(write, key, new Bin("a", 100));
    assertThat(client().get(null, key).getInt("a")).isEqualTo(100);

    WritePolicy delete = new WritePolicy();
    delete.filterExp = Exp.build(Exp.eq(Exp.intBin("a"), Exp.val(1)));
    delete.failOnFilteredOut = true;
    assertThat(codeOf(() -> client().delete(delete, key))).isEqualTo(ResultCode.FILTERED_OUT);
    assertThat(client().exists(null, key)).isTrue();

    Key[] keys = new Key[10];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new Key(ns(), set, "b" + i);
      client().put(null, keys[i], new Bin("a", i));
    }
    BatchPolicy batch = new BatchPolicy();
    batch.filterExp = Exp.build(Exp.ge(Exp.intBin("a"), Exp.val(5)));
    Record[] got = client().get(batch, keys);
    for (int i = 0; i < keys.length; i++) {
      if (i >= 5) assertThat(got[i].getInt("a")).isEqualTo(i);
      else assertThat(got[i]).isNull();
    }
  }

  @Test
  default void expressionReadOperationReturnsComputedValue() {
    Key key = new Key(ns(), set(), "e");
    client().put(null, key, new Bin("a", 41));
    Record r = client().operate(null, key,
        ExpOperation.read("r", Exp.build(Exp.add(Exp.intBin("a"), Exp.val(1))), ExpReadFlags.DEFAULT));
    assertThat(r.getLong("r")).isEqualTo(42);
    Record w = client().operate(null, key, Operation.put(new Bin("b", 2)),
        ExpOperation.read("r", Exp.build(Exp.intBin("b")), ExpReadFlags.DEFAULT));
    assertThat(w.getLong("r")).isEqualTo(2);
  }

  private int codeOf(Runnable r) {
    try {
      r.run();
      return 0;
    } catch (AerospikeException e) {
      return e.getResultCode();
    }
  }
}

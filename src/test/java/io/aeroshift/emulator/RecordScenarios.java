package io.aeroshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchDelete;
import com.aerospike.client.BatchRead;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.GenerationPolicy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.PartitionFilter;
import com.aerospike.client.query.PartitionStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Record-level behaviour the emulator must share with a real server. Implemented by
 * {@link EmulatorRecordTest} (emulated cluster) and {@link RealServerParityTest} (real image), so
 * every assumption here is checked against a real server wherever Docker runs.
 */
interface RecordScenarios {

  AerospikeClient client();

  String ns();

  default String freshSet() {
    return "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  default int code(Runnable r) {
    try {
      r.run();
      return 0;
    } catch (AerospikeException e) {
      return e.getResultCode();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  default void getAllNamedAndHeaderReturnWhatWasWritten() {
    String set = freshSet();
    Key key = new Key(ns(), set, "k1");
    Map<String, Object> map = new HashMap<>();
    map.put("x", 1L);
    client().put(null, key, new Bin("i", 42), new Bin("f", 2.5), new Bin("s", "text"), new Bin("b", new byte[] {1, 2, 3}),
        new Bin("t", true), new Bin("l", List.of(1L, "two")), new Bin("m", map),
        new Bin("g", Value.getAsGeoJSON("{\"type\":\"Point\",\"coordinates\":[1.0,2.0]}")));
    Record all = client().get(null, key);
    assertThat(all.getLong("i")).isEqualTo(42);
    assertThat(all.getDouble("f")).isEqualTo(2.5);
    assertThat(all.getString("s")).isEqualTo("text");
    assertThat((byte[]) all.getValue("b")).containsExactly(1, 2, 3);
    assertThat(all.getBoolean("t")).isTrue();
    assertThat((List<Object>) all.getList("l")).containsExactly(1L, "two");
    assertThat((Map<Object, Object>) all.getMap("m")).containsEntry("x", 1L);
    assertThat(all.getGeoJSON("g")).contains("Point");
    assertThat(all.generation).isEqualTo(1);

    Record named = client().get(null, key, "s", "missing");
    assertThat(named.bins).containsOnlyKeys("s");

    Record header = client().getHeader(null, key);
    assertThat(header.bins).isNull();
    assertThat(header.generation).isEqualTo(1);

    assertThat(client().get(null, new Key(ns(), set, "absent"))).isNull();
    assertThat(client().exists(null, key)).isTrue();
    assertThat(client().exists(null, new Key(ns(), set, "absent"))).isFalse();
  }

  @Test
  default void recordExistsActionsFollowTheServerRules() {
    String set = freshSet();
    Key key = new Key(ns(), set, 1);
    WritePolicy create = new WritePolicy();
    create.recordExistsAction = RecordExistsAction.CREATE_ONLY;
    client().put(create, key, new Bin("a", 1), new Bin("b", 2));
    assertThat(code(() -> client().put(create, key, new Bin("a", 9)))).isEqualTo(ResultCode.KEY_EXISTS_ERROR);

    WritePolicy update = new WritePolicy();
    update.recordExistsAction = RecordExistsAction.UPDATE;
    client().put(update, key, new Bin("a", 3));
    assertThat(client().get(null, key).bins).containsEntry("a", 3L).containsEntry("b", 2L);

    WritePolicy replace = new WritePolicy();
    replace.recordExistsAction = RecordExistsAction.REPLACE;
    client().put(replace, key, new Bin("c", 4));
    assertThat(client().get(null, key).bins).containsOnlyKeys("c");

    Key absent = new Key(ns(), set, 2);
    WritePolicy updateOnly = new WritePolicy();
    updateOnly.recordExistsAction = RecordExistsAction.UPDATE_ONLY;
    assertThat(code(() -> client().put(updateOnly, absent, new Bin("a", 1)))).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
    WritePolicy replaceOnly = new WritePolicy();
    replaceOnly.recordExistsAction = RecordExistsAction.REPLACE_ONLY;
    assertThat(code(() -> client().put(replaceOnly, absent, new Bin("a", 1)))).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
    client().put(replaceOnly, key, new Bin("d", 5));
    assertThat(client().get(null, key).bins).containsOnlyKeys("d");
    client().put(updateOnly, key, new Bin("e", 6));
    assertThat(client().get(null, key).bins).containsOnlyKeys("d", "e");
  }

  @Test
  default void generationPoliciesAndCountersBehaveAsOnTheServer() {
    String set = freshSet();
    Key key = new Key(ns(), set, "g");
    client().put(null, key, new Bin("a", 1));
    client().put(null, key, new Bin("a", 2));
    assertThat(client().get(null, key).generation).isEqualTo(2);

    WritePolicy eq = new WritePolicy();
    eq.generationPolicy = GenerationPolicy.EXPECT_GEN_EQUAL;
    eq.generation = 1;
    assertThat(code(() -> client().put(eq, key, new Bin("a", 3)))).isEqualTo(ResultCode.GENERATION_ERROR);
    eq.generation = 2;
    client().put(eq, key, new Bin("a", 3));
    assertThat(client().get(null, key).generation).isEqualTo(3);

    WritePolicy gt = new WritePolicy();
    gt.generationPolicy = GenerationPolicy.EXPECT_GEN_GT;
    gt.generation = 3;
    assertThat(code(() -> client().put(gt, key, new Bin("a", 4)))).isEqualTo(ResultCode.GENERATION_ERROR);
    gt.generation = 10;
    client().put(gt, key, new Bin("a", 4));
    assertThat(client().get(null, key).generation).isEqualTo(4);

    WritePolicy delGen = new WritePolicy();
    delGen.generationPolicy = GenerationPolicy.EXPECT_GEN_EQUAL;
    delGen.generation = 1;
    assertThat(code(() -> client().delete(delGen, key))).isEqualTo(ResultCode.GENERATION_ERROR);
    assertThat(client().delete(null, key)).isTrue();
    assertThat(client().delete(null, key)).isFalse();
  }

  @Test
  default void ttlNeverNoChangeExplicitAndTooLong() {
    String set = freshSet();
    Key key = new Key(ns(), set, "ttl");
    WritePolicy p = new WritePolicy();
    p.expiration = 1000;
    client().put(p, key, new Bin("a", 1));
    int ttl = client().get(null, key).getTimeToLive();
    assertThat(ttl).isBetween(990, 1000);

    WritePolicy noChange = new WritePolicy();
    noChange.expiration = -2;
    client().put(noChange, key, new Bin("a", 2));
    assertThat(client().get(null, key).getTimeToLive()).isBetween(990, 1000);

    WritePolicy never = new WritePolicy();
    never.expiration = -1;
    client().put(never, key, new Bin("a", 3));
    Record r = client().get(null, key);
    assertThat(r.expiration).isZero();
    assertThat(r.getTimeToLive()).isEqualTo(-1);

    WritePolicy tooLong = new WritePolicy();
    tooLong.expiration = 315_360_001;
    assertThat(code(() -> client().put(tooLong, key, new Bin("a", 4)))).isEqualTo(ResultCode.PARAMETER_ERROR);

    WritePolicy touch = new WritePolicy();
    touch.expiration = 500;
    client().touch(touch, key);
    Record touched = client().getHeader(null, key);
    assertThat(touched.getTimeToLive()).isBetween(490, 500);
    assertThat(touched.generation).isEqualTo(4);
    assertThat(code(() -> client().touch(touch, new Key(ns(), set, "absent")))).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
  }

  @Test
  default void defaultTtlComesFromTheNamespace() {
    Node node = client().getNodes()[0];
    String nsInfo = Info.request(null, node, "namespace/" + ns());
    long defaultTtl = Long.parseLong(InfoText.kv(nsInfo, ';').get("default-ttl"));
    Key key = new Key(ns(), freshSet(), "d");
    client().put(null, key, new Bin("a", 1));
    Record r = client().get(null, key);
    if (defaultTtl == 0) {
      assertThat(r.getTimeToLive()).isEqualTo(-1);
    } else {
      assertThat((long) r.getTimeToLive()).isBetween(defaultTtl - 10, defaultTtl);
    }
  }

  @Test
  default void operateAppliesOpsInOrder() {
    String set = freshSet();
    Key key = new Key(ns(), set, "op");
    Record r = client().operate(null, key, Operation.put(new Bin("n", 5)), Operation.add(new Bin("n", 3)),
        Operation.put(new Bin("s", "mid")), Operation.append(new Bin("s", "-end")), Operation.prepend(new Bin("s", "start-")),
        Operation.get("n"), Operation.get("s"));
    assertThat(r.getLong("n")).isEqualTo(8);
    assertThat(r.getString("s")).isEqualTo("start-mid-end");
    assertThat(code(() -> client().operate(null, key, Operation.add(new Bin("s", 1))))).isEqualTo(ResultCode.BIN_TYPE_ERROR);
    assertThat(code(() -> client().operate(null, key, Operation.append(new Bin("n", "x"))))).isEqualTo(ResultCode.BIN_TYPE_ERROR);

    client().operate(null, key, Operation.add(new Bin("f", 1.5)), Operation.add(new Bin("f", 1.0)));
    assertThat(client().get(null, key).getDouble("f")).isEqualTo(2.5);

    Record header = client().operate(null, key, Operation.touch(), Operation.getHeader());
    assertThat(header.generation).isEqualTo(3);

    client().put(null, key, Bin.asNull("n"));
    assertThat(client().get(null, key).bins).doesNotContainKey("n");

    client().operate(null, key, Operation.delete());
    assertThat(client().exists(null, key)).isFalse();

    Key single = new Key(ns(), set, "lastbin");
    client().put(null, single, new Bin("only", 1));
    client().put(null, single, Bin.asNull("only"));
    assertThat(client().exists(null, single)).isFalse();
  }

  @Test
  default void batchReadsExistsAndWritesIncludingSingleKeyBatches() {
    String set = freshSet();
    Key[] keys = new Key[20];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new Key(ns(), set, i);
      if (i % 2 == 0) client().put(null, keys[i], new Bin("v", i), new Bin("w", "x" + i));
    }
    Record[] records = client().get(null, keys);
    for (int i = 0; i < keys.length; i++) {
      if (i % 2 == 0) assertThat(records[i].getInt("v")).isEqualTo(i);
      else assertThat(records[i]).isNull();
    }
    Record[] named = client().get(null, keys, "w");
    assertThat(named[4].bins).containsOnlyKeys("w");
    Record[] headers = client().getHeader(null, keys);
    assertThat(headers[2].generation).isEqualTo(1);
    assertThat(headers[2].bins).isNull();
    boolean[] exists = client().exists(null, keys);
    for (int i = 0; i < keys.length; i++) assertThat(exists[i]).isEqualTo(i % 2 == 0);

    // One key: the client sends a plain single-record command (BatchSingle).
    Record[] one = client().get(null, new Key[] {keys[0]});
    assertThat(one[0].getInt("v")).isZero();
    assertThat(client().exists(null, new Key[] {keys[1]})).containsExactly(false);

    List<BatchRecord> ops = new ArrayList<>();
    ops.add(new BatchWrite(keys[1], new Operation[] {Operation.put(new Bin("v", 101))}));
    ops.add(new BatchDelete(keys[2]));
    ops.add(new BatchRead(keys[4], true));
    ops.add(new BatchRead(keys[5], true));
    client().operate(null, ops);
    assertThat(ops.get(0).resultCode).isEqualTo(ResultCode.OK);
    assertThat(ops.get(1).resultCode).isEqualTo(ResultCode.OK);
    assertThat(ops.get(2).record.getInt("v")).isEqualTo(4);
    assertThat(ops.get(3).resultCode).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
    assertThat(client().get(null, keys[1]).getInt("v")).isEqualTo(101);
    assertThat(client().exists(null, keys[2])).isFalse();
  }

  @Test
  default void partitionScanPagesAndResumesFromASavedCursor() {
    String set = freshSet();
    int n = 500;
    for (int i = 0; i < n; i++) client().put(null, new Key(ns(), set, i), new Bin("i", i));

    // Paging with maxRecords: every record exactly once, the filter reports done at the end.
    ScanPolicy page = new ScanPolicy();
    page.maxRecords = 97;
    PartitionFilter filter = PartitionFilter.all();
    Map<Integer, Integer> seen = new ConcurrentHashMap<>();
    int pages = 0;
    while (!filter.isDone()) {
      client().scanPartitions(page, filter, ns(), set, (k, r) -> seen.merge(r.getInt("i"), 1, Integer::sum));
      pages++;
      assertThat(pages).isLessThan(100);
    }
    assertThat(seen).hasSize(n);
    assertThat(seen.values()).containsOnly(1);

    // Resume from a cursor copied out of one filter into a brand-new one.
    ScanPolicy half = new ScanPolicy();
    half.maxRecords = n / 2;
    PartitionFilter first = PartitionFilter.all();
    Map<Integer, Integer> got = new ConcurrentHashMap<>();
    client().scanPartitions(half, first, ns(), set, (k, r) -> got.merge(r.getInt("i"), 1, Integer::sum));
    int afterFirst = got.size();
    assertThat(afterFirst).isBetween(1, n - 1);
    PartitionStatus[] cursor = first.getPartitions();
    PartitionStatus[] copy = new PartitionStatus[cursor.length];
    for (int i = 0; i < cursor.length; i++) {
      copy[i] = new PartitionStatus(cursor[i].id);
      copy[i].digest = cursor[i].digest == null ? null : cursor[i].digest.clone();
      copy[i].retry = cursor[i].retry;
    }
    PartitionFilter resumed = PartitionFilter.range(0, 4096);
    resumed.setPartitions(copy);
    client().scanPartitions(new ScanPolicy(), resumed, ns(), set, (k, r) -> got.merge(r.getInt("i"), 1, Integer::sum));
    assertThat(got).hasSize(n);
    assertThat(got.values()).containsOnly(1);
  }

  @Test
  default void scanWithoutBinDataAndWithSelectedBins() {
    String set = freshSet();
    for (int i = 0; i < 50; i++) client().put(null, new Key(ns(), set, i), new Bin("a", i), new Bin("b", "x"));
    ScanPolicy noBins = new ScanPolicy();
    noBins.includeBinData = false;
    AtomicInteger count = new AtomicInteger();
    client().scanPartitions(noBins, PartitionFilter.all(), ns(), set, (k, r) -> {
      assertThat(r.bins).isNull();
      assertThat(r.generation).isEqualTo(1);
      count.incrementAndGet();
    });
    assertThat(count.get()).isEqualTo(50);
    Map<String, Object> firstBins = new ConcurrentHashMap<>();
    client().scanPartitions(new ScanPolicy(), PartitionFilter.all(), ns(), set, (k, r) -> firstBins.putAll(r.bins), "b");
    assertThat(firstBins).containsOnlyKeys("b");
  }

  @Test
  default void scanReturnsStoredUserKeys() {
    String set = freshSet();
    WritePolicy sendKey = new WritePolicy();
    sendKey.sendKey = true;
    for (int i = 0; i < 10; i++) client().put(sendKey, new Key(ns(), set, "user-" + i), new Bin("a", i));
    List<Object> keys = java.util.Collections.synchronizedList(new ArrayList<>());
    client().scanPartitions(new ScanPolicy(), PartitionFilter.all(), ns(), set, (k, r) -> keys.add(k.userKey.getObject()));
    assertThat(keys).hasSize(10).allSatisfy(k -> assertThat(k.toString()).startsWith("user-"));
  }

  @Test
  default void communityRejectsDurableDeleteWithEnterpriseOnly() {
    Key key = new Key(ns(), freshSet(), "dd");
    client().put(null, key, new Bin("a", 1));
    WritePolicy durable = new WritePolicy();
    durable.durableDelete = true;
    assertThat(code(() -> client().delete(durable, key))).isEqualTo(ResultCode.ENTERPRISE_ONLY);
    assertThat(client().exists(null, key)).isTrue();
  }

  @Test
  default void truncateSetRemovesItsRecords() {
    String set = freshSet();
    for (int i = 0; i < 20; i++) client().put(null, new Key(ns(), set, i), new Bin("a", i));
    client().truncate(null, ns(), set, null);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
      AtomicInteger left = new AtomicInteger();
      client().scanPartitions(new ScanPolicy(), PartitionFilter.all(), ns(), set, (k, r) -> left.incrementAndGet());
      assertThat(left.get()).isZero();
    });
  }

  @Test
  default void unknownInfoCommandAnswersAnError() {
    String v = Info.request(null, client().getNodes()[0], "no-such-command-xyz");
    assertThat(v).startsWith("ERROR");
  }

  @Test
  default void namespaceInfoUsesTheFieldNamesOfTheServerVersion() {
    Node node = client().getNodes()[0];
    String build = Info.request(null, node, "build");
    Map<String, String> kv = InfoText.kv(Info.request(null, node, "namespace/" + ns()), ';');
    assertThat(kv).containsKeys("objects", "master_objects", "replication-factor", "default-ttl", "client_write_success",
        "client_read_success", "client_delete_success", "nsup-period");
    if (Integer.parseInt(build.split("\\.")[0]) >= 7) {
      assertThat(kv).containsKeys("data_used_bytes", "storage-engine").doesNotContainKeys("memory-size", "memory_used_bytes");
    } else {
      assertThat(kv).containsKeys("memory_used_bytes", "memory-size", "high-water-memory-pct", "stop-writes-pct");
    }
    Map<String, String> stats = InfoText.kv(Info.request(null, node, "statistics"), ';');
    assertThat(Integer.parseInt(stats.get("client_connections"))).isPositive();
    assertThat(Integer.parseInt(stats.get("cluster_size"))).isEqualTo(client().getNodes().length);
    assertThat(Info.request(null, node, "namespaces")).contains(ns());
    assertThat(Info.request(null, node, "edition")).startsWith("Aerospike");
  }

  @Test
  default void setsInfoReportsObjectsPerSet() {
    String set = freshSet();
    for (int i = 0; i < 30; i++) client().put(null, new Key(ns(), set, i), new Bin("a", i));
    long total = 0;
    String build = Info.request(null, client().getNodes()[0], "build");
    for (Node node : client().getNodes()) {
      String sets = Info.request(null, node, "sets/" + ns() + "/" + set);
      Map<String, String> kv = InfoText.kv(sets.replace(";", ""), ':');
      total += Long.parseLong(kv.get("objects"));
      if (Integer.parseInt(build.split("\\.")[0]) >= 7) assertThat(kv).containsKey("data_used_bytes");
      else assertThat(kv).containsKey("memory_data_bytes");
    }
    int rf = Integer.parseInt(InfoText.kv(Info.request(null, client().getNodes()[0], "namespace/" + ns()), ';')
        .get("effective_replication_factor"));
    assertThat(total).isEqualTo(30L * rf);
  }
}

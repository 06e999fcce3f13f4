package io.aeroshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchResults;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapPolicy;
import com.aerospike.client.cdt.MapReturnType;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.PartitionFilter;
import com.aerospike.client.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the emulator cannot do, it refuses as a server would (issue 16), through the official
 * client: UDF calls, job monitoring, list/map modifies on missing records. Each case checks the
 * result code and that the record is exactly as before (bins and generation).
 */
class EmulatorRefusalTest {

  private static ClientPolicy policy() {
    ClientPolicy p = new ClientPolicy();
    p.timeout = 2000;
    return p;
  }

  private static EmulatedCluster cluster(String build) {
    return EmulatedCluster.builder().nodes(1).edition(Edition.ENTERPRISE).build(build).start();
  }

  @Test
  void udfOfAModuleNeverRegisteredAnswers100AndLeavesTheRecordAlone() {
    try (EmulatedCluster cluster = cluster("7.2.0.6"); AerospikeClient client = new AerospikeClient(policy(), cluster.hosts())) {
      Key key = new Key("test", "s", "k1");
      client.put(null, key, new Bin("a", 1));
      Record before = client.get(null, key);

      assertThatThrownBy(() -> client.execute(null, key, "nomodule", "touchit", Value.get(7)))
          .isInstanceOfSatisfying(AerospikeException.class, e -> {
            assertThat(e.getResultCode()).isEqualTo(ResultCode.UDF_BAD_RESPONSE);
            assertThat(e.getMessage()).contains("nomodule").contains("not found");
          });
      Record after = client.get(null, key);
      assertThat(after.generation).isEqualTo(before.generation);
      assertThat(after.bins).isEqualTo(before.bins);

      Key missing = new Key("test", "s", "never-written");
      assertThatThrownBy(() -> client.execute(null, missing, "nomodule", "create"))
          .isInstanceOfSatisfying(AerospikeException.class, e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.UDF_BAD_RESPONSE));
      assertThat(client.exists(null, missing)).isFalse();
    }
  }

  @Test
  void udfOfARegisteredModuleFailsAsAFailedUdfNeverAsSuccess() {
    try (EmulatedCluster cluster = cluster("7.2.0.6"); AerospikeClient client = new AerospikeClient(policy(), cluster.hosts())) {
      client.registerUdfString(null, "function bump(r) r['a'] = r['a'] + 1 aerospike:update(r) return r['a'] end",
          "counter.lua", Language.LUA).waitTillComplete(10, 5000);
      Key key = new Key("test", "s", "k2");
      client.put(null, key, new Bin("a", 41));
      Record before = client.get(null, key);

      assertThatThrownBy(() -> client.execute(null, key, "counter", "bump"))
          .isInstanceOfSatisfying(AerospikeException.class, e -> {
            assertThat(e.getResultCode()).isEqualTo(ResultCode.UDF_BAD_RESPONSE);
            assertThat(e.getMessage()).contains("counter.bump");
          });
      Record after = client.get(null, key);
      assertThat(after.generation).isEqualTo(before.generation);
      assertThat(after.getInt("a")).isEqualTo(41);
      assertThat(InfoText.kv(Info.request(null, client.getNodes()[0], "namespace/test"), ';'))
          .containsEntry("client_udf_error", "1");
    }
  }

  @Test
  void batchUdfAnswers100ForEveryKeyAndChangesNothing() {
    try (EmulatedCluster cluster = cluster("7.2.0.6"); AerospikeClient client = new AerospikeClient(policy(), cluster.hosts())) {
      Key[] keys = new Key[5];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = new Key("test", "s", "b" + i);
        if (i < 4) client.put(null, keys[i], new Bin("a", i));
      }
      Record[] before = client.get(null, keys);

      BatchResults results = client.execute(null, null, keys, "nomodule", "fn", Value.get(1));

      assertThat(results.status).isFalse();
      for (BatchRecord r : results.records) assertThat(r.resultCode).isEqualTo(ResultCode.UDF_BAD_RESPONSE);
      Record[] after = client.get(null, keys);
      for (int i = 0; i < keys.length; i++) {
        if (before[i] == null) {
          assertThat(after[i]).isNull();
        } else {
          assertThat(after[i].generation).isEqualTo(before[i].generation);
          assertThat(after[i].bins).isEqualTo(before[i].bins);
        }
      }
    }
  }

  @Test
  void queryShowListsTheScansANodeRanAndAnswersNotFoundForOthers() {
    try (EmulatedCluster cluster = cluster("8.1.0.0"); AerospikeClient client = new AerospikeClient(policy(), cluster.hosts())) {
      Node node = client.getNodes()[0];
      assertThat(Info.request(null, node, "query-show")).isEmpty(); // no jobs yet: an empty value, as a server
      for (int i = 0; i < 25; i++) client.put(null, new Key("test", "s", i), new Bin("a", i));
      AtomicInteger seen = new AtomicInteger();
      client.scanPartitions(new ScanPolicy(), PartitionFilter.all(), "test", "s", (k, r) -> seen.incrementAndGet());
      assertThat(seen).hasValue(25);

      String all = Info.request(null, node, "query-show");
      assertThat(all.split(";")).hasSize(1);
      Map<String, String> job = InfoText.kv(all, ':');
      assertThat(job).containsEntry("ns", "test").containsEntry("set", "s").containsEntry("status", "done(ok)")
          .containsEntry("recs-succeeded", "25").containsEntry("job-type", "basic").containsKey("from");
      String trid = job.get("trid");
      assertThat(InfoText.kv(Info.request(null, node, "query-show:id=" + trid), ':')).containsEntry("trid", trid);
      assertThat(Info.request(null, node, "query-show:id=12345")).isEqualTo("ERROR:2:job not found");
      assertThat(Info.request(null, node, "query-show:id=abc")).isEqualTo("ERROR:4:bad id");
      // scan-show went in 6.4 and jobs: in 6.3: an 8.1 server does not know them
      assertThat(Info.request(null, node, "scan-show")).isEqualTo("ERROR:4:unrecognized command");
      assertThat(Info.request(null, node, "jobs:")).isEqualTo("ERROR:4:unrecognized command");
    }
  }

  @Test
  void olderServersAnswerScanShowAndTheJobMonitor() {
    try (EmulatedCluster cluster = cluster("6.1.0.1"); AerospikeClient client = new AerospikeClient(policy(), cluster.hosts())) {
      Node node = client.getNodes()[0];
      assertThat(Info.request(null, node, "jobs:")).isEmpty();
      client.put(null, new Key("test", "s", 1), new Bin("a", 1));
      client.scanPartitions(new ScanPolicy(), PartitionFilter.all(), "test", null, (k, r) -> { });

      String jobs = Info.request(null, node, "jobs:");
      assertThat(jobs).startsWith("module=query:trid=").contains(":status=done(ok)").contains(":recs-succeeded=1");
      // 6.x reads "scan" as "query": the same job, read again a moment later (its clocks move on)
      assertThat(withoutClocks(Info.request(null, node, "jobs:module=scan"))).isEqualTo(withoutClocks(jobs));
      assertThat(Info.request(null, node, "jobs:module=nosuch")).isEqualTo("ERROR:2:module \"nosuch\" not found");
      assertThat(Info.request(null, node, "scan-show")).startsWith("trid=").contains(":job-type=basic");
      String trid = InfoText.kv(Info.request(null, node, "scan-show"), ':').get("trid");
      assertThat(Info.request(null, node, "jobs:module=query;cmd=get-job;trid=" + trid)).startsWith("trid=" + trid);
      assertThat(Info.request(null, node, "jobs:module=query;cmd=get-job;trid=99")).isEqualTo("ERROR:2:job not found");
      assertThat(Info.request(null, node, "jobs:module=query;cmd=kill-job;trid=" + trid)).startsWith("ERROR:4:");
    }
  }

  /** A job line with its run time and time since done blanked: a second read may fall on another millisecond. */
  private static String withoutClocks(String job) {
    return job.replaceAll("(run-time|time-since-done)=\\d+", "$1=*");
  }

  @Test
  @SuppressWarnings("unchecked")
  void listAndMapModifiesOnAMissingRecordCreateItWhereAServerWould() {
    try (EmulatedCluster cluster = cluster("7.2.0.6"); AerospikeClient client = new AerospikeClient(policy(), cluster.hosts())) {
      Key listKey = new Key("test", "s", "list");
      Record r = client.operate(null, listKey, ListOperation.append("l", Value.get("x")));
      assertThat(r.getLong("l")).isEqualTo(1);
      assertThat((List<Object>) client.get(null, listKey).getList("l")).containsExactly("x");
      assertThat(client.get(null, listKey).generation).isEqualTo(1);

      Key itemsKey = new Key("test", "s", "items");
      List<Value> items = new ArrayList<>(List.of(Value.get(1), Value.get("two"), Value.get(3.5)));
      client.operate(null, itemsKey, ListOperation.appendItems("l", items));
      assertThat((List<Object>) client.get(null, itemsKey).getList("l")).containsExactly(1L, "two", 3.5);

      Key mapKey = new Key("test", "s", "map");
      client.operate(null, mapKey, MapOperation.put(MapPolicy.Default, "m", Value.get("k"), Value.get(9)));
      assertThat((Map<Object, Object>) client.get(null, mapKey).getMap("m")).containsEntry("k", 9L);

      // a modify that creates nothing leaves nothing: the server answers 2, not "unsupported"
      Key none = new Key("test", "s", "none");
      assertThatThrownBy(() -> client.operate(null, none, MapOperation.removeByKey("m", Value.get("k"), MapReturnType.NONE)))
          .isInstanceOfSatisfying(AerospikeException.class, e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR));
      assertThat(client.exists(null, none)).isFalse();

      // the existence check comes before the operation
      WritePolicy updateOnly = new WritePolicy();
      updateOnly.recordExistsAction = RecordExistsAction.UPDATE_ONLY;
      assertThatThrownBy(() -> client.operate(updateOnly, none, ListOperation.append("l", Value.get(1))))
          .isInstanceOfSatisfying(AerospikeException.class, e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR));
      assertThat(client.exists(null, none)).isFalse();
    }
  }

  @Test
  void aModifyOfAnExistingCollectionIsRefusedAndChangesNothing() {
    try (EmulatedCluster cluster = cluster("7.2.0.6"); AerospikeClient client = new AerospikeClient(policy(), cluster.hosts())) {
      Key key = new Key("test", "s", "existing");
      client.operate(null, key, ListOperation.append("l", Value.get("x")), com.aerospike.client.Operation.put(new Bin("a", 1)));
      Record before = client.get(null, key);

      assertThatThrownBy(() -> client.operate(null, key, ListOperation.append("l", Value.get("y")), com.aerospike.client.Operation.put(new Bin("a", 2))))
          .isInstanceOfSatisfying(AerospikeException.class, e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.UNSUPPORTED_FEATURE));
      Record after = client.get(null, key);
      assertThat(after.generation).isEqualTo(before.generation);
      assertThat(after.bins).isEqualTo(before.bins);

      // a write that would leave a record it did not find without bins creates nothing (server: 2)
      Key nothing = new Key("test", "s", "nothing");
      assertThatThrownBy(() -> client.put(null, nothing, Bin.asNull("a")))
          .isInstanceOfSatisfying(AerospikeException.class, e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR));
    }
  }
}

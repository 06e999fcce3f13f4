package io.aeroshift.transfer;

import io.aeroshift.testsupport.ClientValues;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A 3-node CE source and a 3-node EE target, each with a client, for engine tests. */
final class TwoClusters implements AutoCloseable {

  static final String NS = "test";

  final EmulatedCluster source;
  final EmulatedCluster target;
  final AerospikeClient sourceClient;
  final AerospikeClient targetClient;

  TwoClusters() {
    source = EmulatedCluster.builder().nodes(3).basePort(0).edition(Edition.COMMUNITY)
        .build("6.4.0.10").namespace(NamespaceSpec.named(NS).replicationFactor(2).defaultTtl(0))
        .start();
    target = EmulatedCluster.builder().nodes(3).basePort(0).edition(Edition.ENTERPRISE)
        .build("7.2.0.6").namespace(NamespaceSpec.named(NS).replicationFactor(2).defaultTtl(0))
        .start();
    sourceClient = new AerospikeClient(clientPolicy(), source.hosts());
    targetClient = new AerospikeClient(clientPolicy(), target.hosts());
  }

  static ClientPolicy clientPolicy() {
    ClientPolicy p = new ClientPolicy();
    p.timeout = 2000;
    p.tendInterval = 250;
    return p;
  }

  static TransferSettings settings() {
    return TransferSettings.defaults()
        .withConcurrency(4, 8, 8)
        .withSkewMargin(Duration.ZERO)
        .withCheckpointEvery(20)
        .withRetry(new RetryPolicy(10, Duration.ofMillis(20), Duration.ofMillis(500)));
  }

  CopyEngine engine(String migrationId, CheckpointStore store) {
    return engine(migrationId, store, settings(), Clock.systemUTC());
  }

  CopyEngine engine(String id, CheckpointStore store, TransferSettings settings, Clock clock) {
    TransferPolicies policies = new TransferPolicies(settings);
    return new CopyEngine(id, new AerospikeRecordSource(sourceClient, policies),
        new AerospikeRecordSource(targetClient, policies),
        new AerospikeRecordSink(targetClient, policies, clock), store, settings, clock);
  }

  /** Every record of a cluster's namespace by digest (hex), bins normalised for comparison. */
  static Map<String, Snapshot> snapshot(AerospikeClient client) {
    Map<String, Snapshot> out = new ConcurrentHashMap<>();
    ScanPolicy p = new ScanPolicy();
    p.totalTimeout = 0;
    client.scanPartitions(p, PartitionFilter.all(), NS, null, (Key k, Record r) ->
        out.put(HexFormat.of().formatHex(k.digest), new Snapshot(k.setName,
            k.userKey == null ? null : k.userKey.getObject(), ClientValues.comparable(r.bins),
            r.getTimeToLive())));
    return new TreeMap<>(out);
  }

  /** Asserts both clusters hold the same records: digests, sets, user keys, bins, and TTLs. */
  void assertSameData() {
    long started = System.nanoTime();
    Map<String, Snapshot> src = snapshot(sourceClient);
    Map<String, Snapshot> dst = snapshot(targetClient);
    long readSeconds = (System.nanoTime() - started + 999_999_999L) / 1_000_000_000L;
    assertThat(dst.keySet()).as("digests on the target").isEqualTo(src.keySet());
    for (Map.Entry<String, Snapshot> e : src.entrySet()) {
      Snapshot s = e.getValue();
      Snapshot t = dst.get(e.getKey());
      assertThat(t.set()).as("set of %s", e.getKey()).isEqualTo(s.set());
      assertThat(t.userKey()).as("user key of %s", e.getKey()).isEqualTo(s.userKey());
      assertThat(t.bins()).as("bins of %s", e.getKey()).isEqualTo(s.bins());
      if (s.ttl() == -1) {
        assertThat(t.ttl()).as("ttl of %s", e.getKey()).isEqualTo(-1);
      } else {
        // The copy keeps the void time (TtlRule: the remaining seconds at the write); whole seconds
        // on the engine's and the server's clock make it at most 2 s off. The target is read after
        // the source, so its TTL is lower by the seconds the two reads took, never more.
        assertThat(t.ttl()).as("ttl of %s", e.getKey()).isBetween(s.ttl() - (int) readSeconds - 2, s.ttl() + 2);
      }
    }
  }

  record Snapshot(String set, Object userKey, Object bins, int ttl) {}

  static String hex(byte[] d) {
    return HexFormat.of().formatHex(d);
  }

  static byte[] unhex(String s) {
    return HexFormat.of().parseHex(s);
  }

  static boolean same(byte[] a, byte[] b) {
    return Arrays.equals(a, b);
  }

  @Override
  public void close() {
    sourceClient.close();
    targetClient.close();
    source.close();
    target.close();
  }
}

package io.aeroshift.demo;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import io.aeroshift.emulator.EmulatedCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The demo's generated records, written through the official client as an application would:
 * string, integer, double, blob, list and map bins, stored keys, and a TTL on a share of them.
 * Deterministic per (set, key), so two demo starts from scratch hold the same data.
 */
public final class DemoData {
  private DemoData() {}

  /** One set to fill: namespace, set, how many records, which share (0..1) gets a TTL of {@code ttlSeconds}. */
  public record SetFill(String namespace, String set, int records, double shareWithTtl, int ttlSeconds) {}

  /** Writes every set's records into {@code cluster}; returns the number written. */
  public static long load(EmulatedCluster cluster, List<SetFill> sets) {
    ClientPolicy policy = new ClientPolicy();
    policy.timeout = 5000;
    long written = 0;
    try (AerospikeClient client = new AerospikeClient(policy, cluster.hosts())) {
      for (SetFill fill : sets) {
        // a few writer threads, as a loader would: the emulator serves connections in parallel
        IntStream.range(0, fill.records()).parallel().forEach(i -> client.put(policyFor(fill, i),
            new Key(fill.namespace(), fill.set(), fill.set() + "-" + i), bins(fill.set(), i)));
        written += fill.records();
      }
    }
    return written;
  }

  private static WritePolicy policyFor(SetFill fill, int i) {
    WritePolicy p = new WritePolicy();
    p.sendKey = true;
    p.totalTimeout = 5000;
    boolean withTtl = fill.shareWithTtl() > 0 && (i % 1000) < fill.shareWithTtl() * 1000;
    p.expiration = withTtl ? fill.ttlSeconds() : 0;   // 0: the namespace default
    return p;
  }

  static Bin[] bins(String set, int i) {
    SplittableRandom r = new SplittableRandom(((long) set.hashCode() << 32) ^ i);
    byte[] blob = new byte[16 + r.nextInt(48)];
    for (int b = 0; b < blob.length; b++) blob[b] = (byte) r.nextInt(256);
    List<Object> tags = new ArrayList<>();
    for (int t = 0, n = 1 + r.nextInt(4); t < n; t++) tags.add("tag-" + r.nextInt(50));
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("region", "eu-" + r.nextInt(4));
    attrs.put("score", r.nextInt(1000));
    attrs.put("ratio", r.nextDouble());
    return new Bin[] {
        new Bin("name", set + " #" + i),
        new Bin("count", (long) r.nextInt(1_000_000)),
        new Bin("amount", Math.round(r.nextDouble() * 100_000) / 100.0),
        new Bin("blob", blob),
        new Bin("tags", tags),
        new Bin("attrs", attrs),
    };
  }
}

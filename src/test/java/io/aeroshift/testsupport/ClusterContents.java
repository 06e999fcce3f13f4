package io.aeroshift.testsupport;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Every record of a namespace, by digest, in a form whose equality means "same record": set, user key, bins. */
public final class ClusterContents {
  private ClusterContents() {}

  /** One record, comparable with {@code equals}. */
  public record Entry(String set, Object userKey, Object bins) {}

  public static Map<String, Entry> of(IAerospikeClient client, String namespace) {
    Map<String, Entry> out = new ConcurrentHashMap<>();
    ScanPolicy p = new ScanPolicy();
    p.totalTimeout = 0;
    client.scanPartitions(p, PartitionFilter.all(), namespace, null, (Key k, Record r) ->
        out.put(HexFormat.of().formatHex(k.digest), new Entry(k.setName,
            k.userKey == null ? null : k.userKey.getObject(), ClientValues.comparable(r.bins))));
    return new TreeMap<>(out);
  }

  /** Reads a namespace of the cluster at {@code hosts} with a client of its own. */
  public static Map<String, Entry> of(Host[] hosts, String namespace) {
    ClientPolicy policy = new ClientPolicy();
    policy.timeout = 2000;
    try (AerospikeClient c = new AerospikeClient(policy, hosts)) {
      return of(c, namespace);
    }
  }
}

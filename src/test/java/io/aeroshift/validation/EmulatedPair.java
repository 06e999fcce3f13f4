package io.aeroshift.validation;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Value;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.transfer.RecordImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A source and a target emulated 3-node cluster, each with a client, and a test-only copy. */
final class EmulatedPair implements AutoCloseable {

  static final String NS = "test";

  final EmulatedCluster source;
  final EmulatedCluster target;
  final AerospikeClient sourceClient;
  final AerospikeClient targetClient;

  EmulatedPair() {
    source = cluster();
    target = cluster();
    sourceClient = new AerospikeClient(new ClientPolicy(), source.hosts());
    targetClient = new AerospikeClient(new ClientPolicy(), target.hosts());
  }

  private static EmulatedCluster cluster() {
    return EmulatedCluster.builder().nodes(3).basePort(0)
        .namespace(NamespaceSpec.named(NS).replicationFactor(2)).start();
  }

  static WritePolicy write(int ttl, boolean sendKey) {
    WritePolicy p = new WritePolicy();
    p.expiration = ttl;
    p.sendKey = sendKey;
    return p;
  }

  /** Copies every record of the source to the target as a copy would: bins, stored key, expiry. */
  void copyAll() {
    List<RecordImage> images = new ArrayList<>();
    sourceClient.scanPartitions(new ScanPolicy(), PartitionFilter.all(), NS, null,
        (k, r) -> {
          synchronized (images) {
            images.add(AerospikePartitionReader.image(NS, k, r));
          }
        });
    long now = System.currentTimeMillis() / 1000;
    for (RecordImage r : images) {
      put(targetClient, r, now);
    }
  }

  static void put(AerospikeClient client, RecordImage r, long nowEpochSeconds) {
    long ttl = r.remainingTtl(nowEpochSeconds);
    WritePolicy p = write((int) ttl, r.userKey() != null);
    List<Bin> bins = new ArrayList<>();
    for (Map.Entry<String, Object> e : r.bins().entrySet()) {
      bins.add(new Bin(e.getKey(), Value.get(e.getValue())));
    }
    client.put(p, new Key(r.namespace(), r.digest(), r.set(), r.userKey()), bins.toArray(new Bin[0]));
  }

  @Override
  public void close() {
    sourceClient.close();
    targetClient.close();
    source.close();
    target.close();
  }
}

package io.aeroshift.transfer;

import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.cluster.Partitions;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a cluster partition by partition with {@code scanPartitions} through the official client:
 * one {@link PartitionFilter} per work unit, resumed after a digest when a cursor exists.
 */
public final class AerospikeRecordSource implements RecordSource {

  private final IAerospikeClient client;
  private final TransferPolicies policies;

  public AerospikeRecordSource(IAerospikeClient client, TransferPolicies policies) {
    this.client = client;
    this.policies = policies;
  }

  @Override
  public void scan(WorkUnit unit, byte[] after, long sinceNanos, Consumer<RecordImage> handler) {
    ScanPolicy policy = policies.scanPolicy(true, sinceNanos);
    client.scanPartitions(policy, filter(unit, after), unit.namespace(), unit.set(),
        (Key key, Record record) -> handler.accept(image(key, record)));
  }

  @Override
  public void scanDigests(WorkUnit unit, Consumer<byte[]> handler) {
    ScanPolicy policy = policies.scanPolicy(false, 0);
    client.scanPartitions(policy, filter(unit, null), unit.namespace(), unit.set(),
        (Key key, Record record) -> handler.accept(key.digest));
  }

  @Override
  public String nodeOf(String namespace, int partition) {
    Map<String, Partitions> map = client.getCluster().partitionMap;
    Partitions partitions = map == null ? null : map.get(namespace);
    if (partitions == null || partitions.replicas.length == 0) {
      return null;
    }
    Node node = partitions.replicas[0].get(partition);
    return node == null ? null : node.getName();
  }

  static PartitionFilter filter(WorkUnit unit, byte[] after) {
    if (after == null) {
      return PartitionFilter.id(unit.partition());
    }
    if (PartitionIds.of(after) != unit.partition()) {
      throw new IllegalArgumentException(
          "cursor digest belongs to partition " + PartitionIds.of(after) + ", not "
              + unit.partition());
    }
    return PartitionFilter.after(after);
  }

  static RecordImage image(Key key, Record record) {
    return new RecordImage(key.namespace, key.setName, key.digest, key.userKey,
        record.generation, record.expiration, record.bins == null ? Map.of() : record.bins);
  }

  @Override
  public boolean reachable() {
    return connected(client);
  }

  @Override
  public boolean servesNamespace(String namespace) {
    return servesNamespace(client, namespace);
  }

  /** True while the client has a node (it answers "Cluster is empty" otherwise). */
  public static boolean connected(IAerospikeClient client) {
    return client.isConnected() && client.getNodes().length > 0;
  }

  /** True when some node of the cluster serves {@code namespace} (info {@code namespaces}). */
  public static boolean servesNamespace(IAerospikeClient client, String namespace) {
    for (Node node : client.getNodes()) {
      String list = com.aerospike.client.Info.request(null, node, "namespaces");
      if (list != null && java.util.Arrays.asList(list.trim().split(";")).contains(namespace)) {
        return true;
      }
    }
    return false;
  }
}

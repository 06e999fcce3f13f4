package io.aeroshift.validation;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.ResultCode;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aeroshift.discovery.InfoCommands;
import io.aeroshift.discovery.ServerVersion;
import io.aeroshift.transfer.RecordImage;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads partitions of a cluster with the official client's partition scans.
 *
 * <p>The client does not return a record's last-update time, so the live-write split is made on the
 * server with filter expressions: {@link #read} with a cut-off returns the records last updated at
 * or before it, {@link #changedAfter} the digests (no bins) of those updated after it.
 *
 * <p>A digest-modulo sample given at construction is pushed to the server as a filter expression
 * ({@code digestModulo(10000) < perTenThousand}, ANDed with the cut-off filter), so a sampled run
 * reads only the sample over the network. It needs filter expressions (server 5.2 or later, see
 * {@link #pushesSampleTo}); without it every record is read and the engine samples on the client.
 * The engine re-applies the sample to what it reads either way ({@link DigestSample#includes} is the
 * same function), so pushing down changes what is read, never what is compared.
 *
 * <p>Policies are built per call. Retries are off: a scan that fails part-way (node stopped,
 * connection lost, partition unavailable) makes the partition UNVALIDATED instead of being stitched
 * together from two cluster states; the re-check reads it again.
 */
public final class AerospikePartitionReader implements PartitionReader {

  private final IAerospikeClient client;
  private final RecordRateLimiter limiter;
  private final int socketTimeoutMillis;
  private final DigestSample serverSample;

  public AerospikePartitionReader(IAerospikeClient client, RecordRateLimiter limiter, int socketTimeoutMillis) {
    this(client, limiter, socketTimeoutMillis, DigestSample.ALL);
  }

  /**
   * @param serverSample the sample the server filters on ({@link DigestSample#ALL}: no sample filter)
   */
  public AerospikePartitionReader(
      IAerospikeClient client, RecordRateLimiter limiter, int socketTimeoutMillis, DigestSample serverSample) {
    this.client = client;
    this.limiter = limiter;
    this.socketTimeoutMillis = socketTimeoutMillis;
    this.serverSample = serverSample;
  }

  /**
   * True when every node of the cluster runs a server that evaluates {@code digestModulo} filters
   * (5.2 or later), so a sample can be pushed to it. False when any node is older or its build
   * cannot be read: the sample is then taken on the client.
   */
  public static boolean pushesSampleTo(IAerospikeClient client) {
    com.aerospike.client.cluster.Node[] nodes = client.getNodes();
    if (nodes.length == 0) {
      return false;
    }
    for (com.aerospike.client.cluster.Node node : nodes) {
      ServerVersion v;
      try {
        v = ServerVersion.parse(com.aerospike.client.Info.request(null, node, InfoCommands.BUILD));
      } catch (AerospikeException e) {
        return false;
      }
      if (v == null || !v.filterExpressions()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void read(String namespace, int partitionId, long cutoffNanos, boolean includeBins, Consumer<RecordImage> sink)
      throws PartitionUnreadableException {
    ScanPolicy p = policy(includeBins, notAfter(cutoffNanos));
    p.concurrentNodes = false; // one partition lives on one node; keeps the callback on this thread
    scan(namespace, PartitionFilter.id(partitionId), "partition " + partitionId, p,
        (key, rec) -> sink.accept(image(namespace, key, rec)));
  }

  @Override
  public void readRange(
      String namespace, int first, int count, long cutoffNanos, boolean includeBins, RecordVisitor visitor)
      throws PartitionUnreadableException {
    ScanPolicy p = policy(includeBins, notAfter(cutoffNanos));
    // One command per node, one node after the other: the callback stays on this thread, and the
    // caller's parallelism (ranges in flight) decides how many scans run at once.
    p.concurrentNodes = false;
    scan(namespace, PartitionFilter.range(first, count), "partitions " + first + ".." + (first + count - 1), p,
        (key, rec) -> visitor.visit(key.digest, key.setName, key.userKey, rec.expiration, bins(rec)));
  }

  /** Records last updated at or before the cut-off; null (no filter) when there is no cut-off. */
  private static Exp notAfter(long cutoffNanos) {
    return cutoffNanos > 0 ? Exp.le(Exp.lastUpdate(), Exp.val(cutoffNanos)) : null;
  }

  @Override
  public void changedAfter(String namespace, Collection<Integer> partitionIds, long cutoffNanos, Consumer<byte[]> digests)
      throws PartitionUnreadableException {
    ScanPolicy p = policy(false, Exp.gt(Exp.lastUpdate(), Exp.val(cutoffNanos)));
    // node after node on the caller's thread, as readRange: the engine asks per range of partitions,
    // several ranges at a time
    p.concurrentNodes = false;
    for (PartitionRuns.Run run : PartitionRuns.of(partitionIds)) {
      scan(namespace, PartitionFilter.range(run.first(), run.count()), run.describe(), p,
          (key, rec) -> digests.accept(key.digest));
    }
  }

  @Override
  public Set<Digests.Key> updatedAfter(String namespace, Collection<Digests.Key> records, long limitNanos,
      int timeoutMillis) throws PartitionUnreadableException {
    if (records.isEmpty()) {
      return Set.of();
    }
    List<Digests.Key> asked = List.copyOf(records);
    com.aerospike.client.Key[] keys = new com.aerospike.client.Key[asked.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new com.aerospike.client.Key(namespace, asked.get(i).bytes(), null, null);
    }
    BatchPolicy p = new BatchPolicy();
    p.maxRetries = 0;
    p.totalTimeout = timeoutMillis;
    p.socketTimeout = timeoutMillis;
    // a record that fails the filter answers FILTERED_OUT and comes back null, like one not found
    p.filterExp = Exp.build(Exp.gt(Exp.lastUpdate(), Exp.val(limitNanos)));
    com.aerospike.client.Record[] found;
    try {
      found = client.getHeader(p, keys);
    } catch (AerospikeException e) {
      throw new PartitionUnreadableException("last-update lookup of " + keys.length + " source records failed: "
          + ResultCode.getResultString(e.getResultCode()) + " (" + e.getResultCode() + "): " + e.getMessage(), e);
    }
    Set<Digests.Key> after = new HashSet<>();
    for (int i = 0; i < found.length; i++) {
      if (found[i] != null) {
        after.add(asked.get(i));
      }
    }
    return after;
  }

  private ScanPolicy policy(boolean includeBins, Exp filter) {
    if (!serverSample.isFull()) {
      Exp inSample = Exp.lt(Exp.digestModulo(DigestSample.MODULUS), Exp.val(serverSample.perTenThousand()));
      filter = filter == null ? inSample : Exp.and(filter, inSample);
    }
    ScanPolicy p = new ScanPolicy();
    p.includeBinData = includeBins;
    p.maxRetries = 0;
    p.socketTimeout = socketTimeoutMillis;
    p.totalTimeout = 0;
    if (filter != null) {
      p.filterExp = Exp.build(filter);
    }
    return p;
  }

  private interface Row {
    void accept(com.aerospike.client.Key key, com.aerospike.client.Record rec);
  }

  private void scan(String ns, PartitionFilter filter, String what, ScanPolicy policy, Row row)
      throws PartitionUnreadableException {
    try {
      client.scanPartitions(
          policy,
          filter,
          ns,
          null,
          (key, rec) -> {
            limiter.acquire();
            row.accept(key, rec);
          });
    } catch (AerospikeException e) {
      throw new PartitionUnreadableException(
          what + " scan failed: " + ResultCode.getResultString(e.getResultCode())
              + " (" + e.getResultCode() + "): " + e.getMessage(),
          e);
    }
    if (!filter.isDone()) {
      throw new PartitionUnreadableException(what + " scan did not complete");
    }
  }

  static RecordImage image(String ns, com.aerospike.client.Key key, com.aerospike.client.Record rec) {
    return new RecordImage(ns, key.setName, key.digest, key.userKey, rec.generation, rec.expiration, bins(rec));
  }

  private static Map<String, Object> bins(com.aerospike.client.Record rec) {
    return rec.bins == null ? Map.of() : rec.bins;
  }
}

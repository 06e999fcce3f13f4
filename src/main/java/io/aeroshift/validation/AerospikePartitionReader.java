package io.aeroshift.validation;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.ResultCode;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aeroshift.transfer.RecordImage;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads partitions of a cluster with the official client's partition scans.
 *
 * <p>The client does not return a record's last-update time, so the live-write split is made on the
 * server with filter expressions: {@link #read} with a cut-off returns the records last updated at
 * or before it, {@link #changedAfter} the digests (no bins) of those updated after it.
 *
 * <p>Policies are built per call. Retries are off: a scan that fails part-way (node stopped,
 * connection lost, partition unavailable) makes the partition UNVALIDATED instead of being stitched
 * together from two cluster states; the re-check reads it again.
 */
public final class AerospikePartitionReader implements PartitionReader {

  private final IAerospikeClient client;
  private final RecordRateLimiter limiter;
  private final int socketTimeoutMillis;

  public AerospikePartitionReader(IAerospikeClient client, RecordRateLimiter limiter, int socketTimeoutMillis) {
    this.client = client;
    this.limiter = limiter;
    this.socketTimeoutMillis = socketTimeoutMillis;
  }

  @Override
  public void read(String namespace, int partitionId, long cutoffNanos, boolean includeBins, Consumer<RecordImage> sink)
      throws PartitionUnreadableException {
    ScanPolicy p = policy(includeBins, cutoffNanos > 0 ? Exp.le(Exp.lastUpdate(), Exp.val(cutoffNanos)) : null);
    p.concurrentNodes = false; // one partition lives on one node; keeps the callback on this thread
    scan(namespace, PartitionFilter.id(partitionId), "partition " + partitionId, p,
        (key, rec) -> sink.accept(image(namespace, key, rec)));
  }

  @Override
  public void changedAfter(String namespace, Collection<Integer> partitionIds, long cutoffNanos, Consumer<byte[]> digests)
      throws PartitionUnreadableException {
    ScanPolicy p = policy(false, Exp.gt(Exp.lastUpdate(), Exp.val(cutoffNanos)));
    p.concurrentNodes = true;
    int[] ids = partitionIds.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    int i = 0;
    while (i < ids.length) {
      int begin = ids[i];
      int end = i;
      while (end + 1 < ids.length && ids[end + 1] == ids[end] + 1) {
        end++;
      }
      int count = end - i + 1;
      scan(namespace, PartitionFilter.range(begin, count), "partitions " + begin + ".." + (begin + count - 1), p,
          (key, rec) -> digests.accept(key.digest));
      i = end + 1;
    }
  }

  private ScanPolicy policy(boolean includeBins, Exp filter) {
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
    Map<String, Object> bins = rec.bins == null ? Map.of() : rec.bins;
    return new RecordImage(ns, key.setName, key.digest, key.userKey, rec.generation, rec.expiration, bins);
  }
}

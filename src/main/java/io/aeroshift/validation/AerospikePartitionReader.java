package io.aeroshift.validation;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.ResultCode;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aeroshift.transfer.RecordImage;
import java.util.Map;

/**
 * Reads one partition of a cluster with the official client's partition scan.
 *
 * <p>With a cut-off, the source partition is read twice, in this order: records whose last-update
 * time is at or before the cut-off, with bins; then the digests of records written after it,
 * without bins. Last-update times only grow, so a record rewritten between the two scans is seen by
 * the second and left out; one rewritten after the second was read in its old version on both
 * sides, or will be at the re-check. The client does not return a record's last-update time, so
 * the split is made on the server with filter expressions.
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
  public void read(String namespace, int partitionId, long cutoffNanos, boolean includeBins, Sink sink)
      throws PartitionUnreadableException {
    if (cutoffNanos <= 0) {
      scan(namespace, partitionId, policy(includeBins, null), (key, rec) -> sink.record(image(namespace, key, rec)));
      return;
    }
    scan(
        namespace,
        partitionId,
        policy(includeBins, Exp.le(Exp.lastUpdate(), Exp.val(cutoffNanos))),
        (key, rec) -> sink.record(image(namespace, key, rec)));
    scan(
        namespace,
        partitionId,
        policy(false, Exp.gt(Exp.lastUpdate(), Exp.val(cutoffNanos))),
        (key, rec) -> sink.changedAfterCutoff(key.digest));
  }

  private ScanPolicy policy(boolean includeBins, Exp filter) {
    ScanPolicy p = new ScanPolicy();
    p.includeBinData = includeBins;
    p.maxRetries = 0;
    p.concurrentNodes = false; // one partition lives on one node; keeps the callback on this thread
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

  private void scan(String ns, int partitionId, ScanPolicy policy, Row row) throws PartitionUnreadableException {
    PartitionFilter filter = PartitionFilter.id(partitionId);
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
          "partition " + partitionId + " scan failed: " + ResultCode.getResultString(e.getResultCode())
              + " (" + e.getResultCode() + "): " + e.getMessage(),
          e);
    }
    if (!filter.isDone()) {
      throw new PartitionUnreadableException("partition " + partitionId + " scan did not complete");
    }
  }

  static RecordImage image(String ns, com.aerospike.client.Key key, com.aerospike.client.Record rec) {
    Map<String, Object> bins = rec.bins == null ? Map.of() : rec.bins;
    return new RecordImage(ns, key.setName, key.digest, key.userKey, rec.generation, rec.expiration, bins);
  }
}

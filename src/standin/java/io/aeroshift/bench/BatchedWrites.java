package io.aeroshift.bench;

import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.WritePolicy;
import io.aeroshift.transfer.PartitionIds;
import io.aeroshift.transfer.TransferPolicies;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The write baseline of the copy and restore benchmarks: the rate a target takes replacing writes
 * of records with stored keys written the way the engines write them before the switch, batches of
 * consecutive records of one partition (so one batch goes to one node in one request), from as
 * many threads as the engine has writes in flight.
 *
 * <p>Keys and their digests are made, and grouped by partition, before the clock starts: the
 * engines get digests from the scan or the backup file, they never compute them while writing.
 */
final class BatchedWrites {

  private BatchedWrites() {}

  /**
   * Writes {@code count} records of about {@code recordBytes} bytes into {@code ns}/{@code set}
   * and returns records per second.
   *
   * @param batch records per batch (1 = single puts)
   */
  static double rate(IAerospikeClient client, String ns, String set, int threads, int count,
      int batch, int recordBytes, TransferPolicies policies) throws Exception {
    return count / measure(client, ns, set, threads, count, batch, recordBytes, policies).wall();
  }

  /**
   * As {@link #rate}, returning the wall and process CPU seconds of the writes alone (from the
   * first write to the last acknowledgement; the keys are made before).
   */
  static Rounds.Measured measure(IAerospikeClient client, String ns, String set, int threads, int count,
      int batch, int recordBytes, TransferPolicies policies) throws Exception {
    List<Key> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add(new Key(ns, set, "raw-" + set + "-" + i));
    }
    keys.sort(Comparator.comparingInt(k -> PartitionIds.of(k.digest)));
    ConcurrentLinkedQueue<List<Key>> batches = new ConcurrentLinkedQueue<>();
    List<Key> current = new ArrayList<>(batch);
    int partition = -1;
    for (Key k : keys) {
      int p = PartitionIds.of(k.digest);
      if (!current.isEmpty() && (p != partition || current.size() == batch)) {
        batches.add(current);
        current = new ArrayList<>(batch);
      }
      partition = p;
      current.add(k);
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    String payload = "x".repeat(Math.max(1, recordBytes - 20));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long t0 = System.nanoTime();
      long c0 = Rounds.cpuNanos();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          WritePolicy wp = new WritePolicy();
          wp.sendKey = true;
          wp.recordExistsAction = RecordExistsAction.REPLACE;
          wp.expiration = -1;
          wp.totalTimeout = 10_000; // a GC pause under a small -Xmx must not fail the baseline
          BatchWritePolicy bwp = new BatchWritePolicy();
          bwp.sendKey = true;
          bwp.recordExistsAction = RecordExistsAction.REPLACE;
          bwp.expiration = -1;
          for (List<Key> b = batches.poll(); b != null; b = batches.poll()) {
            if (b.size() == 1) {
              client.put(wp, b.get(0), new Bin("payload", payload));
              continue;
            }
            List<BatchRecord> writes = new ArrayList<>(b.size());
            for (Key k : b) {
              writes.add(new BatchWrite(bwp, k, new Operation[] {Operation.put(new Bin("payload", payload))}));
            }
            if (!client.operate(policies.batchPolicy(), writes)) {
              throw new IllegalStateException("a baseline batch write failed: " + writes.stream()
                  .filter(r -> r.resultCode != 0).findFirst().orElseThrow());
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      return new Rounds.Measured(Rounds.seconds(t0), (Rounds.cpuNanos() - c0) / 1e9);
    } finally {
      pool.shutdown();
    }
  }
}

package io.aeroshift.bench;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aeroshift.discovery.AerospikeClients;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bin/bench emulator [--records N] [--writes W] [--nodes K]}: loads N records of about 100
 * bytes, measures the heap they take, the partition-scan rate through the real client and the
 * sync-client write rate with 16 threads, after a warm-up, with and without client socket timeouts
 * (medians of 3 alternating rounds of W writes each; {@code write_rps} is the untimed one, see
 * {@link WriteTimeouts}), and, as {@code write_rps_transport_only}, the same writes acknowledged by
 * the node without being executed ({@code Faults.loseWritesFraction(1.0)}): the rate the client and
 * the machine allow whatever the emulator does. Last line: one JSON object.
 */
public final class EmulatorBench {
  private static final long MIB = 1024 * 1024;
  private static final int THREADS = 16;
  private static final int WRITE_ROUNDS = 3;

  /**
   * Client-side socket timeouts of the measured writes. With a timeout, JDK 17's socket reads
   * switch to non-blocking mode and poll, so every response costs the client an empty read and a
   * poll more than a blocking read does; on 2 cores shared with the emulator that client cost is
   * what the timed figure mostly shows. The untimed figure is the emulator's write capacity.
   */
  private enum WriteTimeouts {
    TIMED(10_000, 60_000),
    UNTIMED(0, 0);

    final int socketTimeout;
    final int totalTimeout;

    WriteTimeouts(int socketTimeout, int totalTimeout) {
      this.socketTimeout = socketTimeout;
      this.totalTimeout = totalTimeout;
    }
  }

  private EmulatorBench() {}

  public static void main(String[] args) throws Exception {
    int records = 1_000_000;
    int writes = -1;
    int nodes = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--records": records = Integer.parseInt(args[++i]); break;
        case "--writes": writes = Integer.parseInt(args[++i]); break;
        case "--nodes": nodes = Integer.parseInt(args[++i]); break;
        default:
          System.err.println("usage: bin/bench emulator [--records N] [--writes W] [--nodes K]");
          System.exit(2);
      }
    }
    if (writes < 0) writes = Math.min(records, 300_000);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong peak = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();

    long baseline = usedAfterGc(memory);
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(nodes).build("7.2.0.6")
        .namespace(NamespaceSpec.named("bench").replicationFactor(1)).start()) {
      long loadStart = System.nanoTime();
      cluster.loadRecords("bench", "data", records, 100);
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
      long storeBytes = usedAfterGc(memory) - baseline;
      System.out.printf("loaded %d records in %.1f s; store heap %.1f MiB (%.0f bytes/record)%n", records, loadSeconds,
          storeBytes / (double) MIB, records == 0 ? 0.0 : storeBytes / (double) records);

      ClientPolicy cp = new ClientPolicy();
      cp.maxConnsPerNode = 300;
      try (AerospikeClient client = AerospikeClients.connect(cp, cluster.hosts())) {
        AtomicLong scanned = new AtomicLong();
        long scanStart = System.nanoTime();
        ScanPolicy sp = new ScanPolicy();
        sp.socketTimeout = 60_000;
        sp.maxRetries = 5;
        client.scanPartitions(sp, PartitionFilter.all(), "bench", "data", (k, r) -> scanned.incrementAndGet());
        double scanSeconds = (System.nanoTime() - scanStart) / 1e9;
        if (scanned.get() != records) throw new IllegalStateException("scan returned " + scanned.get() + " of " + records);
        double scanRps = scanned.get() / scanSeconds;
        System.out.printf("scan: %d records in %.2f s = %.0f records/s%n", scanned.get(), scanSeconds, scanRps);

        // The first writes run while the JIT is still compiling the client's and the emulator's
        // write paths; they are not counted, so the figure is the steady state.
        writeRate(client, "warmup", writes, WriteTimeouts.TIMED);
        // Rounds alternate so both settings see the same machine; single rounds on this shared
        // 2-core VM vary by +-15%, so each figure is the median of its rounds.
        double[] timed = new double[WRITE_ROUNDS];
        double[] untimed = new double[WRITE_ROUNDS];
        double[] transportOnly = new double[WRITE_ROUNDS];
        for (int round = 0; round < WRITE_ROUNDS; round++) {
          timed[round] = writeRate(client, "timed" + round, writes, WriteTimeouts.TIMED);
          untimed[round] = writeRate(client, "untimed" + round, writes, WriteTimeouts.UNTIMED);
          // The same writes acknowledged without being executed: what the client, the JVM and
          // loopback TCP allow on this machine. The emulator's own work is the difference.
          cluster.faults().loseWritesFraction(1.0);
          try {
            transportOnly[round] = writeRate(client, "transport" + round, writes, WriteTimeouts.UNTIMED);
          } finally {
            cluster.faults().clear();
          }
        }
        double timedRps = median(timed);
        double untimedRps = median(untimed);
        double transportRps = median(transportOnly);
        System.out.printf("writes: %.0f writes/s with client timeouts, %.0f writes/s without (16 threads, sync client)%n",
            timedRps, untimedRps);
        System.out.printf("writes acknowledged without being executed: %.0f writes/s; the emulator's work takes %.0f%% of the write rate%n",
            transportRps, 100 * (1 - untimedRps / transportRps));
        double writeRps = untimedRps;
        sampler.interrupt();
        long storeMib = storeBytes / MIB;
        System.out.printf("{\"records\":%d,\"scan_rps\":%.0f,\"write_rps\":%.0f,\"writes\":%d,\"store_heap_mib\":%d,"
            + "\"write_rps_timed\":%.0f,\"write_rps_untimed\":%.0f,\"write_rps_transport_only\":%.0f,"
            + "\"bytes_per_record\":%.0f,\"peak_heap_mib\":%d,\"max_heap_mib\":%d,\"store_under_1gib\":%b}%n",
            records, scanRps, writeRps, writes / THREADS * THREADS, storeMib, timedRps, untimedRps, transportRps, records == 0 ? 0.0 : storeBytes / (double) records,
            peak.get() / MIB, Runtime.getRuntime().maxMemory() / MIB, storeMib < 1024);
      }
    }
  }

  /** Writes {@code writes} records of 80-byte payload with 16 sync-client threads; returns writes/s. */
  private static double writeRate(AerospikeClient client, String set, int writes, WriteTimeouts timeouts)
      throws Exception {
    int perThread = writes / THREADS;
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    byte[] payload = new byte[80];
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      final int thread = t;
      done.add(pool.submit(() -> {
        WritePolicy wp = new WritePolicy();
        wp.socketTimeout = timeouts.socketTimeout;
        wp.totalTimeout = timeouts.totalTimeout;
        wp.maxRetries = 5;
        for (int i = 0; i < perThread; i++) {
          client.put(wp, new Key("bench", set, thread * perThread + i), new Bin("payload", payload));
        }
      }));
    }
    try {
      for (Future<?> f : done) f.get();
    } finally {
      pool.shutdownNow();
    }
    return perThread * (double) THREADS / ((System.nanoTime() - start) / 1e9);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}

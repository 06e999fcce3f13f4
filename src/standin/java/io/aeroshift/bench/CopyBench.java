package io.aeroshift.bench;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Operation;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aeroshift.discovery.AerospikeClients;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.transfer.AerospikeRecordSink;
import io.aeroshift.transfer.AerospikeRecordSource;
import io.aeroshift.transfer.CopyEngine;
import io.aeroshift.transfer.InMemoryCheckpointStore;
import io.aeroshift.transfer.PartitionScheduler;
import io.aeroshift.transfer.PartitionIds;
import io.aeroshift.transfer.PassSummary;
import io.aeroshift.transfer.TransferPolicies;
import io.aeroshift.transfer.TransferSettings;
import io.aeroshift.transfer.WorkUnit;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code bin/bench copy [--records N]}: the copy engine's throughput between two emulated 3-node
 * clusters, side by side in the same run with (a) the raw partition-scan rate, (b) the raw write
 * rate at the copy's concurrency and (c) a naive single-threaded scan-then-put copy. Last line: one
 * JSON object.
 */
public final class CopyBench {

  private static final String NS = "test";
  private static final String SET = "bench";
  private static final int RECORD_BYTES = 200;
  private static final long NAIVE_BUDGET_NANOS = 20_000_000_000L;

  private CopyBench() {}

  public static void main(String[] args) throws Exception {
    int records = 1_000_000;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--records") && i + 1 < args.length) {
        records = Integer.parseInt(args[++i]);
      } else if (args[i].startsWith("--records=")) {
        records = Integer.parseInt(args[i].substring("--records=".length()));
      } else {
        System.err.println("usage: bin/bench copy [--records N]");
        System.exit(2);
      }
    }
    if (records < 1) {
      System.err.println("--records must be >= 1");
      System.exit(2);
    }
    try {
      run(records);
    } catch (Exception | Error e) {
      // worker pools are not daemons: exit explicitly so a failed run does not linger
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  static void run(int records) throws Exception {
    TransferSettings settings = TransferSettings.defaults().withConcurrency(4, 12, 12);
    int concurrency = Math.min(settings.maxScans(), settings.writeConcurrency());
    try (EmulatedCluster source = cluster(Edition.COMMUNITY, "6.4.0.10");
        EmulatedCluster target = cluster(Edition.ENTERPRISE, "7.2.0.6");
        IAerospikeClient src = AerospikeClients.connect(clientPolicy(), source.hosts());
        IAerospikeClient dst = AerospikeClients.connect(clientPolicy(), target.hosts())) {
      log("loading %,d records of ~%d bytes into the source", records, RECORD_BYTES);
      source.loadRecords(NS, SET, records, RECORD_BYTES);
      TransferPolicies policies = new TransferPolicies(settings);
      AerospikeRecordSource reader = new AerospikeRecordSource(src, policies);

      double scanRps = rawScan(reader, settings, records);
      log("(a) raw partition scan: %,.0f records/s (%d scans in flight, %d per node)", scanRps,
          settings.maxScans(), settings.scansPerNode());
      int writes = Math.max(1, records / 2);
      double writeRps = BatchedWrites.rate(dst, NS, "raw-batched", concurrency, writes,
          settings.writeBatch(), RECORD_BYTES, policies);
      log("(b) raw writes: %,.0f records/s (%d writers, per-partition batches of %d as the copy writes)",
          writeRps, concurrency, settings.writeBatch());
      double singlePutRps = BatchedWrites.rate(dst, NS, "raw-single", concurrency,
          Math.max(1, records / 4), 1, RECORD_BYTES, policies);
      log("    raw single puts for reference: %,.0f records/s (%d writers)", singlePutRps,
          concurrency);

      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      System.gc();
      long baseline = memory.getHeapMemoryUsage().getUsed();
      HeapSampler sampler = new HeapSampler(memory);
      sampler.start();
      CopyEngine engine = new CopyEngine("bench", reader, new AerospikeRecordSource(dst, policies),
          new AerospikeRecordSink(dst, policies, Clock.systemUTC()), new InMemoryCheckpointStore(),
          settings, Clock.systemUTC());
      long t0 = System.nanoTime();
      PassSummary full = engine.fullCopy(NS, SET, records);
      double copySeconds = (System.nanoTime() - t0) / 1e9;
      sampler.stop();
      System.gc();
      long retained = memory.getHeapMemoryUsage().getUsed();
      if (!full.complete() || full.records() != records) {
        throw new IllegalStateException("copy incomplete: " + full.records() + " records, failures "
            + full.failures());
      }
      double copyRps = records / copySeconds;
      log("copy engine: %,d records in %.1f s = %,.0f records/s", records, copySeconds, copyRps);

      double naiveRps = naive(src, dst);
      log("(c) naive single-threaded scan-then-put: %,.0f records/s", naiveRps);

      double peakMib = sampler.peak() / 1048576.0;
      double floorMib = Math.max(baseline, retained) / 1048576.0;
      log("heap: peak %.0f MiB during the copy; %.0f MiB before it and %.0f MiB after it (after GC,"
          + " both emulated clusters' data included)", peakMib, baseline / 1048576.0,
          retained / 1048576.0);
      double ratioMin = copyRps / Math.min(scanRps, writeRps);
      double ratioNaive = copyRps / naiveRps;
      log("copy / min(a, b) = %.2f ; copy / naive = %.1fx", ratioMin, ratioNaive);
      System.out.println(String.format(Locale.ROOT,
          "{\"scenario\":\"copy\",\"records\":%d,\"record_bytes\":%d,\"copy_rps\":%.0f,"
              + "\"scan_rps\":%.0f,\"write_rps\":%.0f,\"naive_rps\":%.0f,\"peak_heap_mib\":%.0f,"
              + "\"heap_floor_mib\":%.0f,\"copy_vs_min_scan_write\":%.2f,\"copy_vs_naive\":%.1f,"
              + "\"concurrency\":%d,\"write_batch\":%d,\"single_put_rps\":%.0f}",
          records, RECORD_BYTES, copyRps, scanRps, writeRps, naiveRps, peakMib, floorMib, ratioMin,
          ratioNaive, concurrency, settings.writeBatch(), singlePutRps));
    }
  }

  private static EmulatedCluster cluster(Edition edition, String build) {
    return EmulatedCluster.builder().nodes(3).basePort(0).edition(edition).build(build)
        .namespace(NamespaceSpec.named(NS).replicationFactor(2).defaultTtl(0)).start();
  }

  private static ClientPolicy clientPolicy() {
    ClientPolicy p = new ClientPolicy();
    p.timeout = 5000;
    p.maxConnsPerNode = 300;
    return p;
  }

  /** Every partition scanned once, with the copy's scan concurrency and per-node limit. */
  private static double rawScan(AerospikeRecordSource reader, TransferSettings s, int expected)
      throws Exception {
    List<WorkUnit> units = new ArrayList<>();
    for (int p = 0; p < PartitionIds.COUNT; p++) {
      units.add(new WorkUnit(NS, SET, p));
    }
    PartitionScheduler scheduler = new PartitionScheduler(units, p -> reader.nodeOf(NS, p),
        s.scansPerNode(), s.maxScans());
    LongAdder seen = new LongAdder();
    ExecutorService pool = Executors.newFixedThreadPool(s.maxScans());
    long t0 = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < s.maxScans(); i++) {
      futures.add(pool.submit(() -> {
        for (WorkUnit u = scheduler.take(); u != null; u = scheduler.take()) {
          try {
            reader.scan(u, null, 0, image -> seen.increment());
          } finally {
            scheduler.release(u);
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    if (seen.sum() != expected) {
      throw new IllegalStateException("raw scan saw " + seen.sum() + " of " + expected);
    }
    return expected / seconds;
  }

  /** One thread: scan partitions in order, put each record as it comes; stops after 20 s. */
  private static double naive(IAerospikeClient src, IAerospikeClient dst) {
    ScanPolicy sp = new ScanPolicy();
    sp.concurrentNodes = false;
    sp.totalTimeout = 0;
    WritePolicy wp = new WritePolicy();
    wp.sendKey = true;
    wp.totalTimeout = 10_000;
    LongAdder copied = new LongAdder();
    long t0 = System.nanoTime();
    try {
      src.scanPartitions(sp, PartitionFilter.all(), NS, SET, (Key k, Record r) -> {
        Bin[] bins = r.bins.entrySet().stream()
            .map(e -> new Bin(e.getKey(), com.aerospike.client.Value.get(e.getValue())))
            .toArray(Bin[]::new);
        dst.put(wp, k, bins);
        copied.increment();
        if (System.nanoTime() - t0 > NAIVE_BUDGET_NANOS) {
          throw new BudgetSpent();
        }
      });
    } catch (RuntimeException e) {
      if (!(e instanceof BudgetSpent) && !(e.getCause() instanceof BudgetSpent)) {
        throw e;
      }
    }
    return copied.sum() / ((System.nanoTime() - t0) / 1e9);
  }

  private static final class BudgetSpent extends RuntimeException {
    BudgetSpent() {
      super("time budget spent", null, false, false);
    }
  }

  /** Samples used heap every 20 ms; the peak includes garbage not yet collected. */
  private static final class HeapSampler {
    private final MemoryMXBean memory;
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean running = true;
    private Thread thread;

    HeapSampler(MemoryMXBean memory) {
      this.memory = memory;
    }

    void start() {
      thread = new Thread(() -> {
        while (running) {
          peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join();
    }

    long peak() {
      return peak.get();
    }
  }

  private static void log(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}

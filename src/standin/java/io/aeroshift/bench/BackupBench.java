package io.aeroshift.bench;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.backup.AerospikeBackup;
import io.aeroshift.backup.AerospikeRestore;
import io.aeroshift.backup.AsbCodec;
import io.aeroshift.backup.AsbEntry;
import io.aeroshift.backup.AsbReader;
import io.aeroshift.backup.AsbCompression;
import io.aeroshift.backup.AsbReaderOptions;
import io.aeroshift.discovery.AerospikeClients;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.transfer.AerospikeRecordSink;
import io.aeroshift.transfer.AerospikeRecordSource;
import io.aeroshift.transfer.CopyEngine;
import io.aeroshift.transfer.InMemoryCheckpointStore;
import io.aeroshift.transfer.PassSummary;
import io.aeroshift.transfer.TransferPolicies;
import io.aeroshift.transfer.TransferSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code bin/bench backup [--records N]}: backup (plain and zstd), restore, and the engine's scan
 * copy of the same data in one run, on emulated clusters (records of about 200 bytes). Last line:
 * one JSON object with {@code backup_rps}, {@code backup_zstd_rps}, {@code restore_rps},
 * {@code copy_rps}, and {@code write_rps}: N batched writes into a fresh target of the same
 * kind, at the restore's write concurrency and batch size, measured just before the restore
 * ({@link BatchedWrites}); {@code restore_vs_write} is their ratio. CPU accounting beside them:
 * {@code decode_cpu_us_per_record} (every file decoded on one thread, nothing written),
 * {@code write_cpu_us_per_record} and {@code restore_cpu_us_per_record} (process CPU, clusters
 * included, per record written), and {@code restore_vs_write_cpu_ceiling} = write / (write +
 * decode): the best ratio a restore can reach where decoding and writing share the same cores.
 */
public final class BackupBench {

  private static final String NS = "bench";

  private BackupBench() {}

  public static void main(String[] args) throws Exception {
    int records = 1_000_000;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--records") && i + 1 < args.length) {
        records = Integer.parseInt(args[++i]);
      } else {
        System.err.println("usage: bin/bench backup [--records N]");
        System.exit(2);
      }
    }
    TransferSettings settings = TransferSettings.defaults().withConcurrency(4, 8, 16);
    Path work = Files.createTempDirectory("aeroshift-backup-bench");
    try (EmulatedCluster source = cluster(Edition.COMMUNITY, "6.4.0.10");
        EmulatedCluster restoreTarget = cluster(Edition.ENTERPRISE, "7.2.0.6");
        EmulatedCluster copyTarget = cluster(Edition.ENTERPRISE, "7.2.0.6");
        EmulatedCluster writeTarget = cluster(Edition.ENTERPRISE, "7.2.0.6");
        AerospikeClient raw = client(writeTarget);
        AerospikeClient src = client(source);
        AerospikeClient dst = client(restoreTarget);
        AerospikeClient copyDst = client(copyTarget)) {
      source.loadRecords(NS, "demo", records, 200);
      System.out.printf("loaded %,d records of ~200 bytes%n", records);

      double backupRps = backup(src, work.resolve("plain"), AsbCompression.NONE, settings,
          records);
      double zstdRps = backup(src, work.resolve("zstd"), AsbCompression.ZSTD, settings, records);

      double decodeCpuUs = decodeCpuMicrosPerRecord(work.resolve("plain"), records);
      System.out.printf("decoding alone (one thread, digests verified): %.2f CPU us per record%n", decodeCpuUs);

      // as many records as the restore writes, into a fresh target as the restore's is
      long w0 = processCpuNanos();
      double writeRps = BatchedWrites.rate(raw, NS, "raw", settings.writeConcurrency(),
          records, settings.writeBatch(), 200, new TransferPolicies(settings));
      double writeCpuUs = (processCpuNanos() - w0) / 1e3 / records;
      System.out.printf("batched writes: %,.0f rec/s (%d in flight, per-partition batches of %d, as the"
          + " restore writes)%n", writeRps, settings.writeConcurrency(), settings.writeBatch());

      long t0 = System.nanoTime();
      long r0 = processCpuNanos();
      AerospikeRestore.Result r = new AerospikeRestore(dst, Clock.systemUTC()).run(
          new AerospikeRestore.Options(work.resolve("plain"), AsbCodec.plain(),
              AsbReaderOptions.defaults(), false, false, 8,
              work.resolve("restore.state"), settings), s -> { });
      double restoreSecs = (System.nanoTime() - t0) / 1e9;
      double restoreCpuUs = (processCpuNanos() - r0) / 1e3 / records;
      check(r.complete() && r.records() == records, "restore: " + r);
      double restoreRps = records / restoreSecs;
      System.out.printf("restore: %,d records in %.1f s = %,.0f rec/s%n", r.records(),
          restoreSecs, restoreRps);

      TransferPolicies policies = new TransferPolicies(settings);
      CopyEngine engine = new CopyEngine("bench-copy", new AerospikeRecordSource(src, policies),
          new AerospikeRecordSource(copyDst, policies),
          new AerospikeRecordSink(copyDst, policies, Clock.systemUTC()),
          new InMemoryCheckpointStore(), settings, Clock.systemUTC());
      long t1 = System.nanoTime();
      PassSummary copy = engine.fullCopy(NS, null, records);
      double copySecs = (System.nanoTime() - t1) / 1e9;
      check(copy.complete() && copy.records() == records, "copy: " + copy);
      double copyRps = records / copySecs;
      System.out.printf("scan copy: %,d records in %.1f s = %,.0f rec/s%n", copy.records(),
          copySecs, copyRps);

      System.out.printf("{\"records\": %d, \"record_bytes\": 200, \"backup_rps\": %.0f,"
              + " \"backup_zstd_rps\": %.0f, \"restore_rps\": %.0f, \"copy_rps\": %.0f,"
              + " \"write_rps\": %.0f, \"restore_vs_write\": %.2f, \"write_concurrency\": %d,"
              + " \"write_batch\": %d, \"write_cpu_us_per_record\": %.2f,"
              + " \"restore_cpu_us_per_record\": %.2f, \"decode_cpu_us_per_record\": %.2f,"
              + " \"restore_vs_write_cpu_ceiling\": %.2f}%n",
          records, backupRps, zstdRps, restoreRps, copyRps, writeRps, restoreRps / writeRps,
          settings.writeConcurrency(), settings.writeBatch(), writeCpuUs, restoreCpuUs, decodeCpuUs,
          writeCpuUs / (writeCpuUs + decodeCpuUs));
    } finally {
      try (Stream<Path> s = Files.walk(work)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static double backup(AerospikeClient src, Path dir, AsbCompression compression,
      TransferSettings settings, int records) throws IOException {
    long t0 = System.nanoTime();
    AerospikeBackup.Result r = new AerospikeBackup(src, Clock.systemUTC()).run(
        new AerospikeBackup.Options(NS, null, dir, AsbCodec.of(compression, null), false,
            250L << 20, true, false, settings), records, s -> { });
    double secs = (System.nanoTime() - t0) / 1e9;
    check(r.complete() && r.records() == records, "backup: " + r.failure());
    long bytes = 0;
    for (Path f : r.files()) {
      bytes += Files.size(f);
    }
    System.out.printf("backup %s: %,d records in %.1f s = %,.0f rec/s, %d files, %,d bytes%n",
        compression.flag(), r.records(), secs, records / secs, r.files().size(), bytes);
    return records / secs;
  }

  /**
   * CPU microseconds per record of decoding every backup file on one thread, nothing written:
   * what a restore must spend on top of the writes. Measured as this thread's CPU time, which the
   * other work on a shared machine disturbs far less than wall time.
   */
  private static double decodeCpuMicrosPerRecord(Path dir, int records) throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long c0 = threads.getCurrentThreadCpuTime();
    long n = 0;
    for (Path f : AerospikeRestore.backupFiles(dir)) {
      try (AsbReader reader = new AsbReader(Files.newInputStream(f), f.getFileName().toString(),
          AsbReaderOptions.defaults())) {
        for (AsbEntry e = reader.next(); e != null; e = reader.next()) {
          if (e instanceof AsbEntry.Record) {
            n++;
          }
        }
      }
    }
    check(n == records, "decode: " + n + " records");
    return (threads.getCurrentThreadCpuTime() - c0) / 1e3 / n;
  }

  /** CPU time of the whole process: the code under test and the emulated clusters. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("benchmark run incomplete: " + what);
    }
  }

  private static EmulatedCluster cluster(Edition edition, String build) {
    return EmulatedCluster.builder().nodes(1).basePort(0).edition(edition).build(build)
        .namespace(NamespaceSpec.named(NS).replicationFactor(1).defaultTtl(0)).start();
  }

  private static AerospikeClient client(EmulatedCluster c) {
    ClientPolicy p = new ClientPolicy();
    p.timeout = 5000;
    return AerospikeClients.connect(p, c.hosts());
  }
}

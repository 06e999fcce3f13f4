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
import io.aeroshift.bench.Rounds.Measured;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code bin/bench backup [--records N] [--rounds R] [--warmup W]}: backup (plain and zstd),
 * restore, and the engine's scan copy of the same data in one run, on emulated clusters (records of
 * about 200 bytes). Last line: one JSON object with {@code backup_rps}, {@code backup_zstd_rps},
 * {@code restore_rps}, {@code copy_rps}, and {@code write_rps}: N batched writes into a fresh
 * target of the same kind, at the restore's write concurrency and batch size ({@link
 * BatchedWrites}); {@code restore_vs_write} is their ratio. The restore and the batched writes are
 * measured side by side: after at least W pairs of warm-up rounds (default 2) and until the JIT is
 * idle (at most {@value #MAX_WARMUP_ROUNDS} pairs), R pairs (default 5) of a write round then a restore round, each into fresh targets;
 * {@code write_rps}, {@code restore_rps} and their CPU are the median rounds,
 * {@code restore_vs_write_paired} the median of each pair's own ratio. CPU accounting beside them:
 * {@code decode_cpu_us_per_record} (every file decoded on one thread, nothing written, median
 * of R rounds after a warm-up),
 * {@code write_cpu_us_per_record} and {@code restore_cpu_us_per_record} (process CPU, clusters
 * included, per record written), and {@code restore_vs_write_cpu_ceiling} = write / (write +
 * decode): the best ratio a restore can reach where decoding and writing share the same cores.
 * Backups and the copy are measured once.
 */
public final class BackupBench {

  private static final String NS = "bench";
  /** Pairs of rounds a warm-up may take before it is cut short, JIT busy or not. */
  private static final int MAX_WARMUP_ROUNDS = 8;

  private BackupBench() {}

  public static void main(String[] args) throws Exception {
    int records = 1_000_000;
    int rounds = 5;
    int warmups = 2;
    for (int i = 0; i < args.length; i++) {
      if (i + 1 < args.length && args[i].equals("--records")) {
        records = Integer.parseInt(args[++i]);
      } else if (i + 1 < args.length && args[i].equals("--rounds")) {
        rounds = Integer.parseInt(args[++i]);
      } else if (i + 1 < args.length && args[i].equals("--warmup")) {
        warmups = Integer.parseInt(args[++i]);
      } else {
        System.err.println("usage: bin/bench backup [--records N] [--rounds R] [--warmup W]");
        System.exit(2);
      }
    }
    TransferSettings settings = TransferSettings.defaults().withConcurrency(4, 8, 16);
    Path work = Files.createTempDirectory("aeroshift-backup-bench");
    try (EmulatedCluster source = cluster(Edition.COMMUNITY, "6.4.0.10");
        EmulatedCluster copyTarget = cluster(Edition.ENTERPRISE, "7.2.0.6");
        AerospikeClient src = client(source);
        AerospikeClient copyDst = client(copyTarget)) {
      source.loadRecords(NS, "demo", records, 200);
      System.out.printf("loaded %,d records of ~200 bytes%n", records);

      double backupRps = backup(src, work.resolve("plain"), AsbCompression.NONE, settings,
          records);
      double zstdRps = backup(src, work.resolve("zstd"), AsbCompression.ZSTD, settings, records);

      double decodeCpuUs = decodeCpuMicrosPerRecord(work.resolve("plain"), records, warmups, rounds);
      System.out.printf("decoding alone (one thread, digests verified): %.2f CPU us per record, median of %d rounds%n",
          decodeCpuUs, rounds);

      // The restore and its write baseline side by side, round after round, each round into fresh
      // targets: a single cold measurement of each gave restore_vs_write from 0.46 to 1.24 on one
      // host with the same code (2026-12-08), the write baseline's CPU per record moving between
      // 5.5 and 10.5 us from run to run.
      int[] round = {0};
      Measured[] last = new Measured[2];
      int count = records;
      Runnable pair = () -> {
        round[0]++;
        last[0] = batchedWrites(count, settings);
        last[1] = restore(work, round[0], count, settings);
      };
      int warmupRounds = Rounds.warmUp("batched writes and restore", warmups, MAX_WARMUP_ROUNDS, pair);
      List<Measured[]> pairs = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        pair.run();
        pairs.add(last.clone());
        System.out.printf("round %d: batched writes %,.0f rec/s, restore %,.0f rec/s%n", i + 1,
            records / last[0].wall(), records / last[1].wall());
      }
      Measured write = Rounds.median(pairs.stream().map(p -> p[0]).toList());
      Measured restore = Rounds.median(pairs.stream().map(p -> p[1]).toList());
      double writeRps = records / write.wall();
      double restoreRps = records / restore.wall();
      double writeCpuUs = write.cpu() * 1e6 / records;
      double restoreCpuUs = restore.cpu() * 1e6 / records;
      double paired = Rounds.medianOf(pairs.stream().map(p -> p[0].wall() / p[1].wall()).toList());
      System.out.printf("batched writes: %,.0f rec/s (%d in flight, per-partition batches of %d, as the"
          + " restore writes), median of %d rounds%n", writeRps, settings.writeConcurrency(),
          settings.writeBatch(), rounds);
      System.out.printf("restore: %,d records in %.1f s = %,.0f rec/s, median of %d rounds%n", records,
          restore.wall(), restoreRps, rounds);

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
              + " \"restore_vs_write_cpu_ceiling\": %.2f, \"rounds\": %d, \"warmup_rounds\": %d,"
              + " \"restore_vs_write_paired\": %.2f}%n",
          records, backupRps, zstdRps, restoreRps, copyRps, writeRps, restoreRps / writeRps,
          settings.writeConcurrency(), settings.writeBatch(), writeCpuUs, restoreCpuUs, decodeCpuUs,
          writeCpuUs / (writeCpuUs + decodeCpuUs), rounds, warmupRounds, paired);
    } finally {
      try (Stream<Path> s = Files.walk(work)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * One round of the write baseline: as many records as the restore writes, at its concurrency and
   * batch size, into a fresh target as the restore's is.
   */
  private static Measured batchedWrites(int records, TransferSettings settings) {
    System.gc(); // the previous round's targets are collected here, not during a measurement
    try (EmulatedCluster target = cluster(Edition.ENTERPRISE, "7.2.0.6");
        AerospikeClient client = client(target)) {
      return BatchedWrites.measure(client, NS, "raw", settings.writeConcurrency(), records,
          settings.writeBatch(), 200, new TransferPolicies(settings));
    } catch (Exception e) {
      throw new IllegalStateException("batched writes failed", e);
    }
  }

  /** One restore of the plain backup into a fresh target, with a state file of its own. */
  private static Measured restore(Path work, int round, int records, TransferSettings settings) {
    System.gc();
    try (EmulatedCluster target = cluster(Edition.ENTERPRISE, "7.2.0.6");
        AerospikeClient client = client(target)) {
      AerospikeRestore restore = new AerospikeRestore(client, Clock.systemUTC());
      AerospikeRestore.Options options = new AerospikeRestore.Options(work.resolve("plain"),
          AsbCodec.plain(), AsbReaderOptions.defaults(), false, false, 8,
          work.resolve("restore-" + round + ".state"), settings);
      AerospikeRestore.Result[] r = new AerospikeRestore.Result[1];
      Measured m = Rounds.once(() -> {
        try {
          r[0] = restore.run(options, s -> { });
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      check(r[0].complete() && r[0].records() == records, "restore: " + r[0]);
      return m;
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
   * CPU microseconds per record of decoding every backup file on one thread, nothing written: what
   * a restore must spend on top of the writes. Warmed up as the restore is (a cold pass cost 1.0-1.1
   * us against the restore's warm rounds), then the median of the rounds; process CPU, so the
   * collection of what decoding allocates counts too.
   */
  private static double decodeCpuMicrosPerRecord(Path dir, int records, int warmups, int rounds) {
    Runnable decode = () -> {
      long n = 0;
      try {
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
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      check(n == records, "decode: " + n + " records");
    };
    Rounds.warmUp("decode", warmups, MAX_WARMUP_ROUNDS, decode);
    return Rounds.median(Rounds.measure(rounds, decode)).cpu() * 1e6 / records;
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

package io.aeroshift.bench;

import static io.aeroshift.bench.Rounds.medianOf;
import static io.aeroshift.bench.Rounds.measure;
import static io.aeroshift.bench.Rounds.median;
import static io.aeroshift.bench.Rounds.once;
import static io.aeroshift.bench.Rounds.seconds;
import static io.aeroshift.bench.Rounds.warmUp;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aeroshift.bench.Rounds.Measured;
import io.aeroshift.discovery.AerospikeClients;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.transfer.PartitionIds;
import io.aeroshift.discovery.ClusterIdentity;
import io.aeroshift.validation.AerospikeCountReader;
import io.aeroshift.validation.AerospikePartitionReader;
import io.aeroshift.validation.AerospikeValidator;
import io.aeroshift.validation.CountCheck;
import io.aeroshift.validation.Digests;
import io.aeroshift.validation.InMemoryValidationResultStore;
import io.aeroshift.validation.PartitionChecksum;
import io.aeroshift.validation.PartitionReader;
import io.aeroshift.validation.RecordHash;
import io.aeroshift.validation.RecordHasher;
import io.aeroshift.validation.RecordRateLimiter;
import io.aeroshift.validation.SourceClocks;
import io.aeroshift.validation.ValidationEngine;
import io.aeroshift.validation.ValidationReport;
import io.aeroshift.validation.ValidationResult;
import io.aeroshift.validation.ValidationSuite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bin/bench validate [--records N] [--size BYTES] [--parallel P] [--rounds R] [--warmup W] [--hash H]}: full checksum validation
 * of two identical emulated 3-node clusters (RF 2) of N records each, side by side, in the same run,
 * with one raw full scan of the source ({@code scan_seconds}, the comparator) and with raw
 * full scans of both clusters at the same time ({@code parallel_scan_seconds}: the fair comparator
 * here, where both clusters and the validator share the machine's cores). Last line: one JSON
 * object with {@code validate_seconds}, {@code scan_seconds}, {@code parallel_scan_seconds},
 * {@code validate_vs_parallel_scan}, and the process CPU seconds of the validation and of the
 * parallel scans ({@code validate_cpu_seconds}, {@code parallel_scan_cpu_seconds}). Each figure is
 * the median of R rounds (default 5) after at least W rounds of warm-up (default 3) and until
 * a round leaves the JIT idle, the same for every part measured.
 *
 * <p>The validation and the parallel scans are measured twice: first apart, all rounds of one then
 * all of the other ({@code *_sequential}), then alternating, a parallel scan round then a
 * validation round, R times: {@code validate_seconds}, {@code parallel_scan_seconds} and their CPU
 * seconds are the medians of the alternating rounds, {@code validate_vs_parallel_scan} their ratio
 * and {@code validate_vs_parallel_scan_paired} the median of the R rounds' own ratios. Measured
 * apart, the same code's ratio ranged from 1.15 to 2.46 over 25 runs on one host: a whole phase of
 * a run can be slower in every method alike (docs/benchmarks.md, "Session 10").
 */
public final class ValidateBench {

  /** The validation's code is compiled after 24-30 rounds, the raw scans' after 5-14 (session 7). */
  private static final int MAX_WARMUP_ROUNDS = 30;

  public static void main(String[] args) {
    int records = 1_000_000;
    int size = 100;
    int parallel = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
    int rounds = 5;
    int warmups = 3;
    RecordHash hash = ValidationSuite.defaults().hash();
    boolean breakdown = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--records" -> records = Integer.parseInt(value(args, ++i, "--records"));
        case "--size" -> size = Integer.parseInt(value(args, ++i, "--size"));
        case "--parallel" -> parallel = Integer.parseInt(value(args, ++i, "--parallel"));
        case "--rounds" -> rounds = Integer.parseInt(value(args, ++i, "--rounds"));
        case "--warmup" -> warmups = Integer.parseInt(value(args, ++i, "--warmup"));
        case "--hash" -> hash = RecordHash.ofLabel(value(args, ++i, "--hash"));
        case "--breakdown" -> breakdown = true;
        default -> {
          System.err.println("usage: bin/bench validate [--records N] [--size BYTES] [--parallel P] [--rounds R] [--warmup W]"
              + " [--hash " + String.join("|", RecordHash.labels()) + "] [--breakdown]");
          System.exit(2);
        }
      }
    }
    String ns = "test";
    java.util.Map<String, Integer> warmUpRounds = new java.util.HashMap<>();
    try (EmulatedCluster source = cluster(); EmulatedCluster target = cluster()) {
      long t0 = System.nanoTime();
      source.loadRecords(ns, "bench", records, size);
      target.loadRecords(ns, "bench", records, size);
      double loadSeconds = seconds(t0);
      System.out.printf(Locale.ROOT, "loaded %d records of ~%d bytes into each cluster in %.1f s%n", records, size, loadSeconds);
      System.gc(); // the load's garbage is collected here, not during one of the measurements

      double scanSeconds;
      long scanned;
      long scannedBoth;
      Measured parallelSequential;
      Measured validationSequential;
      List<Measured[]> pairs = new ArrayList<>();
      ValidationSuite suite = ValidationSuite.defaults().withHash(hash);
      String breakdownJson;
      ValidationResult result;
      try (AerospikeClient client = AerospikeClients.connect(new ClientPolicy(), source.hosts());
          AerospikeClient targetClient = AerospikeClients.connect(new ClientPolicy(), target.hosts())) {
        long[] counted = new long[2];
        Runnable one = () -> counted[0] = scan(client, ns, PartitionFilter.all());
        Runnable bothAtOnce = () -> {
          CompletableFuture<Long> other = CompletableFuture.supplyAsync(() -> scan(targetClient, ns, PartitionFilter.all()));
          counted[1] = scan(client, ns, PartitionFilter.all()) + other.join();
        };
        warmUp("scan", warmups, MAX_WARMUP_ROUNDS, one);
        scanSeconds = median(measure(rounds, one)).wall();
        warmUpRounds.put("parallel_scan", warmUp("parallel_scan", warmups, MAX_WARMUP_ROUNDS, bothAtOnce));
        parallelSequential = median(measure(rounds, bothAtOnce));
        scanned = counted[0];
        scannedBoth = counted[1];
        System.out.printf(Locale.ROOT, "raw scan of the source: %d records in %.2f s (%.0f records/s)%n",
            scanned, scanSeconds, scanned / scanSeconds);
        System.out.printf(Locale.ROOT, "raw scans of both clusters at the same time: %d records in %.2f s (%.0f records/s)%n",
            scannedBoth, parallelSequential.wall(), scannedBoth / parallelSequential.wall());

        breakdownJson = breakdown ? breakdown(source, target, ns, suite, parallel, warmups, rounds) : "";
        AerospikeValidator.Settings settings = new AerospikeValidator.Settings(parallel, 30_000, null);
        try (AerospikeValidator v = AerospikeValidator.connect(List.of(source.hosts()), List.of(target.hosts()),
            suite, settings, new InMemoryValidationResultStore(), "bench")) {
          ValidationResult[] last = new ValidationResult[1];
          Runnable validate = () -> last[0] = v.validate(ns, Instant.now(), ValidationEngine.allPartitions());
          warmUpRounds.put("validate", warmUp("validate", warmups, MAX_WARMUP_ROUNDS, validate));
          validationSequential = median(measure(rounds, validate));
          // Then the two side by side, round after round: the machine's speed moves between the
          // phases of one run (the same scans took 1.6x the CPU in a later phase, every method
          // alike under perf, 2026-12-07), so rounds measured apart compare phases, not code.
          for (int i = 0; i < rounds; i++) {
            Measured scanRound = once(bothAtOnce);
            Measured validationRound = once(validate);
            pairs.add(new Measured[] {scanRound, validationRound});
          }
          result = last[0];
        }
      }
      Measured both = median(pairs.stream().map(p -> p[0]).toList());
      Measured validation = median(pairs.stream().map(p -> p[1]).toList());
      double parallelScanSeconds = both.wall();
      double parallelScanCpuSeconds = both.cpu();
      double validateSeconds = validation.wall();
      double validateCpuSeconds = validation.cpu();
      double pairedRatio = medianOf(pairs.stream().map(p -> p[1].wall() / p[0].wall()).toList());
      System.out.print(ValidationReport.text(result));
      System.out.printf(Locale.ROOT,
          "validation: %.2f s for %d + %d records (%.2fx the raw scan of one cluster, %.2fx the raw scans of both at once)%n",
          validateSeconds, result.summary().sourceRecordsCompared(), result.summary().targetRecordsCompared(),
          validateSeconds / scanSeconds, validateSeconds / parallelScanSeconds);
      System.out.printf(Locale.ROOT,
          "{\"scenario\":\"validate\",\"records\":%d,\"record_bytes\":%d,\"parallel_partitions\":%d,"
              + "\"validate_seconds\":%.3f,\"scan_seconds\":%.3f,\"ratio\":%.3f,"
              + "\"parallel_scan_seconds\":%.3f,\"validate_vs_parallel_scan\":%.3f,"
              + "\"validate_cpu_seconds\":%.3f,\"parallel_scan_cpu_seconds\":%.3f,"
              + "\"validated_records_per_second\":%.0f,\"rounds\":%d,\"warmup_rounds_parallel_scan\":%d,\"warmup_rounds_validate\":%d,\"exit_code\":%d,\"hash\":\"%s\","
              + "\"validate_vs_parallel_scan_paired\":%.3f,\"validate_seconds_sequential\":%.3f,"
              + "\"parallel_scan_seconds_sequential\":%.3f,\"validate_vs_parallel_scan_sequential\":%.3f,"
              + "\"validate_cpu_seconds_sequential\":%.3f,\"parallel_scan_cpu_seconds_sequential\":%.3f%s}%n",
          records, size, parallel, validateSeconds, scanSeconds, validateSeconds / scanSeconds,
          parallelScanSeconds, validateSeconds / parallelScanSeconds, validateCpuSeconds, parallelScanCpuSeconds,
          (result.summary().sourceRecordsCompared() + result.summary().targetRecordsCompared()) / validateSeconds,
          rounds, warmUpRounds.get("parallel_scan"), warmUpRounds.get("validate"), result.exitCode(), suite.hash().label(),
          pairedRatio, validationSequential.wall(), parallelSequential.wall(),
          validationSequential.wall() / parallelSequential.wall(), validationSequential.cpu(), parallelSequential.cpu(),
          breakdownJson);
    }
  }

  /**
   * {@code --breakdown}: the validation's parts measured alone, each the median of the rounds, so
   * the cost over the raw scans can be assigned. {@code range_scan}: the first look's reads of both
   * clusters exactly as the validator makes them (ranges of
   * {@link ValidationEngine#DEFAULT_PARTITIONS_PER_SCAN} partitions, {@code parallel} ranges in
   * flight, one scan per side and range, the source filtered at the cut-off), records dropped;
   * {@code range_scan_hash}: the same reads with every record hashed into its partition's
   * checksum, as the first look does; {@code range_scan_unfiltered}: the same reads without the
   * cut-off filter (what the scan shape alone costs); {@code changed_after}: the digest-only scans of the source
   * for records written after the cut-off, per batch of ranges as the engine makes them; {@code source_clocks}, {@code count_check},
   * {@code cluster_identity}: the checks a validation makes before its first look (the source
   * nodes' clocks and the search for records stamped in the future, the info counts of both sides,
   * that source and target are two clusters). Returns JSON members to append (each key
   * {@code breakdown_<part>_seconds} and {@code breakdown_<part>_cpu_seconds}).
   */
  private static String breakdown(
      EmulatedCluster source, EmulatedCluster target, String ns, ValidationSuite suite, int parallel, int warmups,
      int rounds) {
    StringBuilder json = new StringBuilder();
    ClientPolicy policy = AerospikeClients.forCommandsInFlight(new ClientPolicy(), parallel * 2);
    try (AerospikeClient sc = AerospikeClients.connect(policy, source.hosts());
        AerospikeClient tc = AerospikeClients.connect(policy, target.hosts())) {
      AerospikePartitionReader sr = new AerospikePartitionReader(sc, RecordRateLimiter.UNLIMITED, 30_000);
      AerospikePartitionReader tr = new AerospikePartitionReader(tc, RecordRateLimiter.UNLIMITED, 30_000);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel * 2);
      try {
        for (String part : List.of("range_scan_unfiltered", "range_scan", "range_scan_hash")) {
          boolean hashing = part.equals("range_scan_hash");
          boolean cutoff = !part.equals("range_scan_unfiltered");
          json.append(part(part, warmups, rounds, () -> rangeScans(pool, sr, tr, ns, suite, parallel, hashing, cutoff)));
        }
        // as the engine asks, after the first looks of each batch of ranges: per batch, several at a time
        Runnable changed = () -> perRange(pool, parallel,
            ValidationEngine.DEFAULT_PARTITIONS_PER_SCAN * ValidationEngine.RANGES_PER_CHANGES_SCAN, (first, count) -> {
          try {
            sr.changedAfter(ns, java.util.stream.IntStream.range(first, first + count).boxed().toList(), cutoffNanos(), d -> { });
          } catch (PartitionReader.PartitionUnreadableException e) {
            throw new IllegalStateException(e);
          }
        });
        json.append(part("changed_after", warmups, rounds, changed));
        // the serial checks a validation makes before its first look
        json.append(part("source_clocks", warmups, rounds, () -> SourceClocks.ahead(sc, ns, Instant.now())));
        json.append(part("count_check", warmups, rounds, () -> CountCheck.compare(
            AerospikeCountReader.read(sc, ns), AerospikeCountReader.read(tc, ns), suite.countTolerancePercent())));
        json.append(part("cluster_identity", warmups, rounds, () -> ClusterIdentity.requireDistinct(sc, tc, ns)));
      } finally {
        pool.shutdownNow();
      }
    }
    return json.toString();
  }

  /** One breakdown part after its warm-up rounds: the median round, printed, as JSON members to append. */
  private static String part(String name, int warmups, int rounds, Runnable round) {
    warmUp(name, warmups, MAX_WARMUP_ROUNDS, round);
    Measured m = median(measure(rounds, round));
    System.out.printf(Locale.ROOT, "breakdown: %s %.3f s, %.3f CPU s%n", name, m.wall(), m.cpu());
    return String.format(Locale.ROOT, ",\"breakdown_%s_seconds\":%.3f,\"breakdown_%s_cpu_seconds\":%.3f",
        name, m.wall(), name, m.cpu());
  }

  /** The cut-off as the engine sends it: now, in milliseconds, just below. */
  private static long cutoffNanos() {
    return Instant.now().toEpochMilli() * 1_000_000L - 1;
  }

  /** Ranges of {@code step} partitions, {@code parallel} at a time, each given to {@code range}. */
  private static void perRange(java.util.concurrent.ExecutorService pool, int parallel, int step,
      java.util.function.BiConsumer<Integer, Integer> range) {
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(parallel);
    List<java.util.concurrent.Future<?>> ranges = new ArrayList<>();
    for (int first = 0; first < PartitionIds.COUNT; first += step) {
      int f = first;
      inFlight.acquireUninterruptibly();
      ranges.add(pool.submit(() -> {
        try {
          range.accept(f, step);
        } finally {
          inFlight.release();
        }
      }));
    }
    for (java.util.concurrent.Future<?> r : ranges) {
      try {
        r.get();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static void rangeScans(
      java.util.concurrent.ExecutorService pool, PartitionReader source, PartitionReader target, String ns,
      ValidationSuite suite, int parallel, boolean hashing, boolean filtered) {
    long cutoff = filtered ? cutoffNanos() : 0;
    // each range reads its target side on another of the pool's 2 x parallel threads, as the engine does
    perRange(pool, parallel, ValidationEngine.DEFAULT_PARTITIONS_PER_SCAN, (first, count) -> {
      java.util.concurrent.Future<?> t = pool.submit(() -> side(target, ns, first, count, 0, suite, hashing));
      side(source, ns, first, count, cutoff, suite, hashing);
      try {
        t.get();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static void side(PartitionReader reader, String ns, int first, int count, long cutoff,
      ValidationSuite suite, boolean hashing) {
    RecordHasher hasher = new RecordHasher(suite.rules(), suite.hash());
    PartitionChecksum.Accumulator[] sums = new PartitionChecksum.Accumulator[count];
    for (int k = 0; k < count; k++) {
      sums[k] = new PartitionChecksum.Accumulator();
    }
    try {
      reader.readRange(ns, first, count, cutoff, true, (digest, set, userKey, voidTime, bins) -> {
        if (hashing) {
          hasher.addTo(sums[PartitionIds.of(digest) - first], digest, set, userKey, voidTime, bins);
        }
      });
    } catch (PartitionReader.PartitionUnreadableException e) {
      throw new IllegalStateException(e);
    }
  }

  private static EmulatedCluster cluster() {
    return EmulatedCluster.builder().nodes(3).basePort(0)
        .namespace(NamespaceSpec.named("test").replicationFactor(2)).start();
  }

  private static long scan(AerospikeClient client, String ns, PartitionFilter filter) {
    AtomicLong n = new AtomicLong();
    ScanPolicy p = new ScanPolicy();
    p.concurrentNodes = true;
    client.scanPartitions(p, filter, ns, null, (k, r) -> n.incrementAndGet());
    return n.get();
  }

  private static String value(String[] args, int i, String name) {
    if (i >= args.length) {
      System.err.println(name + " needs a value");
      System.exit(2);
    }
    return args[i];
  }

  private ValidateBench() {}

}

package io.aeroshift.validation;

import static io.aeroshift.validation.EmulatedPair.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Value;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.transfer.PartitionIds;
import io.aeroshift.transfer.RecordImage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The validator against two emulated 3-node clusters, through the official client. */
class AerospikeValidatorTest {

  static final AerospikeValidator.Settings SETTINGS = new AerospikeValidator.Settings(4, 10_000, null);

  /** Records of every particle type, with and without stored keys and TTLs. */
  static void writeSource(EmulatedPair pair, int n) {
    for (int i = 0; i < n; i++) {
      Map<String, Object> map = i % 2 == 0 ? new HashMap<>() : new TreeMap<>();
      map.put("a", (long) i);
      map.put("b", "x" + i);
      List<Bin> bins = new ArrayList<>(List.of(
          new Bin("int", (long) i * 7),
          new Bin("dbl", i + 0.25),
          new Bin("str", "value-" + i),
          new Bin("blob", new byte[] {(byte) i, 2, 3}),
          new Bin("bool", i % 3 == 0),
          new Bin("list", List.of((long) i, "e" + i, List.of(1L, 2L))),
          new Bin("map", map),
          new Bin("geo", new Value.GeoJSONValue("{\"type\":\"Point\",\"coordinates\":[" + (i % 90) + ",1]}")),
          new Bin("hll", new Value.HLLValue(new byte[] {1, (byte) i, 3, 4, 5, 6, 7, 8}))));
      int ttl = i % 4 == 0 ? 86_400 + i : -1;
      String set = i % 5 == 0 ? null : "set" + (i % 2);
      pair.sourceClient.put(EmulatedPair.write(ttl, i % 3 != 0), new Key(NS, set, "k" + i), bins.toArray(new Bin[0]));
    }
  }

  static AerospikeValidator validator(EmulatedPair pair, ValidationSuite suite, ValidationResultStore store) {
    return AerospikeValidator.connect(
        List.of(pair.source.hosts()), List.of(pair.target.hosts()), suite, SETTINGS, store, "test");
  }

  /** Every hash offered must see every kind of difference in the first look's checksums. */
  @ParameterizedTest
  @EnumSource(RecordHash.class)
  void identicalClustersMatchAndEveryInjectedDifferenceIsFound(RecordHash hash) {
    try (EmulatedPair pair = new EmulatedPair()) {
      writeSource(pair, 400);
      pair.copyAll();
      ValidationSuite suite = ValidationSuite.defaults().withHash(hash);
      try (AerospikeValidator v = validator(pair, suite, new InMemoryValidationResultStore())) {
        ValidationResult clean = v.validate(NS, Instant.now(), ValidationEngine.allPartitions());
        assertThat(clean.hash()).isEqualTo(hash);
        assertThat(ValidationReport.document(clean, false).run().hash()).isEqualTo(hash.label());
        assertThat(clean.summary().unvalidatedPartitions()).isZero();
        assertThat(clean.summary().sourceRecordsCompared()).isEqualTo(400);
        assertThat(clean.summary().targetRecordsCompared()).isEqualTo(400);
        assertThat(clean.exitCode()).as(ValidationReport.text(clean)).isZero();
        assertThat(clean.counts()).isNotEmpty().allMatch(CountCheck.CountFinding::withinTolerance);

        Map<String, String> expected = new HashMap<>(); // digest hex -> what
        Key missing = new Key(NS, "set1", "k1");
        pair.targetClient.delete(null, missing);
        expected.put(Digests.hex(missing.digest), "MISSING_ON_TARGET");
        Key extra = new Key(NS, "set1", "not-on-source");
        pair.targetClient.put(EmulatedPair.write(-1, true), extra, new Bin("x", 1L));
        expected.put(Digests.hex(extra.digest), "EXTRA_ON_TARGET");
        Object[][] changes = {
          {"int", 999_999L}, {"dbl", -1.5}, {"str", "changed"}, {"blob", new byte[] {9}}, {"bool", true},
          {"list", List.of(1L)}, {"map", Map.of("z", 1L)},
          {"geo", new Value.GeoJSONValue("{\"type\":\"Point\",\"coordinates\":[1,89]}")},
          {"hll", new Value.HLLValue(new byte[] {9, 9, 9, 9, 9, 9, 9, 9})}
        };
        int k = 10;
        for (Object[] c : changes) {
          do {
            k++; // records with a stored key (k % 3 != 0) in a named set (k % 5 != 0)
          } while (k % 3 == 0 || k % 5 == 0);
          Key key = new Key(NS, "set" + (k % 2), "k" + k);
          pair.targetClient.put(EmulatedPair.write(-2, true), key, new Bin((String) c[0], Value.get(c[1])));
          expected.put(Digests.hex(key.digest), "DIFFERING:" + c[0]);
        }
        // changed user key: same digest, another stored key
        Key keyed = new Key(NS, "set1", "k31");
        RecordImage original = readImage(pair, keyed);
        pair.targetClient.delete(null, keyed); // the server refuses to overwrite a stored key (KEY_MISMATCH)
        pair.targetClient.put(EmulatedPair.write(-1, true),
            new Key(NS, keyed.digest, "set1", Value.get("someone-else")), bins(original));
        expected.put(Digests.hex(keyed.digest), "DIFFERING:userKey");
        // TTL beyond tolerance (record 32 has a TTL, 4 divides 32)
        Key ttl = new Key(NS, "set0", "k32");
        RecordImage ttlOriginal = readImage(pair, ttl);
        pair.targetClient.put(EmulatedPair.write(86_400 * 3, true), ttl, bins(ttlOriginal));
        expected.put(Digests.hex(ttl.digest), "DIFFERING:expiry");

        ValidationResult first = v.validate(NS, Instant.now(), ValidationEngine.allPartitions());
        ValidationResult r = v.recheck(first, Instant.now());
        assertThat(r.hash()).isEqualTo(hash);
        ValidationSummary s = r.summary();
        assertThat(s.missing()).isEqualTo(1);
        assertThat(s.extra()).isEqualTo(1);
        assertThat(s.differing()).isEqualTo(changes.length + 2);
        assertThat(s.unvalidatedPartitions()).isZero();
        assertThat(r.exitCode()).isEqualTo(1);
        Map<String, String> found = new HashMap<>();
        for (PartitionResult p : r.partitions()) {
          if (p.status() != PartitionStatus.MATCH) {
            assertThat(p.status()).isEqualTo(PartitionStatus.MISMATCH);
          }
          for (RecordFinding f : p.findings()) {
            String what = f.kind().name();
            if (f.kind() == RecordFinding.Kind.DIFFERING) {
              what = "DIFFERING:" + (f.userKeyDiffers() ? "userKey" : f.expiryDiffers() ? "expiry"
                  : f.bins().stream().map(RecordFinding.BinDifference::name).collect(Collectors.joining(",")));
            }
            found.put(f.digest(), what);
          }
        }
        assertThat(found).isEqualTo(expected);
      }
    }
  }

  private static RecordImage readImage(EmulatedPair pair, Key key) {
    com.aerospike.client.Record rec = pair.sourceClient.get(null, key);
    return new RecordImage(NS, key.setName, key.digest, key.userKey, rec.generation, rec.expiration, rec.bins);
  }

  private static Bin[] bins(RecordImage r) {
    return r.bins().entrySet().stream().map(e -> new Bin(e.getKey(), Value.get(e.getValue()))).toArray(Bin[]::new);
  }

  @Test
  void writesContinuingOnTheSourceCauseNoFalseFailuresAndAreCountedAsLeftOut() {
    try (EmulatedPair pair = new EmulatedPair()) {
      writeSource(pair, 300);
      pair.copyAll();
      Instant cutoff = Instant.now();
      await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().toEpochMilli() > cutoff.toEpochMilli() + 1);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger written = new AtomicInteger();
      Thread writer = new Thread(() -> {
        int i = 0;
        while (!stop.get()) {
          // updates of copied records and brand-new records, none of them copied to the target
          Key key = i % 2 == 0 ? new Key(NS, "set" + (i % 2), "k" + (i % 300)) : new Key(NS, "live", "new-" + i);
          pair.sourceClient.put(EmulatedPair.write(-1, true), key, new Bin("int", (long) -i));
          written.incrementAndGet();
          i++;
        }
      }, "live-writer");
      writer.start();
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> written.get() >= 100);
        ValidationSuite suite = ValidationSuite.defaults();
        try (AerospikeValidator v = validator(pair, suite, new InMemoryValidationResultStore())) {
          ValidationResult r = v.validate(NS, cutoff, ValidationEngine.allPartitions());
          assertThat(r.exitCode()).as(ValidationReport.text(r)).isZero();
          assertThat(r.summary().mismatchedPartitions()).isZero();
          assertThat(r.summary().pendingRecheckPartitions()).as(ValidationReport.text(r)).isZero();
          assertThat(r.summary().unvalidatedPartitions()).isZero();
          assertThat(r.summary().missing() + r.summary().extra() + r.summary().differing()).isZero();
          assertThat(r.summary().leftOut()).containsKey(LeftOutReason.CHANGED_ON_SOURCE_AFTER_CUTOFF);
          assertThat(r.summary().leftOutTotal()).isGreaterThanOrEqualTo(100);
        }
      } finally {
        stop.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> !writer.isAlive());
      }
    }
  }

  @Test
  void aNodeStoppedDuringValidationLeavesUnvalidatedPartitionsNotAPass() {
    try (EmulatedPair pair = new EmulatedPair()) {
      writeSource(pair, 300);
      pair.copyAll();
      // The client learns of the stopped node only at its next tend; a long interval keeps routing
      // to it, as happens in the seconds after a real node dies.
      ClientPolicy slowTend = new ClientPolicy();
      slowTend.tendInterval = 60_000;
      try (com.aerospike.client.AerospikeClient src = new com.aerospike.client.AerospikeClient(slowTend, pair.source.hosts());
          com.aerospike.client.AerospikeClient tgt = new com.aerospike.client.AerospikeClient(slowTend, pair.target.hosts())) {
        PartitionReader sourceReader = new AerospikePartitionReader(src, RecordRateLimiter.UNLIMITED, 5_000);
        java.util.Set<Integer> stoppedNodesMasters = masterPartitions(src, pair.source.seeds().get(1));
        AtomicInteger reads = new AtomicInteger();
        java.util.Set<Integer> readAfterStop = java.util.concurrent.ConcurrentHashMap.newKeySet();
        PartitionReader stoppingSource = new PartitionReader() {
          @Override
          public void read(String ns, int p, long cutoff, boolean bins, java.util.function.Consumer<RecordImage> sink)
              throws PartitionUnreadableException {
            if (reads.incrementAndGet() == 40) {
              pair.source.stopNode(1);
            }
            if (reads.get() >= 40) {
              readAfterStop.add(p);
            }
            sourceReader.read(ns, p, cutoff, bins, sink);
          }

          @Override
          public void changedAfter(String ns, java.util.Collection<Integer> ps, long cutoff,
              java.util.function.Consumer<byte[]> digests) throws PartitionUnreadableException {
            if (reads.get() >= 40) {
              readAfterStop.addAll(ps);
            }
            sourceReader.changedAfter(ns, ps, cutoff, digests);
          }

          @Override
          public java.util.Set<Digests.Key> updatedAfter(String ns, java.util.Collection<Digests.Key> keys, long limit,
              int timeoutMillis) throws PartitionUnreadableException {
            return sourceReader.updatedAfter(ns, keys, limit, timeoutMillis);
          }
        };
        InMemoryValidationResultStore store = new InMemoryValidationResultStore();
        List<Integer> partitions = IntStream.range(0, 200).boxed().toList();
        try (ValidationEngine engine = new ValidationEngine(stoppingSource,
            new AerospikePartitionReader(tgt, RecordRateLimiter.UNLIMITED, 5_000),
            ValidationSuite.defaults(), Clock.systemUTC(), 1, store, "node-stop")) {
          ValidationResult r = engine.validate(NS, Instant.now(), partitions, List.of());
          assertThat(r.summary().unvalidatedPartitions()).as(ValidationReport.text(r)).isGreaterThan(0);
          assertThat(r.exitCode()).isEqualTo(2);
          assertThat(r.partitions()).filteredOn(p -> p.status() == PartitionStatus.UNVALIDATED)
              .allSatisfy(p -> assertThat(p.unvalidatedReason()).startsWith("source: "));
          assertThat(r.summary().matchedPartitions() + r.summary().unvalidatedPartitions()).isEqualTo(200);
          // exactly the partitions the stopped node was master of that were read (records, or the
          // changes after the cut-off) after it stopped: a failed read taken for an empty partition
          // would make some of them MATCH
          java.util.Set<Integer> expected = new java.util.TreeSet<>(stoppedNodesMasters);
          expected.retainAll(readAfterStop);
          assertThat(expected).as("the stop hit partitions of the stopped node").isNotEmpty();
          assertThat(unvalidatedIds(r)).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void aNodeStoppedDuringARangeScanLeavesOnlyItsPartitionsUnvalidated() {
    try (EmulatedPair pair = new EmulatedPair()) {
      pair.source.loadRecords(NS, "s", 12_000, 40);
      pair.target.loadRecords(NS, "s", 12_000, 40);
      ClientPolicy slowTend = new ClientPolicy();
      slowTend.tendInterval = 60_000; // keeps routing to the stopped node, as right after a real node dies
      try (com.aerospike.client.AerospikeClient src = new com.aerospike.client.AerospikeClient(slowTend, pair.source.hosts());
          com.aerospike.client.AerospikeClient tgt = new com.aerospike.client.AerospikeClient(slowTend, pair.target.hosts())) {
        PartitionReader sourceReader = new AerospikePartitionReader(src, RecordRateLimiter.UNLIMITED, 5_000);
        java.util.Set<Integer> stoppedNodesMasters = masterPartitions(src, pair.source.seeds().get(1));
        AtomicInteger visited = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.Set<Integer> readAfterStop = java.util.concurrent.ConcurrentHashMap.newKeySet();
        PartitionReader stoppingSource = new PartitionReader() {
          @Override
          public void read(String ns, int p, long cutoff, boolean bins, java.util.function.Consumer<RecordImage> sink)
              throws PartitionUnreadableException {
            if (stopped.get()) {
              readAfterStop.add(p);
            }
            sourceReader.read(ns, p, cutoff, bins, sink);
          }

          @Override
          public void readRange(String ns, int first, int count, long cutoff, boolean bins, RecordVisitor visitor)
              throws PartitionUnreadableException {
            if (stopped.get()) {
              for (int p = first; p < first + count; p++) {
                readAfterStop.add(p);
              }
            }
            sourceReader.readRange(ns, first, count, cutoff, bins, (d, set, key, voidTime, b) -> {
              if (visited.incrementAndGet() == 500) {
                pair.source.stopNode(1); // in the middle of a range scan
                stopped.set(true);
              }
              visitor.visit(d, set, key, voidTime, b);
            });
          }

          @Override
          public void changedAfter(String ns, java.util.Collection<Integer> ps, long cutoff,
              java.util.function.Consumer<byte[]> digests) throws PartitionUnreadableException {
            if (stopped.get()) {
              readAfterStop.addAll(ps);
            }
            sourceReader.changedAfter(ns, ps, cutoff, digests);
          }

          @Override
          public java.util.Set<Digests.Key> updatedAfter(String ns, java.util.Collection<Digests.Key> keys, long limit,
              int timeoutMillis) throws PartitionUnreadableException {
            return sourceReader.updatedAfter(ns, keys, limit, timeoutMillis);
          }
        };
        try (ValidationEngine engine = new ValidationEngine(stoppingSource,
            new AerospikePartitionReader(tgt, RecordRateLimiter.UNLIMITED, 5_000),
            ValidationSuite.defaults(), Clock.systemUTC(), 1, ValidationEngine.DEFAULT_PARTITIONS_PER_SCAN,
            new InMemoryValidationResultStore(), "range-node-stop")) {
          ValidationResult r = engine.validate(NS, Instant.now(), ValidationEngine.allPartitions(), List.of());
          long unvalidated = r.summary().unvalidatedPartitions();
          assertThat(unvalidated).as(ValidationReport.text(r)).isGreaterThan(0);
          // The stopped node is master of about a third of the partitions; ranges that failed were
          // read again partition by partition, so the partitions of the running nodes still match.
          assertThat(unvalidated).isLessThan(PartitionIds.COUNT / 2);
          // Only partitions the stopped node was master of are unvalidated, and every one of them
          // whose read began after the stop is: a failed read taken for an empty partition would MATCH.
          java.util.Set<Integer> unvalidatedIds = unvalidatedIds(r);
          assertThat(stoppedNodesMasters).containsAll(unvalidatedIds);
          java.util.Set<Integer> mustFail = new java.util.TreeSet<>(stoppedNodesMasters);
          mustFail.retainAll(readAfterStop);
          assertThat(mustFail).as("ranges read after the stop held partitions of the stopped node").isNotEmpty();
          assertThat(unvalidatedIds).containsAll(mustFail);
          assertThat(r.summary().matchedPartitions() + unvalidated).isEqualTo(PartitionIds.COUNT);
          assertThat(r.partitions()).filteredOn(p -> p.status() == PartitionStatus.UNVALIDATED)
              .allSatisfy(p -> assertThat(p.unvalidatedReason()).startsWith("source: "));
          assertThat(r.exitCode()).isEqualTo(2);
        }
      }
    }
  }

  /**
   * The partitions whose master is the node at {@code seed}, from the client's own partition map
   * (read before the node stops: the tests' long tend interval keeps that map).
   */
  private static java.util.Set<Integer> masterPartitions(com.aerospike.client.AerospikeClient client, String seed) {
    int port = Integer.parseInt(seed.substring(seed.lastIndexOf(':') + 1));
    var masters = client.getCluster().partitionMap.get(NS).replicas[0];
    java.util.Set<Integer> out = new java.util.TreeSet<>();
    for (int p = 0; p < PartitionIds.COUNT; p++) {
      var node = masters.get(p);
      if (node != null && node.getHost().port == port) {
        out.add(p);
      }
    }
    assertThat(out).as("node " + seed + " masters partitions").isNotEmpty();
    return out;
  }

  private static java.util.Set<Integer> unvalidatedIds(ValidationResult r) {
    return r.partitions().stream().filter(p -> p.status() == PartitionStatus.UNVALIDATED)
        .map(PartitionResult::partitionId).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }
}

package io.aeroshift.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Value;
import io.aeroshift.transfer.PartitionIds;
import io.aeroshift.transfer.RecordImage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 1,000 randomised small data sets: identical record sets read in different orders and
 * representations give equal checksums and no findings; each injected kind of difference is found
 * exactly (and a void-time pair within tolerance across a bucket boundary is not a finding).
 * Reproduce a failure with {@code -Dvalidation.seed=<printed master seed>}.
 */
class ValidationPropertyTest {

  static final int RUNS = 1000;
  static final String NS = "test";
  static final long TOLERANCE = 60;
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final Instant CUTOFF = NOW.minusSeconds(10);
  static final long NOW_VOID = NOW.getEpochSecond() - RecordImage.CITRUSLEAF_EPOCH_SECONDS;

  enum Kind {
    NONE, MISSING, EXTRA, BIN_INTEGER, BIN_DOUBLE, BIN_STRING, BIN_BLOB, BIN_BOOL, BIN_LIST,
    BIN_MAP, BIN_GEOJSON, BIN_HLL, BIN_TYPE_CHANGE, USER_KEY, TTL_BEYOND, TTL_WITHIN_ACROSS_BUCKET
  }

  static InMemoryPartitionReader source = new InMemoryPartitionReader();
  static InMemoryPartitionReader target = new InMemoryPartitionReader();
  static ValidationEngine engine;

  @BeforeAll
  static void start() {
    ValidationSuite suite = ValidationSuiteLoader.parse("test", "prop", "tolerances: {expirySeconds: 60}\nmaxListedRecords: 5");
    engine =
        new ValidationEngine(
            source, target, suite, Clock.fixed(NOW, ZoneOffset.UTC), 2,
            new InMemoryValidationResultStore(), "prop");
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void identicalSetsMatchAndEveryInjectedDifferenceIsFoundExactly() {
    long master = Long.getLong("validation.seed", new Random().nextLong());
    int[] perKind = new int[Kind.values().length];
    for (int run = 0; run < RUNS; run++) {
      long seed = master + run;
      Kind kind = Kind.values()[run % Kind.values().length];
      try {
        oneRun(seed, kind);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "run " + run + " (" + kind + ") failed; master seed " + master + ", run seed " + seed
                + " (rerun with -Dvalidation.seed=" + master + "): " + e.getMessage(), e);
      }
      perKind[kind.ordinal()]++;
    }
    for (Kind k : Kind.values()) {
      assertThat(perKind[k.ordinal()]).as("runs of " + k).isGreaterThanOrEqualTo(RUNS / Kind.values().length);
    }
  }

  private void oneRun(long seed, Kind kind) {
    Random rnd = new Random(seed);
    RandomRecords gen = new RandomRecords(rnd);
    source.clear();
    target.clear();
    source.shuffleWith(seed);
    target.shuffleWith(~seed);
    List<Integer> partitions = new ArrayList<>();
    while (partitions.size() < 3) {
      int p = rnd.nextInt(PartitionIds.COUNT);
      if (!partitions.contains(p)) {
        partitions.add(p);
      }
    }
    long beforeCutoff = CUTOFF.toEpochMilli() * 1_000_000L - 1_000_000_000L;
    long copyTime = NOW.toEpochMilli() * 1_000_000L; // the target's own last-update time: after the cut-off
    List<RecordImage> originals = new ArrayList<>();
    int n = 1 + rnd.nextInt(20);
    for (int i = 0; i < n; i++) {
      int voidTime = rnd.nextInt(3) == 0 ? 0 : (int) (NOW_VOID + 86_400 + rnd.nextInt(30 * 86_400));
      RecordImage r = gen.record(NS, partitions.get(rnd.nextInt(3)), voidTime);
      originals.add(r);
      source.put(r, beforeCutoff);
      target.put(gen.reRepresent(r), copyTime);
    }
    RecordImage victim = originals.get(rnd.nextInt(originals.size()));
    int victimPartition = PartitionIds.of(victim.digest());
    String expectedDigest = Digests.hex(victim.digest());
    RecordImage targetVictim = target.get(victim.digest()).image();

    long missing = 0, extra = 0, differing = 0, expiryAccepted = 0;
    List<RecordFinding.BinDifference> expectedBins = List.of();
    boolean keyDiffers = false, expiryDiffers = false;
    switch (kind) {
      case NONE -> {}
      case MISSING -> {
        target.remove(victim.digest());
        missing = 1;
      }
      case EXTRA -> {
        RecordImage added = gen.record(NS, victimPartition, 0);
        target.put(added, copyTime);
        expectedDigest = Digests.hex(added.digest());
        extra = 1;
      }
      case BIN_TYPE_CHANGE -> {
        Object[] sameLooking = {1L, 1.0, "1", true, new byte[] {1}};
        int a = rnd.nextInt(sameLooking.length);
        int b = (a + 1 + rnd.nextInt(sameLooking.length - 1)) % sameLooking.length;
        putBin(victim, targetVictim, sameLooking[a], sameLooking[b], copyTime, beforeCutoff);
        expectedBins =
            List.of(new RecordFinding.BinDifference(
                "inj", CanonicalEncoder.particleName(sameLooking[a]), CanonicalEncoder.particleName(sameLooking[b])));
        differing = 1;
      }
      case USER_KEY -> {
        Value newKey =
            victim.userKey() == null ? Value.get("now-stored") : (rnd.nextBoolean() ? null : Value.get("changed-" + victim.userKey()));
        target.put(with(targetVictim, newKey, targetVictim.voidTime(), targetVictim.bins()), copyTime);
        keyDiffers = true;
        differing = 1;
      }
      case TTL_BEYOND -> {
        int v = victim.voidTime();
        int tv;
        if (v == 0) {
          tv = (int) (NOW_VOID + 86_400); // never-expiring became expiring
        } else if (rnd.nextInt(4) == 0) {
          tv = 0; // expiring became never-expiring
        } else {
          tv = (int) (v + (rnd.nextBoolean() ? 1 : -1) * (TOLERANCE + 1 + rnd.nextInt(5000)));
        }
        target.put(with(targetVictim, targetVictim.userKey(), tv, targetVictim.bins()), copyTime);
        expiryDiffers = true;
        differing = 1;
      }
      case TTL_WITHIN_ACROSS_BUCKET -> {
        long boundary = ((NOW_VOID + 86_400) / TOLERANCE + 1 + rnd.nextInt(1000)) * TOLERANCE;
        long below = 1 + rnd.nextInt((int) TOLERANCE / 2);
        long above = rnd.nextInt((int) TOLERANCE / 2);
        boolean sourceLow = rnd.nextBoolean();
        int sv = (int) (sourceLow ? boundary - below : boundary + above);
        int tv = (int) (sourceLow ? boundary + above : boundary - below);
        source.put(with(victim, victim.userKey(), sv, victim.bins()), beforeCutoff);
        target.put(with(targetVictim, targetVictim.userKey(), tv, targetVictim.bins()), copyTime);
        expiryAccepted = 1;
      }
      default -> {
        String type = kind.name().substring("BIN_".length());
        Object a = gen.value(type, 0);
        Object b = gen.differentValue(type, a);
        putBin(victim, targetVictim, a, b, copyTime, beforeCutoff);
        expectedBins = List.of(new RecordFinding.BinDifference("inj", type, type));
        differing = 1;
      }
    }

    ValidationResult result = engine.validate(NS, CUTOFF, partitions, List.of());
    ValidationSummary s = result.summary();
    assertThat(s.missing()).as("missing").isEqualTo(missing);
    assertThat(s.extra()).as("extra").isEqualTo(extra);
    assertThat(s.differing()).as("differing").isEqualTo(differing);
    assertThat(s.expiryWithinTolerance()).as("expiry within tolerance").isEqualTo(expiryAccepted);
    assertThat(s.unvalidatedPartitions()).isZero();
    assertThat(s.leftOutTotal()).isZero();
    boolean found = missing + extra + differing > 0;
    assertThat(result.exitCode()).isEqualTo(found ? 1 : 0);
    for (PartitionResult p : result.partitions()) {
      if (found && p.partitionId() == victimPartition) {
        assertThat(p.status()).isEqualTo(PartitionStatus.PENDING_RECHECK);
        assertThat(p.findings()).hasSize(1);
        RecordFinding f = p.findings().get(0);
        assertThat(f.digest()).isEqualTo(expectedDigest);
        assertThat(f.kind())
            .isEqualTo(missing > 0 ? RecordFinding.Kind.MISSING_ON_TARGET
                : extra > 0 ? RecordFinding.Kind.EXTRA_ON_TARGET : RecordFinding.Kind.DIFFERING);
        assertThat(f.bins()).isEqualTo(expectedBins);
        assertThat(f.userKeyDiffers()).isEqualTo(keyDiffers);
        assertThat(f.expiryDiffers()).isEqualTo(expiryDiffers);
        assertThat(f.setDiffers()).isFalse();
      } else {
        assertThat(p.status()).as("partition " + p.partitionId()).isEqualTo(PartitionStatus.MATCH);
        assertThat(p.findings()).isEmpty();
        if (expiryAccepted > 0 && p.partitionId() == victimPartition) {
          // the bucket boundary made the checksums differ; drill-down accepted the pair
          assertThat(p.sourceChecksum()).isNotEqualTo(p.targetChecksum());
        } else {
          assertThat(p.sourceChecksum()).isEqualTo(p.targetChecksum());
        }
      }
    }
  }

  private static void putBin(RecordImage s, RecordImage t, Object sv, Object tv, long copyTime, long lut) {
    Map<String, Object> sb = new LinkedHashMap<>(s.bins());
    sb.put("inj", sv);
    Map<String, Object> tb = new LinkedHashMap<>(t.bins());
    tb.put("inj", tv);
    source.put(with(s, s.userKey(), s.voidTime(), sb), lut);
    target.put(with(t, t.userKey(), t.voidTime(), tb), copyTime);
  }

  static RecordImage with(RecordImage r, Value key, int voidTime, Map<String, Object> bins) {
    return new RecordImage(r.namespace(), r.set(), r.digest(), key, r.generation(), voidTime, bins);
  }
}

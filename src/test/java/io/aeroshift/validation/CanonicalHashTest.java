package io.aeroshift.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.Value;
import io.aeroshift.transfer.PartitionIds;
import io.aeroshift.transfer.RecordImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CanonicalHashTest {

  private static String hex(Object v) {
    return java.util.HexFormat.of().formatHex(CanonicalEncoder.encode(v));
  }

  @Test
  void typeTagsKeepLookalikeValuesApart() {
    Object[] lookalikes = {
      1L, 1.0, "1", true, new byte[] {1}, List.of(1L), Map.of(1L, 1L), new Value.GeoJSONValue("1"),
      new Value.HLLValue(new byte[] {1}), null
    };
    Set<String> encodings = new HashSet<>();
    for (Object v : lookalikes) {
      encodings.add(hex(v));
    }
    assertThat(encodings).hasSize(lookalikes.length);
    assertThat(hex(new Value.GeoJSONValue("{}"))).isNotEqualTo(hex("{}"));
    assertThat(hex(new Value.HLLValue(new byte[] {1, 2}))).isNotEqualTo(hex(new byte[] {1, 2}));
  }

  @Test
  void clientRepresentationsOfTheSameValueEncodeAlike() {
    assertThat(hex(7)).isEqualTo(hex(7L));
    assertThat(hex((short) 7)).isEqualTo(hex(7L));
    assertThat(hex(Value.get(7L))).isEqualTo(hex(7L));
    assertThat(hex(Value.get(7))).isEqualTo(hex(7L));
    assertThat(hex(Value.get("x"))).isEqualTo(hex("x"));
    assertThat(hex(Value.get(new byte[] {3}))).isEqualTo(hex(new byte[] {3}));
    assertThat(hex(new HashMap<>())).isEqualTo(hex(new TreeMap<>()));
    assertThat(hex(Value.getAsNull())).isEqualTo(hex(null));
    assertThat(hex(Double.NaN)).isEqualTo(hex(Double.longBitsToDouble(0x7ff8000000000001L)));
    assertThat(hex(0.0)).isNotEqualTo(hex(-0.0));
  }

  @Test
  void mapsCompareByContentListsByOrder() {
    Map<Object, Object> a = new LinkedHashMap<>();
    a.put("b", 2L);
    a.put("a", List.of(1L, "x"));
    a.put(3L, new byte[] {9});
    Map<Object, Object> b = new LinkedHashMap<>();
    b.put(3L, new byte[] {9});
    b.put("a", List.of(1, "x"));
    b.put("b", 2);
    assertThat(hex(a)).isEqualTo(hex(b));
    TreeMap<String, Object> ordered = new TreeMap<>(Map.of("a", 1L, "b", 2L));
    assertThat(hex(ordered)).isEqualTo(hex(new HashMap<>(Map.of("b", 2L, "a", 1L))));
    assertThat(hex(List.of(1L, 2L))).isNotEqualTo(hex(List.of(2L, 1L)));
    // a nested list element moving between lists must change the encoding (length prefixes)
    assertThat(hex(List.of(List.of(1L), List.of(2L, 3L)))).isNotEqualTo(hex(List.of(List.of(1L, 2L), List.of(3L))));
    assertThat(hex(List.of("ab", "c"))).isNotEqualTo(hex(List.of("a", "bc")));
  }

  @Test
  void unsupportedValueTypeIsRejectedWithItsPath() {
    assertThatThrownBy(() -> CanonicalEncoder.encode(List.of(1L, Map.of("k", new Date()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.util.Date")
        .hasMessageContaining("value[1]");
  }

  @Test
  void recordHashExcludesGenerationAndDependsOnEveryComparedPart() {
    RecordHasher h = new RecordHasher(ComparisonRules.fullRecords(60));
    byte[] digest = new byte[20];
    digest[5] = 1;
    RecordImage base = new RecordImage("ns", "s", digest, Value.get(5L), 1, 1_000_000, Map.of("a", 1L, "b", "x"));
    byte[] hb = h.hash(base);
    Map<String, Object> reordered = new LinkedHashMap<>();
    reordered.put("b", "x");
    reordered.put("a", 1);
    assertThat(h.hash(new RecordImage("other-ns", "s", digest.clone(), Value.get(5), 99, 1_000_000, reordered)))
        .isEqualTo(hb);
    byte[] otherDigest = digest.clone();
    otherDigest[19] = 1;
    List<RecordImage> variants =
        List.of(
            new RecordImage("ns", "s", otherDigest, Value.get(5L), 1, 1_000_000, base.bins()),
            new RecordImage("ns", "t", digest, Value.get(5L), 1, 1_000_000, base.bins()),
            new RecordImage("ns", null, digest, Value.get(5L), 1, 1_000_000, base.bins()),
            new RecordImage("ns", "s", digest, null, 1, 1_000_000, base.bins()),
            new RecordImage("ns", "s", digest, Value.get("5"), 1, 1_000_000, base.bins()),
            new RecordImage("ns", "s", digest, Value.get(5L), 1, 0, base.bins()),
            new RecordImage("ns", "s", digest, Value.get(5L), 1, 1_000_000 + 60, base.bins()),
            new RecordImage("ns", "s", digest, Value.get(5L), 1, 1_000_000, Map.of("a", 1L)),
            new RecordImage("ns", "s", digest, Value.get(5L), 1, 1_000_000, Map.of("a", 1L, "c", "x")),
            new RecordImage("ns", "s", digest, Value.get(5L), 1, 1_000_000, Map.of("a", 1.0, "b", "x")));
    for (RecordImage v : variants) {
      assertThat(h.hash(v)).as(v + " " + v.bins() + " key " + v.userKey() + " set " + v.set()).isNotEqualTo(hb);
    }
    RecordHasher digestsOnly = new RecordHasher(ComparisonRules.digestsOnly());
    assertThat(digestsOnly.hash(variants.get(1))).isEqualTo(digestsOnly.hash(base));
    assertThat(digestsOnly.hash(variants.get(0))).isNotEqualTo(digestsOnly.hash(base));
  }

  @Test
  void expiryBucketsNeverHideADifferenceBeyondToleranceAndNeverMergeNeverWithExpiring() {
    Random rnd = new Random(42);
    for (long tol : new long[] {0, 1, 7, 60, 3600}) {
      ComparisonRules rules = ComparisonRules.fullRecords(tol);
      for (int i = 0; i < 20_000; i++) {
        int a = 1 + rnd.nextInt(2_000_000_000);
        int b = Math.max(1, a + rnd.nextInt((int) (3 * tol + 3)) - (int) (1.5 * tol + 1));
        long diff = Math.abs((long) a - b);
        if (rules.expiryBucket(a) == rules.expiryBucket(b)) {
          assertThat(diff).as("tol %d, %d vs %d", tol, a, b).isLessThanOrEqualTo(tol);
        }
        assertThat(rules.expiryMatches(a, b)).isEqualTo(diff <= tol);
      }
      assertThat(rules.expiryBucket(0)).isNotEqualTo(rules.expiryBucket(1));
      assertThat(rules.expiryMatches(0, 1)).isFalse();
      assertThat(rules.expiryMatches(0, 0)).isTrue();
    }
    // unsigned void times far in the future stay ordered
    ComparisonRules r = ComparisonRules.fullRecords(10);
    assertThat(r.expiryMatches(-5, -1)).isTrue();
    assertThat(r.expiryBucket(-1)).isPositive();
  }

  @Test
  void checksumIsOrderIndependentAndDuplicatesDoNotCancel() {
    Random rnd = new Random(7);
    List<byte[]> hashes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] h = new byte[32];
      rnd.nextBytes(h);
      hashes.add(h);
    }
    hashes.add(filled((byte) 0xFF)); // forces a carry through all four words
    PartitionChecksum.Accumulator forward = new PartitionChecksum.Accumulator();
    hashes.forEach(forward::add);
    List<byte[]> shuffled = new ArrayList<>(hashes);
    Collections.shuffle(shuffled, rnd);
    PartitionChecksum.Accumulator backward = new PartitionChecksum.Accumulator();
    shuffled.forEach(backward::add);
    assertThat(forward.toChecksum()).isEqualTo(backward.toChecksum());

    // XOR would make a hash added twice vanish; the sum does not, and the count differs too
    PartitionChecksum.Accumulator twice = new PartitionChecksum.Accumulator();
    twice.add(hashes.get(0));
    twice.add(hashes.get(0));
    PartitionChecksum c = twice.toChecksum();
    assertThat(c.count()).isEqualTo(2);
    // the sum alone, without the count, also witnesses the duplicate
    assertThat(Arrays.asList(c.w0(), c.w1(), c.w2(), c.w3())).isNotEqualTo(Arrays.asList(0L, 0L, 0L, 0L));

    // removal is the exact inverse, including across carries
    for (byte[] h : hashes) {
      forward.remove(h);
    }
    assertThat(forward.toChecksum()).isEqualTo(PartitionChecksum.EMPTY);
    PartitionChecksum.Accumulator carry = new PartitionChecksum.Accumulator();
    carry.add(filled((byte) 0xFF));
    byte[] one = new byte[32];
    one[31] = 1;
    carry.add(one);
    assertThat(carry.toChecksum()).isEqualTo(new PartitionChecksum(2, 0, 0, 0, 0));
  }

  @Test
  void digestSampleKeepsAboutTheRateAndIgnoresThePartitionBits() {
    DigestSample onePercent = DigestSample.ofRate(0.01);
    Random rnd = new Random(3);
    int kept = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      byte[] d = new byte[20];
      rnd.nextBytes(d);
      if (onePercent.includes(d)) {
        kept++;
        byte[] otherPartition = d.clone();
        otherPartition[0] ^= 0x5A;
        otherPartition[1] ^= 0x03;
        assertThat(onePercent.includes(otherPartition)).isTrue();
      }
    }
    assertThat(kept).isBetween(n / 100 - 300, n / 100 + 300);
    assertThat(DigestSample.ALL.includes(new byte[20])).isTrue();
    assertThatThrownBy(() -> DigestSample.ofRate(0)).hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> DigestSample.ofRate(1.5)).hasMessageContaining("(0, 1]");
  }

  @Test
  void partitionIdMatchesTheClient() {
    Random rnd = new Random(11);
    for (int i = 0; i < 1000; i++) {
      byte[] d = new byte[20];
      rnd.nextBytes(d);
      com.aerospike.client.Key k = new com.aerospike.client.Key("ns", d, null, null);
      assertThat(PartitionIds.of(d))
          .isEqualTo(com.aerospike.client.cluster.Partition.getPartitionId(k.digest));
    }
  }

  private static byte[] filled(byte b) {
    byte[] h = new byte[32];
    Arrays.fill(h, b);
    return h;
  }
}

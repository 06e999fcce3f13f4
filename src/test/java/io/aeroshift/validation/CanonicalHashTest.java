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

  /** Records of the golden test, in this order; neighbours differ in one part (set, bin name). */
  private record Parts(byte[] digest, String set, Value userKey, int voidTime, Map<String, Object> bins) {}

  private static List<Parts> goldenRecords() {
    byte[] d = new byte[20];
    for (int i = 0; i < 20; i++) {
      d[i] = (byte) (i * 7 + 1);
    }
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("payload", "key-1:abcdefghij");
    Map<String, Object> many = new LinkedHashMap<>();
    many.put("z", 42L);
    many.put("a", 1.5);
    many.put("m", new LinkedHashMap<>(Map.of("k", List.of(1L, "x"))));
    many.put("b", new byte[] {1, 2, 3});
    many.put("u", "\u00e9t\u00e9 \u0141\u00f3d\u017a");
    // each name a new String object, as the client parses every record's names afresh
    return List.of(
        new Parts(d, new String("bench"), Value.get("key-1"), 0, one),
        new Parts(d, new String("other"), Value.get("key-1"), 0, one),
        new Parts(d, null, null, 0, one),
        new Parts(d, new String("bench"), Value.get(7L), 123456, many),
        new Parts(d, new String("bench"), null, 0, Map.of(new String("payload"), "key-1:abcdefghik")),
        new Parts(d, new String("bench"), null, 0, Map.of("paylo\u0105d", "key-1:abcdefghij")),
        new Parts(d, "", Value.get(new byte[] {5}), 0, Map.of()));
  }

  /**
   * The record hashes of fixed records, as the build before the hash path was tuned computed them
   * (2026-12-07): the canonical form must not change (stored checksums of earlier runs stay
   * comparable), and one hasher reused for records whose set or bin name changes from one record to
   * the next must not carry the previous record's name into the next hash.
   */
  @Test
  void recordHashesAreTheOnesEarlierRunsComputedWhateverCameBefore() {
    Map<RecordHash, List<String>> golden = Map.of(
        RecordHash.XXH3_128, List.of(
            "00000000000000000000000000000000382112655d849596e0dc4f05f49adf16",
            "00000000000000000000000000000000416950657a64c542d2eec5fc8bb02214",
            "00000000000000000000000000000000840de77bf4a844a75c64a794f53db706",
            "00000000000000000000000000000000a2c8be79a50c1302d69ea0a9706e68fa",
            "00000000000000000000000000000000bd55a23d2b922ca12badf9ea5a62cbc6",
            "00000000000000000000000000000000aa748b9e26bedee6ec0e455aa8c6927a",
            "000000000000000000000000000000001dd280643b21043e592ac8ec018b4209"),
        RecordHash.SHA_256, List.of(
            "2f767b00d98059a89f39b37b072f7c3510809467f7627b7e3be53cc80f9dfebe",
            "77947f3dcc041c435e690b78c77cb618ffe153296e0335f31d2e3b78e53f9432",
            "3c03ed6bad0fd20d6651e375b4da6f1181a5ffbad4e3168eee041efa9477acd7",
            "ec25ba8ef74560f5df45b09e3bd812066a276f027671f76c39eaf68811aa9095",
            "f2859bca1a81d03f565b60c8a17ac026d63e374f7d38a720f30b2248f965a32e",
            "afa3faa54a7db90f630e08418b41b062edb87068a6cfa00c4f9f6f6ae6d3fc4e",
            "95494a35377d0de451151464754fd2a0ee3222fe52301f8c4cbda5be190a36e7"));
    assertThat(golden.keySet()).containsExactlyInAnyOrder(RecordHash.values());
    List<Parts> records = goldenRecords();
    for (RecordHash function : RecordHash.values()) {
      RecordHasher reused = new RecordHasher(ComparisonRules.fullRecords(60), function);
      byte[] out = new byte[RecordHasher.HASH_BYTES];
      for (int round = 0; round < 2; round++) { // the second round starts after the last record's names
        for (int i = 0; i < records.size(); i++) {
          Parts r = records.get(i);
          reused.hash(r.digest(), r.set(), r.userKey(), r.voidTime(), r.bins(), out);
          assertThat(java.util.HexFormat.of().formatHex(out)).as("%s record %d round %d", function, i, round)
              .isEqualTo(golden.get(function).get(i));
        }
      }
    }
  }

  /** The checksum path ({@link RecordHasher#addTo}) sums exactly what hashing then adding sums. */
  @Test
  void addingToTheChecksumEqualsHashingThenAdding() {
    List<Parts> records = new ArrayList<>(goldenRecords());
    Random rnd = new Random(11);
    for (int i = 0; i < 300; i++) {
      byte[] d = new byte[20];
      rnd.nextBytes(d);
      Map<String, Object> bins = new LinkedHashMap<>();
      bins.put(i % 3 == 0 ? "a" : "payload", "v" + rnd.nextLong());
      if (i % 5 == 0) {
        bins.put("n", (long) rnd.nextInt());
      }
      records.add(new Parts(d, i % 4 == 0 ? null : "s" + (i % 3), i % 2 == 0 ? Value.get("k" + i) : null,
          rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1 << 30), bins));
    }
    for (RecordHash function : RecordHash.values()) {
      RecordHasher hasher = new RecordHasher(ComparisonRules.fullRecords(60), function);
      PartitionChecksum.Accumulator direct = new PartitionChecksum.Accumulator();
      PartitionChecksum.Accumulator viaBytes = new PartitionChecksum.Accumulator();
      byte[] out = new byte[RecordHasher.HASH_BYTES];
      for (Parts r : records) {
        hasher.addTo(direct, r.digest(), r.set(), r.userKey(), r.voidTime(), r.bins());
        hasher.hash(r.digest(), r.set(), r.userKey(), r.voidTime(), r.bins(), out);
        viaBytes.add(out);
        assertThat(direct.toChecksum()).as(function.label()).isEqualTo(viaBytes.toChecksum());
      }
    }
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

  /**
   * The sum is exactly the 256-bit sum of the hashes modulo 2^256, checked against BigInteger for
   * random hashes and for words that sit on every carry edge (all ones, the top bit alone, zero),
   * with removals between the additions.
   */
  @Test
  void checksumIsTheSumModulo2To256OfTheHashesReadAsUnsignedIntegers() {
    Random rnd = new Random(19);
    long[] edges = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L};
    java.math.BigInteger modulus = java.math.BigInteger.ONE.shiftLeft(256);
    java.math.BigInteger expected = java.math.BigInteger.ZERO;
    PartitionChecksum.Accumulator sum = new PartitionChecksum.Accumulator();
    long count = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] h = new byte[32];
      java.nio.ByteBuffer words = java.nio.ByteBuffer.wrap(h);
      for (int w = 0; w < 4; w++) {
        words.putLong(rnd.nextInt(3) == 0 ? edges[rnd.nextInt(edges.length)] : rnd.nextLong());
      }
      java.math.BigInteger value = new java.math.BigInteger(1, h);
      if (rnd.nextInt(4) == 0) {
        sum.remove(h);
        expected = expected.subtract(value).mod(modulus);
        count--;
      } else {
        sum.add(h);
        expected = expected.add(value).mod(modulus);
        count++;
      }
      PartitionChecksum c = sum.toChecksum();
      java.nio.ByteBuffer got = java.nio.ByteBuffer.allocate(32).putLong(c.w0()).putLong(c.w1()).putLong(c.w2()).putLong(c.w3());
      assertThat(new java.math.BigInteger(1, got.array())).as("after %d hashes", i + 1).isEqualTo(expected);
      assertThat(c.count()).isEqualTo(count);
    }
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

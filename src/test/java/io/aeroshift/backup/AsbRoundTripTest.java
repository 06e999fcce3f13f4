package io.aeroshift.backup;

import static io.aeroshift.backup.AsbTestRecords.assertSameRecord;
import static io.aeroshift.backup.AsbTestRecords.bins;
import static io.aeroshift.backup.AsbTestRecords.digestOnly;
import static io.aeroshift.backup.AsbTestRecords.keyed;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Value;
import com.aerospike.client.command.ParticleType;
import com.aerospike.client.util.Packer;
import io.aeroshift.transfer.RecordImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Write then read gives back the same records, for every bin and key type, both modes. */
class AsbRoundTripTest {

  static List<RecordImage> everyType() {
    byte[] blob = new byte[256];
    for (int i = 0; i < blob.length; i++) {
      blob[i] = (byte) i; // every byte value, NUL, SP, LF and backslash included
    }
    byte[] large = new byte[1024 * 1024 + 7];
    new SplittableRandom(7).nextBytes(large);
    Map<Object, Object> nested = new HashMap<>();
    nested.put("list", List.of(1L, -2L, "x y", List.of(), blob));
    nested.put(7L, new TreeMap<>(Map.of("b", 2.5, "a", true)));
    nested.put("n", null);
    TreeMap<String, Object> ordered = new TreeMap<>();
    ordered.put("z", List.of("ü", 3L));
    ordered.put("a", Map.of("k", "v"));
    List<Object> listWithNull = new ArrayList<>(Arrays.asList(1L, null, 2.0, false, "s"));
    List<RecordImage> out = new ArrayList<>();
    out.add(keyed("test", "demo", Value.get("key1"), 1, 428179113, bins(
        "int", 42L, "neg", Long.MIN_VALUE, "max", Long.MAX_VALUE,
        "dbl", 0.1, "negdbl", -1e-300, "nan", Double.NaN, "inf", Double.POSITIVE_INFINITY,
        "ninf", Double.NEGATIVE_INFINITY, "negzero", -0.0,
        "t", true, "f", false, "nil", null)));
    out.add(keyed("test", "s p a c e", Value.get(-77L), 65535, 0, bins(
        "empty", "", "esc", "a b\nc\\d ", "utf8", "größe ✓ 漢字 🙂", "nul", "a\0b",
        "geo", new Value.GeoJSONValue("{\"type\":\"Point\",\"coordinates\":[-122.0,37.5]}"))));
    out.add(keyed("test", null, Value.get(3.25), 2, (int) 4_000_000_000L, bins(
        "blob", blob, "emptyblob", new byte[0], "large", large,
        "hll", new Value.HLLValue(new byte[] {1, 2, 3, 0, 10}),
        "java", new Value.BytesValue(new byte[] {(byte) 0xac, (byte) 0xed}, ParticleType.JBLOB),
        "py", new Value.BytesValue(new byte[] {1}, 9),
        "csharp", new Value.BytesValue(new byte[] {2}, 8),
        "ruby", new Value.BytesValue(new byte[] {3}, 10),
        "php", new Value.BytesValue(new byte[] {4}, 11),
        "erl", new Value.BytesValue(new byte[] {5}, 12))));
    out.add(keyed("test", "cdt", Value.get(blob), 3, 12345, bins(
        "list", List.of(1L, "two", 3.5, blob, List.of(List.of(List.of()))),
        "listnull", listWithNull,
        "emptylist", List.of(),
        "map", nested,
        "ordered", ordered,
        "emptymap", new HashMap<>(),
        "big", bigList())));
    out.add(keyed("test", "keys", Value.get(""), 4, 0, bins("b\nin\\Nam e", 1L)));
    out.add(keyed("test", "keys", Value.get("k e\ny\\"), 4, 0, bins("x", 1L)));
    out.add(keyed("test", "keys", Value.get(new byte[0]), 4, 0, bins("x", 1L)));
    out.add(keyed("test", "keys", Value.get(Double.NaN), 4, 0, bins("x", 1L)));
    out.add(keyed("test", "keys", Value.get(Long.MAX_VALUE), 4, 0, bins("x", 1L)));
    out.add(digestOnly("test", null, "nokey", 0, 0, bins()));
    out.add(digestOnly("test", "zero-bins", "nokey2", 9, 1, bins()));
    return out;
  }

  private static List<Object> bigList() {
    List<Object> l = new ArrayList<>();
    for (int i = 0; i < 70_000; i++) {
      l.add((long) i * 1_000_003L);
    }
    return l;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void everyBinAndKeyTypeSurvives(boolean compact) throws Exception {
    List<RecordImage> written = everyType();
    byte[] file = AsbTestRecords.write(compact, "test", written);
    List<RecordImage> read = AsbTestRecords.readRecords(file, AsbReaderOptions.defaults());
    assertThat(read).hasSize(written.size());
    for (int i = 0; i < written.size(); i++) {
      assertSameRecord(read.get(i), written.get(i));
    }
    // the reader gives the client's own types back
    RecordImage cdt = read.get(3);
    assertThat(cdt.bins().get("ordered")).isInstanceOf(TreeMap.class);
    assertThat(cdt.bins().get("map")).isInstanceOf(HashMap.class);
    assertThat(read.get(2).bins().get("hll")).isInstanceOf(Value.HLLValue.class);
    assertThat(read.get(1).bins().get("geo")).isInstanceOf(Value.GeoJSONValue.class);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void rereadingAndRewritingIsByteIdentical(boolean compact) throws Exception {
    List<RecordImage> original = everyType();
    byte[] first = AsbTestRecords.write(compact, "test", original);
    List<RecordImage> reread = AsbTestRecords.readRecords(first, AsbReaderOptions.defaults());
    byte[] second = AsbTestRecords.write(compact, "test", reread);
    // unordered maps may iterate in another order after decoding; compare without them
    byte[] a = AsbTestRecords.write(compact, "test", withoutHashMaps(original));
    byte[] b = AsbTestRecords.write(compact, "test", withoutHashMaps(reread));
    assertThat(b).isEqualTo(a);
    assertThat(second.length).isEqualTo(first.length);
  }

  private static List<RecordImage> withoutHashMaps(List<RecordImage> in) {
    List<RecordImage> out = new ArrayList<>();
    for (RecordImage r : in) {
      Map<String, Object> b = new java.util.LinkedHashMap<>(r.bins());
      b.values().removeIf(v -> v instanceof HashMap);
      out.add(new RecordImage(r.namespace(), r.set(), r.digest(), r.userKey(), r.generation(),
          r.voidTime(), b));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void rawCdtModeKeepsTheExactMsgpack(boolean compact) throws Exception {
    // an ordered list carries an extension header the client's decoding drops
    byte[] orderedList = {(byte) 0x93, (byte) 0xc7, 0x00, 0x01, 0x01, 0x02};
    byte[] kvOrderedMap = Packer.pack(new TreeMap<>(Map.of("a", 1L)),
        com.aerospike.client.cdt.MapOrder.KEY_VALUE_ORDERED);
    RecordImage r = digestOnly("test", "raw", "k", 1, 0, bins(
        "l", new Value.BytesValue(orderedList, ParticleType.LIST),
        "m", new Value.BytesValue(kvOrderedMap, ParticleType.MAP)));
    byte[] file = AsbTestRecords.write(compact, "test", List.of(r));
    RecordImage raw = AsbTestRecords.readRecords(file,
        AsbReaderOptions.defaults().withDecodeCdt(false)).get(0);
    assertSameRecord(raw, r);
    RecordImage decoded = AsbTestRecords.readRecords(file, AsbReaderOptions.defaults()).get(0);
    assertThat(decoded.bins().get("l")).isEqualTo(List.of(1L, 2L));
    assertThat(decoded.bins().get("m")).isEqualTo(new TreeMap<>(Map.of("a", 1L)));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void invalidUtf8StringStaysExactBytes(boolean compact) throws Exception {
    byte[] bad = {'a', (byte) 0xff, (byte) 0xc3};
    RecordImage r = digestOnly("test", null, "k", 1, 0,
        bins("s", new Value.BytesValue(bad, ParticleType.STRING)));
    byte[] file = AsbTestRecords.write(compact, "test", List.of(r));
    assertThat(new String(file, StandardCharsets.ISO_8859_1)).contains("- S s 3 a\u00ff\u00c3\n");
    RecordImage back = AsbTestRecords.readRecords(file, AsbReaderOptions.defaults()).get(0);
    assertSameRecord(back, r);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 42, 4242})
  void randomRecordsSurvive(long seed) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<RecordImage> written = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      Map<String, Object> b = new java.util.LinkedHashMap<>();
      int n = rnd.nextInt(0, 6);
      for (int j = 0; j < n; j++) {
        b.put("b" + j + (rnd.nextBoolean() ? " \\\n" : ""), randomValue(rnd, 2));
      }
      Value key;
      switch (rnd.nextInt(5)) {
        case 0: key = Value.get(rnd.nextLong()); break;
        case 1: key = Value.get(Double.longBitsToDouble(rnd.nextLong())); break;
        case 2: key = Value.get(randomString(rnd)); break;
        case 3: key = Value.get(randomBytes(rnd)); break;
        default: key = null;
      }
      String set = rnd.nextBoolean() ? null : "set " + rnd.nextInt(3);
      RecordImage r = key == null
          ? digestOnly("ns", set, "r" + i, rnd.nextInt(65536), rnd.nextInt(), b)
          : keyed("ns", set, key, rnd.nextInt(65536), rnd.nextInt(), b);
      if (r.voidTime() == -1) {
        continue;
      }
      written.add(r);
    }
    for (boolean compact : new boolean[] {false, true}) {
      List<RecordImage> read = AsbTestRecords.readRecords(
          AsbTestRecords.write(compact, "ns", written), AsbReaderOptions.defaults());
      assertThat(read).hasSize(written.size());
      for (int i = 0; i < written.size(); i++) {
        assertSameRecord(read.get(i), written.get(i));
      }
    }
  }

  private static Object randomValue(SplittableRandom rnd, int depth) {
    switch (rnd.nextInt(depth > 0 ? 10 : 8)) {
      case 0: return rnd.nextLong();
      case 1: return Double.longBitsToDouble(rnd.nextLong());
      case 2: return randomString(rnd);
      case 3: return randomBytes(rnd);
      case 4: return rnd.nextBoolean();
      case 5: return null;
      case 6: return new Value.HLLValue(randomBytes(rnd));
      case 7: return new Value.GeoJSONValue("{\"type\":\"Point\",\"coordinates\":[" + rnd.nextInt(90)
          + "," + rnd.nextInt(90) + "]}");
      case 8: {
        List<Object> l = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          Object v = randomValue(rnd, depth - 1);
          if (!(v instanceof Value)) {
            l.add(v);
          }
        }
        return l;
      }
      default: {
        Map<Object, Object> m = rnd.nextBoolean() ? new HashMap<>() : new TreeMap<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          Object v = randomValue(rnd, depth - 1);
          if (!(v instanceof Value)) {
            m.put("k" + rnd.nextInt(100), v);
          }
        }
        return m;
      }
    }
  }

  private static String randomString(SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder();
    for (int i = rnd.nextInt(12); i > 0; i--) {
      int cp = rnd.nextInt(4) == 0 ? rnd.nextInt(0x20, 0x2FFF) : rnd.nextInt(0, 128);
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        cp = 'x';
      }
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  private static byte[] randomBytes(SplittableRandom rnd) {
    byte[] b = new byte[rnd.nextInt(40)];
    rnd.nextBytes(b);
    return b;
  }
}

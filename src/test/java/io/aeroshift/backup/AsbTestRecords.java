package io.aeroshift.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Key;
import com.aerospike.client.Value;
import io.aeroshift.transfer.RecordImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Record builders and comparisons shared by the backup tests. */
final class AsbTestRecords {

  private AsbTestRecords() {}

  /** A record whose digest is the one its set and user key give. */
  static RecordImage keyed(String ns, String set, Value key, int gen, int voidTime,
      Map<String, Object> bins) {
    byte[] digest = new Key(ns, set, key).digest;
    return new RecordImage(ns, set, digest, key, gen, voidTime, bins);
  }

  /** A record without a stored key (digest only). */
  static RecordImage digestOnly(String ns, String set, String seed, int gen, int voidTime,
      Map<String, Object> bins) {
    byte[] digest = new Key(ns, set, seed).digest;
    return new RecordImage(ns, set, digest, null, gen, voidTime, bins);
  }

  static Map<String, Object> bins(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static byte[] write(boolean compact, String ns, List<RecordImage> records) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (AsbWriter w = new AsbWriter(out, compact)) {
      w.writeHeader(ns, true);
      for (RecordImage r : records) {
        w.writeRecord(r);
      }
    }
    return out.toByteArray();
  }

  static List<RecordImage> readRecords(byte[] file, AsbReaderOptions options) throws Exception {
    List<RecordImage> out = new ArrayList<>();
    try (AsbReader reader = new AsbReader(new ByteArrayInputStream(file), "mem.asb", options)) {
      for (AsbEntry e = reader.next(); e != null; e = reader.next()) {
        out.add(((AsbEntry.Record) e).record());
      }
    }
    return out;
  }

  /** Same identity, metadata and bin values (arrays, lists and maps compared deeply). */
  static void assertSameRecord(RecordImage actual, RecordImage expected) {
    assertThat(actual.namespace()).isEqualTo(expected.namespace());
    assertThat(actual.set()).isEqualTo(expected.set());
    assertThat(actual.digest()).isEqualTo(expected.digest());
    if (expected.userKey() == null) {
      assertThat(actual.userKey()).isNull();
    } else {
      assertThat(actual.userKey()).isNotNull();
      assertThat(actual.userKey().getClass()).isEqualTo(expected.userKey().getClass());
      assertThat(deepEquals(actual.userKey().getObject(), expected.userKey().getObject()))
          .as("user key %s vs %s", actual.userKey(), expected.userKey())
          .isTrue();
    }
    assertThat(actual.generation()).isEqualTo(expected.generation());
    assertThat(actual.voidTime()).isEqualTo(expected.voidTime());
    assertThat(actual.bins().keySet()).containsExactlyElementsOf(expected.bins().keySet());
    for (Map.Entry<String, Object> bin : expected.bins().entrySet()) {
      Object got = actual.bins().get(bin.getKey());
      assertThat(deepEquals(got, bin.getValue()))
          .as("bin %s: got %s expected %s", bin.getKey(), show(got), show(bin.getValue()))
          .isTrue();
    }
  }

  static boolean deepEquals(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof Double x && b instanceof Double y) {
      return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
    }
    if (a instanceof Value.BytesValue x && b instanceof Value.BytesValue y) {
      return x.getType() == y.getType() && Arrays.equals((byte[]) x.getObject(), (byte[]) y.getObject());
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!deepEquals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      if (x instanceof java.util.SortedMap<?, ?> != y instanceof java.util.SortedMap<?, ?>) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        boolean found = false;
        for (Map.Entry<?, ?> f : y.entrySet()) {
          if (deepEquals(e.getKey(), f.getKey()) && deepEquals(e.getValue(), f.getValue())) {
            found = true;
            break;
          }
        }
        if (!found) {
          return false;
        }
      }
      return true;
    }
    return a.getClass() == b.getClass() && a.equals(b);
  }

  private static String show(Object o) {
    if (o instanceof byte[] b) {
      return "byte[" + b.length + "]";
    }
    return o == null ? "null" : o.getClass().getSimpleName() + ":" + o;
  }
}

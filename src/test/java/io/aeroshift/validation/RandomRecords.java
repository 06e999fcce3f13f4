package io.aeroshift.validation;

import com.aerospike.client.Value;
import io.aeroshift.transfer.RecordImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Seeded random records of every particle type, and equivalent re-representations of them. */
final class RandomRecords {

  static final String[] TYPES = {
    "INTEGER", "DOUBLE", "STRING", "BLOB", "BOOL", "LIST", "MAP", "GEOJSON", "HLL"
  };

  private final Random rnd;

  RandomRecords(Random rnd) {
    this.rnd = rnd;
  }

  byte[] digestIn(int partition) {
    byte[] d = new byte[20];
    rnd.nextBytes(d);
    d[0] = (byte) (partition & 0xFF);
    d[1] = (byte) ((d[1] & 0xF0) | ((partition >> 8) & 0x0F));
    return d;
  }

  RecordImage record(String ns, int partition, int voidTime) {
    Map<String, Object> bins = new LinkedHashMap<>();
    int n = 1 + rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      bins.put("b" + rnd.nextInt(12), value(TYPES[rnd.nextInt(TYPES.length)], 0));
    }
    Value key =
        switch (rnd.nextInt(3)) {
          case 0 -> null;
          case 1 -> Value.get((long) rnd.nextInt(1_000_000));
          default -> Value.get("user-" + rnd.nextInt(1_000_000));
        };
    String set = rnd.nextInt(4) == 0 ? null : "set" + rnd.nextInt(3);
    return new RecordImage(ns, set, digestIn(partition), key, 1 + rnd.nextInt(9), voidTime, bins);
  }

  Object value(String type, int depth) {
    switch (type) {
      case "INTEGER":
        return rnd.nextBoolean() ? (long) rnd.nextInt(1000) - 500 : rnd.nextLong();
      case "DOUBLE":
        return rnd.nextInt(10) == 0 ? (double) rnd.nextInt(5) : rnd.nextDouble() * 1e6 - 5e5;
      case "STRING":
        return string();
      case "BLOB":
        byte[] b = new byte[rnd.nextInt(12)];
        rnd.nextBytes(b);
        return b;
      case "BOOL":
        return rnd.nextBoolean();
      case "LIST":
        {
          List<Object> l = new ArrayList<>();
          int n = rnd.nextInt(4);
          for (int i = 0; i < n; i++) {
            l.add(value(depth >= 2 ? scalarType() : TYPES[rnd.nextInt(TYPES.length)], depth + 1));
          }
          return l;
        }
      case "MAP":
        {
          boolean stringKeys = rnd.nextBoolean();
          Map<Object, Object> m = rnd.nextBoolean() ? new HashMap<>() : new TreeMap<>();
          int n = rnd.nextInt(4);
          for (int i = 0; i < n; i++) {
            Object k = stringKeys ? "k" + rnd.nextInt(50) : (Object) (long) rnd.nextInt(50);
            m.put(k, value(depth >= 2 ? scalarType() : TYPES[rnd.nextInt(TYPES.length)], depth + 1));
          }
          return m;
        }
      case "GEOJSON":
        return new Value.GeoJSONValue(
            "{\"type\":\"Point\",\"coordinates\":[" + rnd.nextInt(180) + "." + rnd.nextInt(1000) + ","
                + rnd.nextInt(90) + "]}");
      case "HLL":
        byte[] h = new byte[8 + rnd.nextInt(8)];
        rnd.nextBytes(h);
        return new Value.HLLValue(h);
      default:
        throw new IllegalArgumentException(type);
    }
  }

  private String scalarType() {
    return TYPES[rnd.nextInt(5)];
  }

  private String string() {
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(10);
    for (int i = 0; i < n; i++) {
      sb.append(rnd.nextInt(8) == 0 ? (char) (0x400 + rnd.nextInt(200)) : (char) ('a' + rnd.nextInt(26)));
    }
    return sb.toString();
  }

  /** A value of the same type that is certainly different. */
  Object differentValue(String type, Object old) {
    for (int i = 0; i < 1000; i++) {
      Object v = value(type, 0);
      if (!Arrays.equals(CanonicalEncoder.encode(v), CanonicalEncoder.encode(old))) {
        return v;
      }
    }
    throw new IllegalStateException("no different value of type " + type);
  }

  /**
   * The same record as another client read, another copy or another scan could represent it:
   * bins in a different order, Integer for small Longs, client Value wrappers, HashMap/TreeMap/
   * LinkedHashMap in any iteration order, fresh byte arrays, another generation.
   */
  RecordImage reRepresent(RecordImage r) {
    List<String> names = new ArrayList<>(r.bins().keySet());
    Collections.shuffle(names, rnd);
    Map<String, Object> bins = new LinkedHashMap<>();
    for (String n : names) {
      bins.put(n, reRepresent(r.bins().get(n)));
    }
    Value key = r.userKey();
    if (key instanceof Value.LongValue && rnd.nextBoolean() && key.toLong() == (int) key.toLong()) {
      key = Value.get((int) key.toLong());
    } else if (key instanceof Value.StringValue && rnd.nextBoolean()) {
      key = Value.get(new String(key.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
    return new RecordImage(
        r.namespace(),
        r.set() == null ? null : new String(r.set()),
        r.digest().clone(),
        key,
        r.generation() + 1 + rnd.nextInt(5),
        r.voidTime(),
        bins);
  }

  Object reRepresent(Object v) {
    if (v instanceof Long l) {
      if (l == (int) (long) l && rnd.nextBoolean()) {
        return (int) (long) l;
      }
      return rnd.nextInt(4) == 0 ? Value.get(l) : l;
    }
    if (v instanceof String s) {
      return rnd.nextInt(4) == 0 ? Value.get(s) : new String(s);
    }
    if (v instanceof byte[] b) {
      return b.clone();
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object e : l) {
        out.add(reRepresent(e));
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
      Collections.shuffle(entries, rnd);
      boolean sameKeyType = entries.stream().map(e -> e.getKey().getClass()).distinct().count() <= 1;
      Map<Object, Object> out =
          switch (rnd.nextInt(3)) {
            case 0 -> new HashMap<>();
            case 1 -> sameKeyType ? new TreeMap<>() : new LinkedHashMap<>();
            default -> new LinkedHashMap<>();
          };
      for (Map.Entry<?, ?> e : entries) {
        out.put(e.getKey(), reRepresent(e.getValue()));
      }
      return out;
    }
    return v;
  }
}

package io.aeroshift.testsupport;

import com.aerospike.client.Value;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns values as the Aerospike client returns them into a form whose {@code equals} means "the same
 * stored value": byte arrays by content, {@code Value} wrappers by their type and content, lists in
 * order, maps by their entries plus whether they were key-ordered (the client returns a SortedMap for
 * a key-ordered map), so two clusters' records can be compared with plain equality.
 */
public final class ClientValues {
  private ClientValues() {}

  /** The comparable form of {@code v}. */
  public static Object comparable(Object v) {
    if (v instanceof byte[] b) {
      return "bytes:" + HexFormat.of().formatHex(b);
    }
    if (v instanceof Value value) {
      return value.getClass().getSimpleName() + ":" + comparable(value.getObject());
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(comparable(o));
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(String.valueOf(comparable(e.getKey())), comparable(e.getValue()));
      }
      return (m instanceof SortedMap ? "sorted" : "unordered") + out;
    }
    return v;
  }
}

package io.aeroshift.transfer;

import com.aerospike.client.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Estimated wire size of a record, for the bytes/s limit and progress. Pure, approximate. */
public final class RecordSizes {

  private static final int RECORD_OVERHEAD = 64;
  private static final int BIN_OVERHEAD = 8;

  private RecordSizes() {}

  /** Estimated bytes of the record's bins plus a fixed per-record overhead. */
  public static long estimate(RecordImage image) {
    long size = RECORD_OVERHEAD;
    for (Map.Entry<String, Object> bin : image.bins().entrySet()) {
      size += BIN_OVERHEAD + bin.getKey().length() + valueSize(bin.getValue());
    }
    return size;
  }

  static long valueSize(Object v) {
    if (v == null) {
      return 1;
    }
    if (v instanceof byte[] b) {
      return b.length;
    }
    if (v instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8).length;
    }
    if (v instanceof List<?> list) {
      long n = 4;
      for (Object o : list) {
        n += 1 + valueSize(o);
      }
      return n;
    }
    if (v instanceof Map<?, ?> map) {
      long n = 4;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        n += 2 + valueSize(e.getKey()) + valueSize(e.getValue());
      }
      return n;
    }
    if (v instanceof Value value && !(v instanceof Value.LongValue)) {
      Object o = value.getObject();
      return o == v ? 8 : valueSize(o);
    }
    return 8;
  }
}

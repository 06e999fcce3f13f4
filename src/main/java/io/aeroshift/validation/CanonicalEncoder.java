package io.aeroshift.validation;

import com.aerospike.client.Value;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Encodes a bin value (as the Aerospike client returns it) into a canonical byte form that depends
 * only on the value, never on its client-side representation.
 *
 * <p>Every value starts with a type tag (the server's particle type number) and every variable-size
 * part is length- or count-prefixed, so the encoding is injective: {@code 1L}, {@code 1.0},
 * {@code "1"} and {@code true} encode differently, and no two different values share an encoding.
 * Representation details are erased: Integer/Short/Byte encode as the integer particle like Long;
 * the client's {@code Value} wrappers are unwrapped; maps encode their entries sorted by the
 * canonical encoding of the key, so insertion order, HashMap versus TreeMap, and the map's order
 * flag do not matter (see docs/validation.md for why ordered and unordered maps compare by content).
 * Lists keep their order, because list order is data.
 */
public final class CanonicalEncoder {

  static final byte NIL = 0;
  static final byte INTEGER = 1;
  static final byte DOUBLE = 2;
  static final byte STRING = 3;
  static final byte BLOB = 4;
  static final byte BOOL = 17;
  static final byte HLL = 18;
  static final byte MAP = 19;
  static final byte LIST = 20;
  static final byte GEOJSON = 23;

  private byte[] buf;
  private int len;

  public CanonicalEncoder() {
    this(256);
  }

  CanonicalEncoder(int capacity) {
    this.buf = new byte[Math.max(16, capacity)];
  }

  /** Forgets what was written, keeping the buffer. */
  public void reset() {
    len = 0;
  }

  /** Forgets what was written after the first {@code length} bytes, which are kept. */
  void truncate(int length) {
    if (length < 0 || length > len) {
      throw new IllegalArgumentException("cannot truncate " + len + " bytes to " + length);
    }
    len = length;
  }

  public int length() {
    return len;
  }

  /** The backing array; valid up to {@link #length()}. */
  byte[] buffer() {
    return buf;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** The canonical bytes of one value, as a fresh array. */
  public static byte[] encode(Object value) {
    CanonicalEncoder e = new CanonicalEncoder(64);
    e.writeValue(value, "value");
    return e.toByteArray();
  }

  /** The name of the particle type a value encodes as (for reports), or ABSENT for a missing bin. */
  public static String particleName(Object value) {
    Object v = unwrap(value);
    if (v == null) {
      return "NIL";
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return "INTEGER";
    }
    if (v instanceof Double || v instanceof Float) {
      return "DOUBLE";
    }
    if (v instanceof String) {
      return "STRING";
    }
    if (v instanceof byte[]) {
      return "BLOB";
    }
    if (v instanceof Boolean) {
      return "BOOL";
    }
    if (v instanceof Value.HLLValue) {
      return "HLL";
    }
    if (v instanceof Value.GeoJSONValue) {
      return "GEOJSON";
    }
    if (v instanceof Map) {
      return "MAP";
    }
    if (v instanceof List || v instanceof Collection) {
      return "LIST";
    }
    return v.getClass().getName();
  }

  /**
   * Appends the canonical encoding of {@code value}.
   *
   * @param path where the value sits (bin name, list index, map key), for the error message
   * @throws IllegalArgumentException for a value type the client never returns
   */
  public void writeValue(Object value, String path) {
    try {
      write(value);
    } catch (UnsupportedValue e) {
      throw new IllegalArgumentException(
          "unsupported value type " + e.type + " at " + path + e.where, e);
    }
  }

  /**
   * An unsupported value; the path inside the value is collected while it propagates, so the
   * common case pays nothing for error context.
   */
  private static final class UnsupportedValue extends RuntimeException {
    final String type;
    String where = "";

    UnsupportedValue(String type) {
      super(null, null, false, false);
      this.type = type;
    }

    UnsupportedValue at(String segment) {
      where = segment + where;
      return this;
    }
  }

  private void write(Object value) {
    Object v = unwrap(value);
    // The branches are disjoint: the most common bin types are tested first.
    if (v instanceof String s) {
      writeString(s, STRING);
    } else if (v == null) {
      writeByte(NIL);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      writeByte(INTEGER);
      writeLong(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      writeByte(DOUBLE);
      // doubleToLongBits folds every NaN into one; -0.0 stays distinct from 0.0, as the server stores it.
      writeLong(Double.doubleToLongBits(((Number) v).doubleValue()));
    } else if (v instanceof byte[] b) {
      writeByte(BLOB);
      writeSized(b);
    } else if (v instanceof Boolean b) {
      writeByte(BOOL);
      writeByte(b ? (byte) 1 : (byte) 0);
    } else if (v instanceof Value.HLLValue h) {
      writeByte(HLL);
      writeSized(h.getBytes());
    } else if (v instanceof Value.GeoJSONValue g) {
      writeByte(GEOJSON);
      writeSized(((String) g.getObject()).getBytes(StandardCharsets.UTF_8));
    } else if (v instanceof Map<?, ?> m) {
      writeMap(m);
    } else if (v instanceof List<?> l) {
      writeByte(LIST);
      writeInt(l.size());
      int i = 0;
      for (Object element : l) {
        try {
          write(element);
        } catch (UnsupportedValue e) {
          throw e.at("[" + i + "]");
        }
        i++;
      }
    } else {
      throw new UnsupportedValue(v.getClass().getName());
    }
  }

  private void writeMap(Map<?, ?> m) {
    writeByte(MAP);
    writeInt(m.size());
    if (m.isEmpty()) {
      return;
    }
    byte[][] keys = new byte[m.size()][];
    Object[] values = new Object[m.size()];
    Integer[] order = new Integer[m.size()];
    int n = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      CanonicalEncoder k = new CanonicalEncoder(32);
      try {
        k.write(e.getKey());
      } catch (UnsupportedValue u) {
        throw u.at(".key");
      }
      keys[n] = k.toByteArray();
      values[n] = e.getValue();
      order[n] = n;
      n++;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
    for (int i : order) {
      writeBytes(keys[i], 0, keys[i].length);
      try {
        write(values[i]);
      } catch (UnsupportedValue u) {
        throw u.at("{" + describeKey(keys[i]) + "}");
      }
    }
  }

  private static String describeKey(byte[] encodedKey) {
    return encodedKey.length <= 1 ? "nil" : ("#" + Integer.toHexString(Arrays.hashCode(encodedKey)));
  }

  /**
   * Unwraps client {@code Value} holders to the object they carry, except GeoJSON and HLL whose
   * wrapper is what distinguishes them from a plain string or blob.
   */
  static Object unwrap(Object value) {
    if (!(value instanceof Value)) {
      return value; // what the client hands back for bins: plain Java values
    }
    if (value instanceof Value.GeoJSONValue || value instanceof Value.HLLValue) {
      return value;
    }
    if (value instanceof Value.NullValue) {
      return null;
    }
    if (value instanceof Value v) {
      return unwrap(v.getObject());
    }
    return value;
  }

  /**
   * A string as its length-prefixed UTF-8 bytes. {@code getBytes} is vectorised for Latin-1
   * strings; copying char by char into the buffer measured slower than its small allocation.
   */
  void writeString(String s) {
    writeSized(s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A tag byte, then a string as its length-prefixed UTF-8 bytes: {@code writeByte(tag);
   * writeString(s)} with one capacity check and one copy into the buffer.
   */
  void writeString(String s, byte tag) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    ensure(5 + utf8.length);
    buf[len] = tag;
    BIG_ENDIAN_INT.set(buf, len + 1, utf8.length);
    System.arraycopy(utf8, 0, buf, len + 5, utf8.length);
    len += 5 + utf8.length;
  }

  /** A string already in its UTF-8 bytes (a set or bin name the caller encoded once). */
  void writeString(byte[] utf8) {
    writeSized(utf8);
  }

  void writeSized(byte[] b) {
    ensure(4 + b.length);
    BIG_ENDIAN_INT.set(buf, len, b.length);
    System.arraycopy(b, 0, buf, len + 4, b.length);
    len += 4 + b.length;
  }

  void writeByte(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  private static final VarHandle BIG_ENDIAN_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  void writeInt(int v) {
    ensure(4);
    BIG_ENDIAN_INT.set(buf, len, v);
    len += 4;
  }

  void writeLong(long v) {
    ensure(8);
    BIG_ENDIAN_LONG.set(buf, len, v);
    len += 8;
  }

  void writeBytes(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      grow(n);
    }
  }

  /** Apart from {@link #ensure} so that the check, run for every part of every record, inlines. */
  private void grow(int n) {
    buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
  }
}

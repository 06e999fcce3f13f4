package io.aeroshift.backup;

import com.aerospike.client.Value;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.util.Packer;
import com.aerospike.client.util.Unpacker;
import java.util.List;
import java.util.Map;

/**
 * Lists and maps travel in a backup as the server's msgpack. The Java client hands them to us
 * decoded, so the writer re-packs them with the client's own packer (the bytes the client would
 * send the server: particle-type prefixed strings and blobs, the map-order extension for
 * key-ordered maps) and the reader unpacks with the client's unpacker, giving the same Java values
 * a scan would.
 */
final class CdtCodec {

  private CdtCodec() {}

  static byte[] packList(List<?> list) {
    return Packer.pack(list);
  }

  /** A {@link java.util.SortedMap} (the client's decoding of an ordered map) keeps KEY_ORDERED. */
  static byte[] packMap(Map<?, ?> map) {
    return Packer.pack(map, Value.MapValue.getMapOrder(map));
  }

  static byte[] packMap(Map<?, ?> map, MapOrder order) {
    return Packer.pack(map, order);
  }

  /**
   * @throws IllegalArgumentException when the bytes are not a msgpack list
   */
  static List<?> unpackList(byte[] msgpack) {
    if (msgpack.length == 0 || !isListHeader(msgpack[0] & 0xff)) {
      throw new IllegalArgumentException("not a msgpack list (first byte " + hex(msgpack) + ")");
    }
    Object o;
    try {
      o = Unpacker.unpackObjectList(msgpack, 0, msgpack.length);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid msgpack list: " + e.getMessage(), e);
    }
    if (!(o instanceof List<?> l)) {
      throw new IllegalArgumentException("msgpack did not decode to a list");
    }
    return l;
  }

  /**
   * @throws IllegalArgumentException when the bytes are not a msgpack map
   */
  static Map<?, ?> unpackMap(byte[] msgpack) {
    if (msgpack.length == 0 || !isMapHeader(msgpack[0] & 0xff)) {
      throw new IllegalArgumentException("not a msgpack map (first byte " + hex(msgpack) + ")");
    }
    Object o;
    try {
      o = Unpacker.unpackObjectMap(msgpack, 0, msgpack.length);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid msgpack map: " + e.getMessage(), e);
    }
    if (!(o instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("msgpack did not decode to a map");
    }
    return m;
  }

  private static boolean isListHeader(int b) {
    return (b & 0xf0) == 0x90 || b == 0xdc || b == 0xdd;
  }

  private static boolean isMapHeader(int b) {
    return (b & 0xf0) == 0x80 || b == 0xde || b == 0xdf;
  }

  private static String hex(byte[] b) {
    return b.length == 0 ? "none, empty value" : String.format("0x%02x", b[0] & 0xff);
  }
}

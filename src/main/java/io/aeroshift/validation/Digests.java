package io.aeroshift.validation;

import java.util.Arrays;
import java.util.HexFormat;

/** Small helpers around the 20-byte record digest. */
public final class Digests {

  /** Partitions per namespace, fixed by the server. */
  public static final int PARTITIONS = 4096;

  private Digests() {}

  /** The partition a digest belongs to, as the server and the client compute it. */
  public static int partitionId(byte[] digest) {
    return ((digest[0] & 0xFF) | ((digest[1] & 0xFF) << 8)) & (PARTITIONS - 1);
  }

  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  /** A digest usable as a hash-map key. */
  public record Key(byte[] bytes) implements Comparable<Key> {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Key o) {
      return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
      return hex(bytes);
    }
  }

  public static Key key(byte[] digest) {
    return new Key(digest);
  }
}

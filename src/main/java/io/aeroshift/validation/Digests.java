package io.aeroshift.validation;

import java.util.Arrays;
import java.util.HexFormat;

/** Small helpers around the 20-byte record digest. */
public final class Digests {

  private Digests() {}

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

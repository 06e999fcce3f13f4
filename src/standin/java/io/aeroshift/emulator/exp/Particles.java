package io.aeroshift.emulator.exp;

/** Particle (bin value) types and the decoding of their wire bytes (spec section 4.5). */
final class Particles {
  static final int NULL = 0;
  static final int INTEGER = 1;
  static final int DOUBLE = 2;
  static final int STRING = 3;
  static final int BLOB = 4;
  static final int BOOL = 17;
  static final int HLL = 18;
  static final int MAP = 19;
  static final int LIST = 20;
  static final int GEOJSON = 23;

  private Particles() {}

  /**
   * Big-endian integer; shorter encodings are read zero-extended, as the client reads them.
   * Callers reject lengths above 8.
   */
  static long integer(byte[] b) {
    long v = 0;
    for (byte x : b) {
      v = (v << 8) | (x & 0xFF);
    }
    return v;
  }

  static double dbl(byte[] b) {
    return Double.longBitsToDouble(integer(b));
  }

  /** Offset of the JSON text inside a GEOJSON particle (flags u8, ncells u16, cells), or -1 if malformed. */
  static int geoJsonOffset(byte[] b) {
    if (b.length < 3) {
      return -1;
    }
    int ncells = ((b[1] & 0xFF) << 8) | (b[2] & 0xFF);
    int off = 3 + ncells * 8;
    return off <= b.length ? off : -1;
  }
}

package io.aeroshift.emulator;

/** Big- and little-endian helpers for the wire format. */
final class Wire {
  private Wire() {}

  static int getInt(byte[] b, int off) {
    return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
  }

  static int getShort(byte[] b, int off) {
    return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
  }

  static long getLong(byte[] b, int off) {
    return ((long) getInt(b, off) << 32) | (getInt(b, off + 4) & 0xFFFFFFFFL);
  }

  static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  static void putShort(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }

  static void putLong(byte[] b, int off, long v) {
    putInt(b, off, (int) (v >>> 32));
    putInt(b, off + 4, (int) v);
  }

  static boolean regionEquals(byte[] b, int off, byte[] other) {
    if (off + other.length > b.length) return false;
    for (int i = 0; i < other.length; i++) {
      if (b[off + i] != other[i]) return false;
    }
    return true;
  }

  /** Partition id of a digest: first two bytes little-endian, modulo the partition count. */
  static int partitionId(byte[] digest) {
    return ((digest[0] & 0xFF) | ((digest[1] & 0xFF) << 8)) & (NamespaceStore.PARTITIONS - 1);
  }
}

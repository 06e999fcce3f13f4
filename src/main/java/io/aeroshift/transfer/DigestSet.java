package io.aeroshift.transfer;

import java.util.Arrays;

/**
 * A set of 20-byte digests packed in one array (open addressing): about 30 bytes per digest
 * instead of ~80 for a set of objects, so a partition's digests fit in memory even for large
 * partitions. Not thread-safe.
 */
public final class DigestSet {

  private static final int DIGEST = 20;
  private byte[] slots;
  private boolean[] used;
  private int size;

  public DigestSet() {
    this(1024);
  }

  public DigestSet(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 3 / 2) - 1) << 1;
    slots = new byte[capacity * DIGEST];
    used = new boolean[capacity];
  }

  /** Adds a digest; returns false if it was present. */
  public boolean add(byte[] digest) {
    check(digest);
    if ((size + 1) * 4L > used.length * 3L) {
      grow();
    }
    int mask = used.length - 1;
    for (int i = hash(digest) & mask; ; i = (i + 1) & mask) {
      if (!used[i]) {
        System.arraycopy(digest, 0, slots, i * DIGEST, DIGEST);
        used[i] = true;
        size++;
        return true;
      }
      if (equalsAt(i, digest)) {
        return false;
      }
    }
  }

  public boolean contains(byte[] digest) {
    check(digest);
    int mask = used.length - 1;
    for (int i = hash(digest) & mask; used[i]; i = (i + 1) & mask) {
      if (equalsAt(i, digest)) {
        return true;
      }
    }
    return false;
  }

  public int size() {
    return size;
  }

  private void grow() {
    byte[] oldSlots = slots;
    boolean[] oldUsed = used;
    slots = new byte[oldSlots.length * 2];
    used = new boolean[oldUsed.length * 2];
    size = 0;
    byte[] d = new byte[DIGEST];
    for (int i = 0; i < oldUsed.length; i++) {
      if (oldUsed[i]) {
        System.arraycopy(oldSlots, i * DIGEST, d, 0, DIGEST);
        add(d);
      }
    }
  }

  private boolean equalsAt(int slot, byte[] digest) {
    return Arrays.equals(slots, slot * DIGEST, slot * DIGEST + DIGEST, digest, 0, DIGEST);
  }

  private static int hash(byte[] d) {
    // Digests are uniformly random (RIPEMD-160), but bytes 0-1 are the partition id, shared by
    // every digest of a partition: hash later bytes.
    int h = (d[4] & 0xFF) | (d[5] & 0xFF) << 8 | (d[6] & 0xFF) << 16 | (d[7] & 0xFF) << 24;
    return h ^ (h >>> 16);
  }

  private static void check(byte[] digest) {
    if (digest == null || digest.length != DIGEST) {
      throw new IllegalArgumentException("a digest is 20 bytes");
    }
  }
}

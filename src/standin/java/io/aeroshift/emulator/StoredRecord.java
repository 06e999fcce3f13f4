package io.aeroshift.emulator;

import io.aeroshift.emulator.exp.ExpRecord;
import java.nio.charset.StandardCharsets;

/**
 * One stored record, immutable: a write replaces the whole object, so scans and reads can hand
 * it out without copying. Bins are kept as the exact wire bytes of READ operations
 * ({@code size:u32 op:u8 type:u8 flags:u8 nameLen:u8 name value}) so a read answers with one
 * array copy and per-record overhead stays small (no object per bin).
 */
final class StoredRecord implements ExpRecord {

  static final long EPOCH_2010_SECONDS = 1_262_304_000L;

  final byte[] digest;
  final String setName;
  final int generation;
  final int voidTime;
  final long lastUpdateMillis;
  final byte keyType;
  final byte[] key;
  final byte[] bins;
  final short binCount;

  StoredRecord(byte[] digest, String setName, int generation, int voidTime, long lastUpdateMillis,
      byte keyType, byte[] key, byte[] bins, int binCount) {
    this.digest = digest;
    this.setName = setName;
    this.generation = generation;
    this.voidTime = voidTime;
    this.lastUpdateMillis = lastUpdateMillis;
    this.keyType = keyType;
    this.key = key;
    this.bins = bins;
    this.binCount = (short) binCount;
  }

  static long nowSince2010(long nowMillis) {
    return nowMillis / 1000 - EPOCH_2010_SECONDS;
  }

  boolean expiredAt(long nowMillis) {
    return voidTime != 0 && Integer.toUnsignedLong(voidTime) <= nowSince2010(nowMillis);
  }

  StoredRecord withVoidTime(int newVoidTime) {
    return new StoredRecord(digest, setName, generation, newVoidTime, lastUpdateMillis, keyType, key, bins, binCount);
  }

  /** Offset of the named bin's op in {@link #bins}, or -1. */
  int findBin(byte[] name) {
    int pos = 0;
    while (pos < bins.length) {
      int size = Wire.getInt(bins, pos);
      int nameLen = bins[pos + 7] & 0xFF;
      if (nameLen == name.length && Wire.regionEquals(bins, pos + 8, name)) {
        return pos;
      }
      pos += 4 + size;
    }
    return -1;
  }

  long storedSize() {
    return 64L + bins.length + (key == null ? 0 : key.length) + setName.length();
  }

  // ExpRecord

  @Override public byte[] digest() { return digest; }
  @Override public String setName() { return setName; }
  @Override public long lastUpdateNanos() { return lastUpdateMillis * 1_000_000L; }
  @Override public long voidTime() { return Integer.toUnsignedLong(voidTime); }
  @Override public int generation() { return generation; }
  @Override public int keyType() { return key == null ? 0 : keyType; }
  @Override public byte[] keyBytes() { return key; }
  @Override public long recordSize() { return storedSize(); }

  @Override
  public int binType(String name) {
    int at = findBin(name.getBytes(StandardCharsets.UTF_8));
    return at < 0 ? 0 : bins[at + 5] & 0xFF;
  }

  @Override
  public byte[] binBytes(String name) {
    int at = findBin(name.getBytes(StandardCharsets.UTF_8));
    if (at < 0) return null;
    int size = Wire.getInt(bins, at);
    int nameLen = bins[at + 7] & 0xFF;
    int valueLen = size - 4 - nameLen;
    byte[] v = new byte[valueLen];
    System.arraycopy(bins, at + 8 + nameLen, v, 0, valueLen);
    return v;
  }
}

package io.aeroshift.emulator.exp;

/**
 * A stored record as a filter expression sees it. The emulator's store implements it; the
 * evaluator never sees the store itself.
 */
public interface ExpRecord {

  /** The 20-byte RIPEMD-160 digest. */
  byte[] digest();

  /** The set name, "" when the record has none. */
  String setName();

  /** Last-update time in nanoseconds since 1970 (millisecond precision is enough). */
  long lastUpdateNanos();

  /** Void time in seconds since 2010-01-01T00:00:00Z; 0 means never expires. */
  long voidTime();

  /** Record generation. */
  int generation();

  /** Particle type of the stored user key (1 int, 2 double, 3 string, 4 blob), 0 when none is stored. */
  int keyType();

  /** Wire bytes of the stored user key (int: 8 bytes big-endian), null when none is stored. */
  byte[] keyBytes();

  /** Particle type of the named bin, 0 when the record has no such bin. */
  int binType(String name);

  /** Wire bytes of the named bin's value, null when the record has no such bin. */
  byte[] binBytes(String name);

  /** A stable estimate of the record's stored size in bytes. */
  long recordSize();
}

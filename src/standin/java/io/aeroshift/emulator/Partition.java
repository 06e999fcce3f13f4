package io.aeroshift.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One of the 4096 partitions of a namespace. Records are kept in unsigned digest order so a scan
 * can resume strictly after a digest. Callers synchronise on the partition.
 *
 * <p>The order lives in two parallel sorted arrays: the first 8 digest bytes as a long, and the
 * records. A lookup is a binary search over one contiguous {@code long[]}, where a tree of the same
 * records costs two cache misses per level (node and digest array); with a million records in the
 * heap those misses were most of a write's cost in the emulator. Inserting shifts the tail of the
 * arrays, a few kilobytes at the sizes a partition reaches (4096 partitions share the records).
 */
final class Partition {
  private static final long[] NO_PREFIXES = new long[0];
  private static final StoredRecord[] NO_RECORDS = new StoredRecord[0];

  final int id;
  /** Bytes 0..7 of each record's digest, big-endian, with the sign bit flipped so signed order is unsigned order. */
  private long[] prefixes = NO_PREFIXES;
  private StoredRecord[] records = NO_RECORDS;
  private int size;
  /** Records with a void time, so expiry sweeps skip partitions that cannot hold expired ones. */
  int expiringRecords;

  Partition(int id) {
    this.id = id;
  }

  int size() {
    return size;
  }

  private static long prefix(byte[] digest) {
    return Wire.getLong(digest, 0) ^ Long.MIN_VALUE;
  }

  /** Index of the digest, or {@code -(insertion point) - 1} as {@link Arrays#binarySearch} returns. */
  private int indexOf(byte[] digest) {
    long key = prefix(digest);
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long p = prefixes[mid];
      int c = p < key ? -1 : p > key ? 1 : Arrays.compareUnsigned(records[mid].digest, digest);
      if (c < 0) lo = mid + 1;
      else if (c > 0) hi = mid - 1;
      else return mid;
    }
    return -(lo + 1);
  }

  /** Records after {@code after} (exclusive; null = from the start), at most {@code max}. */
  List<StoredRecord> slice(byte[] after, int max) {
    int from = 0;
    if (after != null) {
      int i = indexOf(after);
      from = i >= 0 ? i + 1 : -(i + 1);
    }
    int to = (int) Math.min(size, (long) from + max);
    return new ArrayList<>(Arrays.asList(records).subList(from, Math.max(from, to)));
  }

  StoredRecord get(byte[] digest) {
    int i = indexOf(digest);
    return i >= 0 ? records[i] : null;
  }

  /** Replaces or inserts; returns the previous record (possibly expired) or null. */
  StoredRecord put(StoredRecord r) {
    int i = indexOf(r.digest);
    StoredRecord old = null;
    if (i >= 0) {
      old = records[i];
      records[i] = r;
      if (old.voidTime != 0) expiringRecords--;
    } else {
      insertAt(-(i + 1), r);
    }
    if (r.voidTime != 0) expiringRecords++;
    return old;
  }

  private void insertAt(int at, StoredRecord r) {
    if (size == records.length) {
      int capacity = Math.max(8, size + (size >> 1));
      prefixes = Arrays.copyOf(prefixes, capacity);
      records = Arrays.copyOf(records, capacity);
    }
    System.arraycopy(prefixes, at, prefixes, at + 1, size - at);
    System.arraycopy(records, at, records, at + 1, size - at);
    prefixes[at] = prefix(r.digest);
    records[at] = r;
    size++;
  }

  StoredRecord remove(byte[] digest) {
    int i = indexOf(digest);
    if (i < 0) return null;
    StoredRecord old = records[i];
    System.arraycopy(prefixes, i + 1, prefixes, i, size - i - 1);
    System.arraycopy(records, i + 1, records, i, size - i - 1);
    records[--size] = null;
    if (old.voidTime != 0) expiringRecords--;
    return old;
  }

  /** Removes every record {@code doomed} accepts, in one pass, telling {@code removed} of each. */
  int removeIf(Predicate<StoredRecord> doomed, Consumer<StoredRecord> removed) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      StoredRecord r = records[i];
      if (doomed.test(r)) {
        if (r.voidTime != 0) expiringRecords--;
        removed.accept(r);
      } else {
        prefixes[kept] = prefixes[i];
        records[kept++] = r;
      }
    }
    int gone = size - kept;
    Arrays.fill(records, kept, size, null);
    size = kept;
    if (size < records.length / 4) {
      // a truncated partition gives its memory back
      prefixes = Arrays.copyOf(prefixes, size);
      records = Arrays.copyOf(records, size);
    }
    return gone;
  }

  /** Removes expired records, calling back for set accounting. */
  void reapExpired(long nowMillis, NamespaceStore ns) {
    if (expiringRecords == 0) return;
    removeIf(r -> r.expiredAt(nowMillis), ns::accountRemoved);
  }
}

package io.aeroshift.emulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One of the 4096 partitions of a namespace. Records are kept in unsigned digest order so a scan
 * can resume strictly after a digest. Callers synchronise on the partition.
 */
final class Partition {
  final int id;
  final TreeMap<byte[], StoredRecord> records = new TreeMap<>(Wire::compareUnsigned);
  /** Records with a void time, so expiry sweeps skip partitions that cannot hold expired ones. */
  int expiringRecords;

  Partition(int id) {
    this.id = id;
  }

  /** Records after {@code after} (exclusive; null = from the start), at most {@code max}. */
  List<StoredRecord> slice(byte[] after, int max) {
    Map<byte[], StoredRecord> view = after == null ? records : records.tailMap(after, false);
    List<StoredRecord> out = new ArrayList<>(Math.min(max, Math.max(view.size(), 1)));
    for (StoredRecord r : view.values()) {
      if (out.size() >= max) break;
      out.add(r);
    }
    return out;
  }

  StoredRecord get(byte[] digest) {
    return records.get(digest);
  }

  /** Replaces or inserts; returns the previous record (possibly expired) or null. */
  StoredRecord put(StoredRecord r) {
    StoredRecord old = records.put(r.digest, r);
    if (old != null && old.voidTime != 0) expiringRecords--;
    if (r.voidTime != 0) expiringRecords++;
    return old;
  }

  StoredRecord remove(byte[] digest) {
    StoredRecord old = records.remove(digest);
    if (old != null && old.voidTime != 0) expiringRecords--;
    return old;
  }

  /** Removes expired records, calling back for set accounting. */
  void reapExpired(long nowMillis, NamespaceStore ns) {
    if (expiringRecords == 0) return;
    Iterator<StoredRecord> it = records.values().iterator();
    while (it.hasNext()) {
      StoredRecord r = it.next();
      if (r.expiredAt(nowMillis)) {
        it.remove();
        expiringRecords--;
        ns.accountRemoved(r);
      }
    }
  }
}

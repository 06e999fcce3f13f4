package io.aeroshift.emulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The cluster-wide data of one namespace: 4096 partitions plus per-set accounting. Shared by all
 * nodes; which node answers for a partition is the partition map's business, not the store's.
 */
final class NamespaceStore {
  static final int PARTITIONS = 4096;

  final String name;
  final Partition[] partitions = new Partition[PARTITIONS];
  /** Per-set object and byte counts, updated under the partition lock of the changed record. */
  final Map<String, SetStats> sets = new ConcurrentHashMap<>();
  /** Per-set truncate time (ms since 1970) as reported by truncate_lut. */
  final Map<String, Long> truncateLut = new ConcurrentHashMap<>();
  volatile long namespaceTruncateLut;

  static final class SetStats {
    final String name;
    final AtomicLong objects = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();

    SetStats(String name) {
      this.name = name;
    }
  }

  NamespaceStore(String name) {
    this.name = name;
    for (int i = 0; i < PARTITIONS; i++) partitions[i] = new Partition(i);
  }

  Partition partition(byte[] digest) {
    return partitions[Wire.partitionId(digest)];
  }

  /** The canonical set-name string, so a million records share one String per set. */
  String internSet(String set) {
    return sets.computeIfAbsent(set, SetStats::new).name;
  }

  void accountAdded(StoredRecord r) {
    SetStats s = sets.computeIfAbsent(r.setName, SetStats::new);
    s.objects.incrementAndGet();
    s.bytes.addAndGet(r.storedSize());
  }

  void accountRemoved(StoredRecord r) {
    SetStats s = sets.computeIfAbsent(r.setName, SetStats::new);
    s.objects.decrementAndGet();
    s.bytes.addAndGet(-r.storedSize());
  }

  /** Stores r (caller holds the partition lock), keeping set accounting exact. */
  void store(Partition p, StoredRecord r) {
    StoredRecord old = p.put(r);
    if (old != null) accountRemoved(old);
    accountAdded(r);
  }

  StoredRecord delete(Partition p, byte[] digest) {
    StoredRecord old = p.remove(digest);
    if (old != null) accountRemoved(old);
    return old;
  }

  /** The nsup equivalent: drop expired records so counts never include them. */
  void reapExpired(long nowMillis) {
    for (Partition p : partitions) {
      synchronized (p) {
        p.reapExpired(nowMillis, this);
      }
    }
  }

  int[] liveCountsPerPartition(long nowMillis) {
    reapExpired(nowMillis);
    int[] counts = new int[PARTITIONS];
    for (Partition p : partitions) {
      synchronized (p) {
        counts[p.id] = p.records.size();
      }
    }
    return counts;
  }

  long objectCount(long nowMillis) {
    long n = 0;
    for (int c : liveCountsPerPartition(nowMillis)) n += c;
    return n;
  }

  long dataBytes() {
    long b = 0;
    for (SetStats s : sets.values()) b += s.bytes.get();
    return b;
  }

  /**
   * Deletes the records of one set (null = every set) last updated before {@code lutMillis}.
   * Returns the number removed.
   */
  long truncate(String set, long lutMillis) {
    long removed = 0;
    Predicate<StoredRecord> doomed = r -> (set == null || r.setName.equals(set)) && r.lastUpdateMillis < lutMillis;
    for (Partition p : partitions) {
      synchronized (p) {
        Iterator<StoredRecord> it = p.records.values().iterator();
        while (it.hasNext()) {
          StoredRecord r = it.next();
          if (doomed.test(r)) {
            it.remove();
            if (r.voidTime != 0) p.expiringRecords--;
            accountRemoved(r);
            removed++;
          }
        }
      }
    }
    if (set == null) namespaceTruncateLut = lutMillis;
    else truncateLut.put(set, lutMillis);
    return removed;
  }

  List<String> setNames() {
    List<String> names = new ArrayList<>();
    for (SetStats s : new TreeMap<>(sets).values()) {
      if (!s.name.isEmpty()) names.add(s.name);
    }
    return names;
  }
}

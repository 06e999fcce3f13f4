package io.aeroshift.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The cluster-wide data of one namespace: 4096 partitions plus per-set accounting. Shared by all
 * nodes; which node answers for a partition is the partition map's business, not the store's.
 */
final class NamespaceStore {
  /** The client's constant: it routes every command by partition, so the stand-in server must agree. */
  static final int PARTITIONS = com.aerospike.client.cluster.Node.PARTITIONS;

  final String name;
  final Partition[] partitions = new Partition[PARTITIONS];
  /** Per-set object and byte counts, updated under the partition lock of the changed record. */
  final Map<String, SetStats> sets = new ConcurrentHashMap<>();
  /** Per-set truncate time (ms since 1970) as reported by truncate_lut. */
  final Map<String, Long> truncateLut = new ConcurrentHashMap<>();
  volatile long namespaceTruncateLut;
  /** Where changes are kept on disk, or null for a store that lives in memory only (the usual case). */
  private volatile RecordJournal journal;

  static final class SetStats {
    final String name;
    final LongAdder objects = new LongAdder();
    final LongAdder bytes = new LongAdder();

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
    return setStats(set).name;
  }

  private SetStats setStats(String set) {
    SetStats s = sets.get(set);
    return s != null ? s : sets.computeIfAbsent(set, SetStats::new);
  }

  void accountAdded(StoredRecord r) {
    SetStats s = setStats(r.setName);
    s.objects.increment();
    s.bytes.add(r.storedSize());
  }

  void accountRemoved(StoredRecord r) {
    SetStats s = setStats(r.setName);
    s.objects.decrement();
    s.bytes.add(-r.storedSize());
  }

  /** Keeps this namespace's records in {@code file}: replays what it holds, then logs every change. */
  void keepOnDisk(java.nio.file.Path file) {
    journal = RecordJournal.open(file, this);
  }

  void closeJournal() {
    RecordJournal j = journal;
    if (j != null) j.close();
  }

  /** Stores r (caller holds the partition lock), keeping set accounting exact. */
  void store(Partition p, StoredRecord r) {
    RecordJournal j = journal;
    if (j != null) j.put(r);
    storeReplayed(p, r);
  }

  /** Stores r without logging it: the journal's own replay. */
  void storeReplayed(Partition p, StoredRecord r) {
    StoredRecord old = p.put(r);
    if (old != null) accountRemoved(old);
    accountAdded(r);
  }

  StoredRecord delete(Partition p, byte[] digest) {
    RecordJournal j = journal;
    if (j != null) j.delete(digest);
    return deleteReplayed(p, digest);
  }

  /** Deletes without logging: the journal's own replay. */
  StoredRecord deleteReplayed(Partition p, byte[] digest) {
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
        counts[p.id] = p.size();
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
    for (SetStats s : sets.values()) b += s.bytes.sum();
    return b;
  }

  /**
   * Deletes the records of one set (null = every set) last updated before {@code lutMillis}.
   * Returns the number removed.
   */
  long truncate(String set, long lutMillis) {
    RecordJournal j = journal;
    if (j != null) j.truncate(set, lutMillis);
    return truncateReplayed(set, lutMillis);
  }

  /** Truncates without logging: the journal's own replay. */
  long truncateReplayed(String set, long lutMillis) {
    long removed = 0;
    Predicate<StoredRecord> doomed = r -> (set == null || r.setName.equals(set)) && r.lastUpdateMillis < lutMillis;
    for (Partition p : partitions) {
      synchronized (p) {
        removed += p.removeIf(doomed, this::accountRemoved);
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

package io.aeroshift.validation;

import io.aeroshift.transfer.PartitionIds;
import io.aeroshift.transfer.RecordImage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.function.Consumer;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One side held in memory: records with a last-update time, optional read failures. */
final class InMemoryPartitionReader implements PartitionReader {

  record Stored(RecordImage image, long lastUpdateNanos) {}

  private final Map<Digests.Key, Stored> records = new ConcurrentHashMap<>();
  private final Set<Integer> failing = Collections.synchronizedSet(new HashSet<>());
  private volatile Random shuffle = new Random(0);

  void clear() {
    records.clear();
    failing.clear();
  }

  void put(RecordImage r, long lastUpdateNanos) {
    records.put(Digests.key(r.digest()), new Stored(r, lastUpdateNanos));
  }

  void remove(byte[] digest) {
    records.remove(Digests.key(digest));
  }

  Stored get(byte[] digest) {
    return records.get(Digests.key(digest));
  }

  void failPartition(int p) {
    failing.add(p);
  }

  /** Records are returned in an order that changes with this seed, as scans do between sides. */
  void shuffleWith(long seed) {
    shuffle = new Random(seed);
  }

  @Override
  public void read(String namespace, int partitionId, long cutoffNanos, boolean includeBins, Consumer<RecordImage> sink)
      throws PartitionUnreadableException {
    for (Stored s : partition(namespace, partitionId)) {
      if (cutoffNanos > 0 && s.lastUpdateNanos() > cutoffNanos) {
        continue;
      }
      RecordImage r = s.image();
      sink.accept(
          includeBins
              ? r
              : new RecordImage(r.namespace(), r.set(), r.digest(), r.userKey(), r.generation(), r.voidTime(), Map.of()));
    }
  }

  @Override
  public void changedAfter(String namespace, Collection<Integer> partitionIds, long cutoffNanos, Consumer<byte[]> digests)
      throws PartitionUnreadableException {
    for (int p : partitionIds) {
      for (Stored s : partition(namespace, p)) {
        if (s.lastUpdateNanos() > cutoffNanos) {
          digests.accept(s.image().digest());
        }
      }
    }
  }

  @Override
  public Set<Digests.Key> updatedAfter(String namespace, Collection<Digests.Key> keys, long limitNanos, int timeoutMillis)
      throws PartitionUnreadableException {
    Set<Digests.Key> after = new HashSet<>();
    for (Digests.Key k : keys) {
      Stored s = records.get(k);
      if (s != null && s.image().namespace().equals(namespace)) {
        if (failing.contains(PartitionIds.of(k.bytes()))) {
          throw new PartitionUnreadableException("partition " + PartitionIds.of(k.bytes()) + " unavailable (test)");
        }
        if (s.lastUpdateNanos() > limitNanos) {
          after.add(k);
        }
      }
    }
    return after;
  }

  private List<Stored> partition(String namespace, int partitionId) throws PartitionUnreadableException {
    if (failing.contains(partitionId)) {
      throw new PartitionUnreadableException("partition " + partitionId + " unavailable (test)");
    }
    List<Stored> part = new ArrayList<>();
    for (Stored s : records.values()) {
      if (PartitionIds.of(s.image().digest()) == partitionId && s.image().namespace().equals(namespace)) {
        part.add(s);
      }
    }
    synchronized (this) {
      Collections.shuffle(part, shuffle);
    }
    return part;
  }
}

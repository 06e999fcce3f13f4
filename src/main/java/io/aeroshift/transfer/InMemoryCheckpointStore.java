package io.aeroshift.transfer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A checkpoint store in memory: the CLI, tests, and a service without a state store. */
public final class InMemoryCheckpointStore implements CheckpointStore {

  private final Map<String, PassRecord> passes = new ConcurrentHashMap<>();
  private final Map<String, Map<Integer, PartitionCheckpoint>> partitions =
      new ConcurrentHashMap<>();
  /** Hex digest to generation, per (migration, switch, namespace, partition). Guarded by {@code this}. */
  private final Map<OwnKey, Map<String, Integer>> ownVersions = new HashMap<>();

  private record OwnKey(String migrationId, long switchNanos, String namespace, int partition) {}

  @Override
  public void savePass(PassRecord pass) {
    passes.put(passKey(pass.migrationId(), pass.pass()), pass);
  }

  @Override
  public Optional<PassRecord> pass(String migrationId, int pass) {
    return Optional.ofNullable(passes.get(passKey(migrationId, pass)));
  }

  @Override
  public List<PassRecord> passes(String migrationId) {
    List<PassRecord> result = new ArrayList<>();
    for (PassRecord p : passes.values()) {
      if (p.migrationId().equals(migrationId)) {
        result.add(p);
      }
    }
    result.sort(Comparator.comparingInt(PassRecord::pass));
    return result;
  }

  @Override
  public void save(PartitionCheckpoint checkpoint) {
    partitions
        .computeIfAbsent(
            passKey(checkpoint.migrationId(), checkpoint.pass()), k -> new ConcurrentHashMap<>())
        .put(checkpoint.partition(), checkpoint);
  }

  @Override
  public Map<Integer, PartitionCheckpoint> partitions(String migrationId, int pass) {
    Map<Integer, PartitionCheckpoint> m = partitions.get(passKey(migrationId, pass));
    return m == null ? Map.of() : new TreeMap<>(m);
  }

  @Override
  public synchronized void save(PartitionCheckpoint checkpoint, OwnVersionChanges changes) {
    CheckpointStore.requireSamePartition(checkpoint, changes);
    // under the lock, memory first: whoever sees the checkpoint sees the versions it covers
    if (!changes.isEmpty()) {
      Map<String, Integer> m = ownVersions.computeIfAbsent(new OwnKey(checkpoint.migrationId(),
          changes.switchNanos(), changes.namespace(), changes.partition()), k -> new HashMap<>());
      for (Map.Entry<String, Integer> e : changes.generations().entrySet()) {
        if (e.getValue() == OwnVersionChanges.FORGET) {
          m.remove(e.getKey());
        } else {
          m.put(e.getKey(), e.getValue());
        }
      }
    }
    save(checkpoint);
  }

  @Override
  public synchronized Map<String, Integer> ownVersions(
      String migrationId, long switchNanos, String namespace, int partition) {
    Map<String, Integer> m =
        ownVersions.get(new OwnKey(migrationId, switchNanos, namespace, partition));
    return m == null ? Map.of() : new TreeMap<>(m);
  }

  @Override
  public synchronized void forgetOwnVersions(String migrationId, long keepSwitchNanos) {
    ownVersions.keySet().removeIf(
        k -> k.migrationId().equals(migrationId) && k.switchNanos() != keepSwitchNanos);
  }

  private static String passKey(String migrationId, int pass) {
    return migrationId + "\u0000" + pass;
  }
}

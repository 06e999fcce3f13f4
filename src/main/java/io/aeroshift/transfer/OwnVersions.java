package io.aeroshift.transfer;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The post-switch generation memory of one partition while one worker copies it: for each record
 * this migration's engine wrote after the switch, the generation the server returned for that
 * write. After the switch, that generation is the only way to tell our own version of a record
 * (last-update time after the switch) from a client's write.
 *
 * <p>Loaded from the {@link CheckpointStore} when the partition starts and written back with each
 * checkpoint ({@link #takeChanges()}), so a restarted service knows what it wrote before. Only
 * post-switch writes are remembered; a later write of the same record replaces its entry, a
 * delete by the engine drops it. Not thread-safe: one partition has one worker.
 */
final class OwnVersions {

  private static final HexFormat HEX = HexFormat.of();

  private final long switchNanos;
  private final String namespace;
  private final int partition;
  private final Map<String, Integer> known;
  private final Map<String, Integer> changed = new HashMap<>();

  OwnVersions(long switchNanos, String namespace, int partition, Map<String, Integer> loaded) {
    this.switchNanos = switchNanos;
    this.namespace = namespace;
    this.partition = partition;
    this.known = new HashMap<>(loaded);
  }

  /** The generation our own latest post-switch write of {@code digest} got, if there was one. */
  OptionalInt generation(byte[] digest) {
    Integer g = known.get(HEX.formatHex(digest));
    return g == null ? OptionalInt.empty() : OptionalInt.of(g);
  }

  /**
   * Takes in the reply to an after-switch write. A written record with a generation becomes our
   * version; written without one (a sink that cannot tell), any older entry is stale and dropped.
   * Refused and in-doubt writes keep the entry: a refused one because a client's later delete of
   * our version must still refuse a re-creation (an absent record has generation 0), an in-doubt
   * one because our entry is still right if that attempt did not apply.
   */
  void record(byte[] digest, WriteReply reply) {
    if (reply.outcome() != WriteOutcome.WRITTEN) {
      return;
    }
    if (reply.generation() > 0) {
      put(HEX.formatHex(digest), reply.generation());
    } else {
      forget(digest);
    }
  }

  /** The engine deleted the record: nothing of ours is left to recognise. */
  void forget(byte[] digest) {
    String id = HEX.formatHex(digest);
    if (known.remove(id) != null) {
      changed.put(id, OwnVersionChanges.FORGET);
    }
  }

  private void put(String id, int generation) {
    Integer before = known.put(id, generation);
    if (before == null || before != generation) {
      changed.put(id, generation);
    }
  }

  boolean hasChanges() {
    return !changed.isEmpty();
  }

  /** The changes since the last call, to be saved with the checkpoint that covers them. */
  OwnVersionChanges takeChanges() {
    OwnVersionChanges out = new OwnVersionChanges(switchNanos, namespace, partition, changed);
    changed.clear();
    return out;
  }

  /** Puts changes back when their checkpoint could not be saved, so the next one carries them. */
  void restore(OwnVersionChanges unsaved) {
    for (Map.Entry<String, Integer> e : unsaved.generations().entrySet()) {
      changed.putIfAbsent(e.getKey(), e.getValue());
    }
  }
}

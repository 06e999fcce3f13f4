package io.aeroshift.transfer;

/**
 * Writes records to a target under a {@link WriteMode}. Implementations: {@link
 * AerospikeRecordSink} (one attempt per call, throws the client's exception) and {@link
 * GuardedSink} (rate limit, bounded concurrency, retries and classification around another sink).
 * The backup restore writes through a {@link GuardedSink} too, so it gets the same safe writes.
 */
public interface RecordSink {

  /**
   * Writes {@code image} with its remaining TTL and stored user key; returns {@link
   * WriteOutcome#SKIPPED_EXPIRED} for an expired record and {@link
   * WriteOutcome#REFUSED_CLIENT_WROTE} when the after-switch condition refuses it.
   */
  WriteOutcome write(RecordImage image, WriteMode mode);

  /**
   * Writes several records of one partition, in order; one outcome per record. The default writes
   * them one by one; a sink may use one batch request (all or nothing is retried: a replacing
   * write is idempotent).
   */
  default java.util.List<WriteOutcome> writeAll(java.util.List<RecordImage> images, WriteMode mode) {
    java.util.List<WriteOutcome> out = new java.util.ArrayList<>(images.size());
    for (RecordImage image : images) {
      out.add(write(image, mode));
    }
    return out;
  }

  /** Deletes a target record (reconciliation), conditionally after the switch. */
  WriteOutcome delete(String namespace, String set, byte[] digest, WriteMode mode);

  /**
   * A write that may recognise our own post-switch version of the record: after the switch,
   * {@code ownGeneration} (when present) is the generation our latest write of it got, and the
   * write applies only if the record still has exactly that generation; without it, only if the
   * record is missing or was last updated before the switch. The reply carries the generation the
   * server gave this write, so the caller can remember it.
   *
   * <p>The default serves sinks without generations (files, before the switch): it refuses a
   * generation condition it cannot honour rather than ignore it.
   */
  default WriteReply write(RecordImage image, WriteMode mode, java.util.OptionalInt ownGeneration) {
    requireNoGeneration(ownGeneration);
    return WriteReply.of(write(image, mode));
  }

  /** A reconciliation delete under the same condition as {@link #write(RecordImage, WriteMode,
   * java.util.OptionalInt)}. */
  default WriteOutcome delete(
      String namespace, String set, byte[] digest, WriteMode mode,
      java.util.OptionalInt ownGeneration) {
    requireNoGeneration(ownGeneration);
    return delete(namespace, set, digest, mode);
  }

  private void requireNoGeneration(java.util.OptionalInt ownGeneration) {
    if (ownGeneration.isPresent()) {
      throw new UnsupportedOperationException(getClass().getSimpleName()
          + " cannot make a write conditional on a record's generation");
    }
  }

  /**
   * False while the cluster behind this sink has no connected node (the client's "cluster is
   * empty"): the engine fails a pass that stays so past its deadline. Sources without a
   * cluster are always reachable.
   */
  default boolean reachable() {
    return true;
  }

  /** False when the cluster behind this sink does not serve {@code namespace}; true when unknown. */
  default boolean servesNamespace(String namespace) {
    return true;
  }
}

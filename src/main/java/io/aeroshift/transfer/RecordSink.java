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

  /** Deletes a target record (reconciliation), conditionally after the switch. */
  WriteOutcome delete(String namespace, String set, byte[] digest, WriteMode mode);
}

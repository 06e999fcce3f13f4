package io.aeroshift.transfer;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What is recorded about one partition of one pass: its state, the scan cursor inside it (the
 * digest of the last record whose write is known to be done) and its counts.
 *
 * @param migrationId the migration this belongs to
 * @param pass pass number, 1 = the full copy
 * @param partition partition id
 * @param state state
 * @param cursor last digest fully handled, or null to start from the beginning of the partition
 * @param records records written (or, in a reconcile pass, target digests examined)
 * @param bytes estimated bytes written
 * @param skippedExpired records not written because they had already expired
 * @param conflicts writes or deletes refused because a client wrote the target after the switch
 * @param deleted target-only records deleted (reconcile)
 * @param inDoubt writes that stayed in doubt after retries
 * @param failure the reason when {@link PartitionState#FAILED}, else null
 * @param updatedAt when this was recorded
 */
public record PartitionCheckpoint(
    String migrationId,
    int pass,
    int partition,
    PartitionState state,
    byte[] cursor,
    long records,
    long bytes,
    long skippedExpired,
    long conflicts,
    long deleted,
    long inDoubt,
    String failure,
    Instant updatedAt) {

  public PartitionCheckpoint {
    Objects.requireNonNull(migrationId, "migrationId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (cursor != null) {
      if (cursor.length != 20) {
        throw new IllegalArgumentException("cursor must be a 20-byte digest");
      }
      cursor = cursor.clone();
    }
    if (state == PartitionState.FAILED && (failure == null || failure.isBlank())) {
      throw new IllegalArgumentException("a failed partition needs a reason");
    }
  }

  @Override
  public byte[] cursor() {
    return cursor == null ? null : cursor.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PartitionCheckpoint c
        && migrationId.equals(c.migrationId)
        && pass == c.pass
        && partition == c.partition
        && state == c.state
        && Arrays.equals(cursor, c.cursor)
        && records == c.records
        && bytes == c.bytes
        && skippedExpired == c.skippedExpired
        && conflicts == c.conflicts
        && deleted == c.deleted
        && inDoubt == c.inDoubt
        && Objects.equals(failure, c.failure)
        && updatedAt.equals(c.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(migrationId, pass, partition, state);
  }
}

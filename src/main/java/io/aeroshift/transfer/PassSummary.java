package io.aeroshift.transfer;

import io.aeroshift.outcome.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The outcome of one pass: delta size and duration (the workflow decides from these when the
 * delta is small enough to cut over), counts, and every failed partition with its reason.
 *
 * @param migrationId migration
 * @param pass pass number
 * @param kind pass kind
 * @param sinceNanos catch-up lower bound, 0 for none
 * @param startedAt when the pass first started
 * @param duration wall time of this run of the pass
 * @param records records written (reconcile: target digests examined), all runs of the pass
 * @param bytes estimated bytes written
 * @param skippedExpired records skipped as already expired
 * @param conflicts writes/deletes refused after the switch because a client wrote the record
 * @param deleted target-only records deleted
 * @param inDoubt writes left in doubt
 * @param partitionsTotal partitions in the pass
 * @param partitionsDone partitions completed
 * @param failures failed partitions with their reasons
 * @param stopped true when the engine was stopped before the pass ended
 * @param failure why the whole pass ended early (a side unreachable past the deadline, the
 *     namespace missing), or null; per-partition failures are in {@code failures}
 */
public record PassSummary(
    String migrationId,
    int pass,
    PassKind kind,
    long sinceNanos,
    Instant startedAt,
    Duration duration,
    long records,
    long bytes,
    long skippedExpired,
    long conflicts,
    long deleted,
    long inDoubt,
    int partitionsTotal,
    int partitionsDone,
    SortedMap<Integer, String> failures,
    boolean stopped,
    Failure failure) {

  public PassSummary {
    failures = new TreeMap<>(failures);
  }

  @Override
  public SortedMap<Integer, String> failures() {
    return new TreeMap<>(failures);
  }

  /** True when every partition of the pass completed. */
  public boolean complete() {
    return !stopped && failure == null && failures.isEmpty() && partitionsDone == partitionsTotal;
  }

  static PassSummary of(
      PassRecord pass, Duration duration, Map<Integer, PartitionCheckpoint> cps, int total,
      boolean stopped, Failure failure) {
    long records = 0, bytes = 0, expired = 0, conflicts = 0, deleted = 0, inDoubt = 0;
    int done = 0;
    SortedMap<Integer, String> failures = new TreeMap<>();
    for (PartitionCheckpoint c : cps.values()) {
      records += c.records();
      bytes += c.bytes();
      expired += c.skippedExpired();
      conflicts += c.conflicts();
      deleted += c.deleted();
      inDoubt += c.inDoubt();
      if (c.state() == PartitionState.DONE) {
        done++;
      } else if (c.state() == PartitionState.FAILED) {
        failures.put(c.partition(), c.failure());
      }
    }
    return new PassSummary(pass.migrationId(), pass.pass(), pass.kind(), pass.sinceNanos(),
        pass.startedAt(), duration, records, bytes, expired, conflicts, deleted, inDoubt, total,
        done, failures, stopped, failure);
  }
}

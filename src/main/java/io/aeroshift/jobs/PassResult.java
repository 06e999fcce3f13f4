package io.aeroshift.jobs;

import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.transfer.PassSummary;
import java.time.Instant;

/**
 * One finished (or stopped) step of a copy run, as kept with the run.
 *
 * @param pass the copy engine's pass number; 0 for the file stages BACKUP and RESTORE
 * @param stage which step
 * @param startedAt when the pass first started
 * @param durationMillis wall time of its last run
 * @param records records written (RECONCILE: target digests examined; BACKUP: records in files)
 * @param bytes estimated bytes written (0 for RESTORE)
 * @param skippedExpired records skipped as already expired
 * @param conflicts writes/deletes refused because a client wrote the target after the switch
 * @param deleted target-only records deleted
 * @param inDoubt writes left in doubt
 * @param partitionsTotal partitions of the pass (0 for RESTORE: it works by file)
 * @param partitionsDone partitions completed
 * @param partitionsFailed partitions failed
 * @param complete every partition (file) completed
 * @param failure the first failure (typed: INCOMPLETE for a failed partition, STOPPED), or null
 */
public record PassResult(
    int pass,
    CopyStage stage,
    Instant startedAt,
    long durationMillis,
    long records,
    long bytes,
    long skippedExpired,
    long conflicts,
    long deleted,
    long inDoubt,
    int partitionsTotal,
    int partitionsDone,
    int partitionsFailed,
    boolean complete,
    Failure failure) {

  static PassResult of(CopyStage stage, PassSummary s) {
    Instant at = s.startedAt().plus(s.duration());
    Failure first = s.failures().isEmpty() ? (s.stopped() ? Failure.of(FailureReason.STOPPED, "stopped", at) : null)
        : Failure.of(FailureReason.INCOMPLETE,
            "partition " + s.failures().firstKey() + ": " + s.failures().get(s.failures().firstKey()), at);
    return new PassResult(stage == CopyStage.BACKUP ? 0 : s.pass(), stage, s.startedAt(), s.duration().toMillis(),
        s.records(), s.bytes(), s.skippedExpired(), s.conflicts(), s.deleted(), s.inDoubt(), s.partitionsTotal(),
        s.partitionsDone(), s.failures().size(), s.complete(), first);
  }
}

package io.aeroshift.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aeroshift.outcome.Failure;
import io.aeroshift.transfer.CopyProgress;
import java.time.Instant;
import java.util.List;

/**
 * A copy run as {@code /api/v1/copies} shows it: the stored run, with the running step's live
 * figures when it runs here, else the last step's. Field names and types are the API's contract
 * (docs/api.md); {@code failure} stays the text it always was, the typed failure is beside it
 * ({@code failureReason}, {@code errorClass}).
 */
public record CopyRunView(
    String id,
    String source,
    String target,
    String namespace,
    @JsonInclude(JsonInclude.Include.NON_NULL) String set,
    String mode,
    @JsonInclude(JsonInclude.Include.NON_NULL) String plan,
    String state,
    int attempts,
    String stage,
    int pass,
    long records,
    long bytes,
    long skippedExpired,
    long conflicts,
    long deleted,
    long inDoubt,
    double rate,
    long estimatedTotal,
    double fractionDone,
    String eta,
    Double etaSeconds,
    Partitions partitions,
    RateLimits rateLimits,
    @JsonInclude(JsonInclude.Include.NON_NULL) Backup backup,
    List<PassView> passes,
    String createdBy,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String failure,
    @JsonInclude(JsonInclude.Include.NON_NULL) String failureReason,
    @JsonInclude(JsonInclude.Include.NON_NULL) String errorClass) {

  /** Partitions of the current (or last) pass. */
  public record Partitions(int total, int done, int failed, int running) {}

  /** Records and bytes per second in force; 0 = unlimited. */
  public record RateLimits(long recordsPerSecond, long bytesPerSecond) {}

  /** The backup files of a BACKUP_RESTORE run (never the key file's content). */
  public record Backup(String dir, String compress, String encrypt, boolean compact, long fileLimitMiB) {}

  /** One finished (or stopped) step, as {@link PassResult} with the failure as text plus its type. */
  public record PassView(
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
      String failure,
      @JsonInclude(JsonInclude.Include.NON_NULL) String failureReason,
      @JsonInclude(JsonInclude.Include.NON_NULL) String errorClass) {

    static PassView of(PassResult p) {
      Failure f = p.failure();
      return new PassView(p.pass(), p.stage(), p.startedAt(), p.durationMillis(), p.records(), p.bytes(),
          p.skippedExpired(), p.conflicts(), p.deleted(), p.inDoubt(), p.partitionsTotal(), p.partitionsDone(),
          p.partitionsFailed(), p.complete(), f == null ? null : f.detail(), f == null ? null : f.reason().name(),
          f == null ? null : f.errorClass().name());
    }
  }

  /** The view of an observed run: live figures of the running step, else those of the last step. */
  public static CopyRunView of(CopyRunService.Observed o) {
    CopyRun run = o.run();
    CopyRunSpec s = run.spec();
    LiveProgress live = o.live().orElse(null);
    PassResult last = run.lastPass();
    CopyStage stage = live != null ? live.stage() : run.stage();
    int pass;
    long records, bytes, expired, conflicts, deleted, inDoubt, estimatedTotal;
    double rate, fraction;
    String eta;
    Double etaSeconds;
    Partitions partitions;
    if (live != null) {
      CopyProgress p = live.progress();
      pass = p.pass();
      records = p.records();
      bytes = p.bytes();
      expired = p.skippedExpired();
      conflicts = p.conflicts();
      deleted = p.deleted();
      inDoubt = p.inDoubt();
      rate = p.recordsPerSecond();
      estimatedTotal = p.estimatedTotal();
      fraction = p.fractionDone();
      eta = p.eta() == null ? null : p.eta().toString();
      etaSeconds = p.eta() == null ? null : p.eta().toMillis() / 1000.0;
      partitions = new Partitions(p.partitionsTotal(), p.partitionsDone(), p.partitionsFailed(), p.partitionsRunning());
    } else {
      boolean succeeded = run.state() == CopyRunState.SUCCEEDED;
      pass = last == null ? 0 : last.pass();
      records = last == null ? 0 : last.records();
      bytes = last == null ? 0 : last.bytes();
      expired = last == null ? 0 : last.skippedExpired();
      conflicts = last == null ? 0 : last.conflicts();
      deleted = last == null ? 0 : last.deleted();
      inDoubt = last == null ? 0 : last.inDoubt();
      rate = 0.0;
      estimatedTotal = 0;
      fraction = run.fractionDoneByPasses();
      eta = succeeded ? "PT0S" : null;
      etaSeconds = succeeded ? 0.0 : null;
      partitions = last == null ? new Partitions(0, 0, 0, 0)
          : new Partitions(last.partitionsTotal(), last.partitionsDone(), last.partitionsFailed(), 0);
    }
    RateLimits limits = live != null ? new RateLimits(live.recordsPerSecondLimit(), live.bytesPerSecondLimit())
        : new RateLimits(run.recordsPerSecond(), run.bytesPerSecond());
    BackupSpec b = s.backup();
    Backup backup = b == null ? null : new Backup(b.dir(), b.compress(), b.encrypt(), b.compact(), b.fileLimitMiB());
    Failure f = run.failure();
    return new CopyRunView(run.id(), s.source(), s.target(), s.namespace(), s.set(), s.mode().name(), s.plan(),
        run.state().name(), run.attempts(), stage == null ? null : stage.name(), pass, records, bytes, expired,
        conflicts, deleted, inDoubt, rate, estimatedTotal, fraction, eta, etaSeconds, partitions, limits, backup,
        run.passes().stream().map(PassView::of).toList(), s.createdBy(), s.createdAt(), run.startedAt(),
        run.finishedAt(), f == null ? null : f.detail(), f == null ? null : f.reason().name(),
        f == null ? null : f.errorClass().name());
  }
}

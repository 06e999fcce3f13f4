package io.aeroshift.workflow.migration;

import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.workflow.machine.JobKind;
import io.aeroshift.workflow.machine.JobView;
import io.aeroshift.workflow.machine.Migration;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cutover steps until the cutover issue (14) builds them: every step fails, typed
 * ({@link FailureReason#NOT_IMPLEMENTED}), and says that nothing was changed.
 */
public final class NotBuiltCutoverSteps implements CutoverSteps {
  private final Clock clock;
  private final Map<String, JobView> ended = new ConcurrentHashMap<>();

  public NotBuiltCutoverSteps(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void start(Migration m, MigrationPlan plan, String jobId, JobKind kind) {
    ended.computeIfAbsent(jobId, id -> JobView.failed(id, Failure.of(FailureReason.NOT_IMPLEMENTED, kind
        + " executor is not built yet (cutover issue); nothing was changed", clock.instant())));
  }

  @Override
  public JobView observe(String jobId) {
    return ended.getOrDefault(jobId, JobView.unknown(jobId));
  }

  @Override
  public void stop(String jobId) {
    // nothing runs
  }

  @Override
  public Set<String> running() {
    return Set.of();
  }

  @Override
  public void close() {
    ended.clear();
  }
}

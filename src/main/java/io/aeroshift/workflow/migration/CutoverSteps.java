package io.aeroshift.workflow.migration;

import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.workflow.machine.JobKind;
import io.aeroshift.workflow.machine.JobView;
import io.aeroshift.workflow.machine.Migration;
import java.util.Set;

/**
 * The cutover issue's executors (CLIENT_SWITCH, DRAIN, ROLLBACK) as the workflow's job adapter
 * reaches them: one collaborator, apart from the copy and validation jobs of the job runner, so the
 * cutover work plugs in here without touching the adapter. Same contract as {@link MigrationJobs}:
 * a start is idempotent for its job id, a job unknown here observes as UNKNOWN.
 */
public interface CutoverSteps extends AutoCloseable {
  void start(Migration m, MigrationPlan plan, String jobId, JobKind kind);

  /** The step as this process knows it; {@link JobView.JobState#UNKNOWN} when it does not. */
  JobView observe(String jobId);

  /** Stops a step; a no-op for one not running here. */
  void stop(String jobId);

  /** Migrations with a step running in this process. */
  Set<String> running();

  @Override
  void close();
}

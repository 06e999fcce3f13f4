package io.aeroshift.workflow.migration;

import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.workflow.machine.JobKind;
import io.aeroshift.workflow.machine.JobView;
import io.aeroshift.workflow.machine.Migration;
import java.util.Set;

/**
 * The long operations of a migration as the reconciler uses them: start a copy pass of a kind,
 * start a validation, start a cutover step, stop one, observe one. Every start is idempotent for
 * its job id (a job already running here is left alone; one unknown here is started and resumes
 * from its checkpoints). Kept small so the switch to the shared job runner (issue 12 A) is local
 * to the adapter.
 */
public interface MigrationJobs extends AutoCloseable {
  void startCopy(Migration m, MigrationPlan plan, String jobId, JobKind kind, long recordsPerSecond,
      long bytesPerSecond);

  void startValidation(Migration m, MigrationPlan plan, String jobId);

  /** CLIENT_SWITCH, DRAIN or ROLLBACK: the cutover issue's executors. */
  void startCutoverStep(Migration m, MigrationPlan plan, String jobId, JobKind kind);

  /**
   * An XDR copy job's replication as last observed (the worst of its namespaces' runs: blocked
   * before catching up before ready, the largest lag); empty while a run has not reported.
   */
  java.util.Optional<io.aeroshift.transfer.xdr.XdrMonitor.Observation> xdr(String jobId);

  /** Tears down an XDR copy job after the drain; its runs end SUCCEEDED. A no-op for runs not running here. */
  void finishXdr(String jobId);

  /** Stops a job, keeping its checkpoints; a no-op for a job not running here. */
  void stop(String jobId);

  /** The job as this process knows it; {@link JobView.JobState#UNKNOWN} when it does not. */
  JobView observe(String jobId);

  /** True when a backup directory that a BACKUP_RESTORE copy of {@code m} created is still on disk. */
  boolean backupsLeft(Migration m);

  /**
   * Removes the backup directories the BACKUP_RESTORE copies of {@code m} created, and nothing else:
   * only those directories, only under the workflow's backup directory; one whose run still works
   * in this process is left for a later call. Idempotent: what is gone already is skipped.
   */
  void removeBackups(Migration m);

  /** Migrations with a job running in this process (their leases are renewed). */
  Set<String> running();

  /** Service stop: the work stops, the jobs stay resumable (they are UNKNOWN to the next process). */
  @Override
  void close();
}

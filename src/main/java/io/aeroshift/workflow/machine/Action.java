package io.aeroshift.workflow.machine;

/**
 * What a step asks the reconciler to do after its new state is saved. Every action is idempotent
 * (its job id is stored before it runs), so running one again after a restart does no harm.
 * Sealed over records so the cutover's actions can be added beside these.
 */
public sealed interface Action {
  /** Apply the plan's AerospikeCluster (create, or patch to the plan; a no-op when it matches). */
  record ApplyTarget() implements Action {}

  /** Start (or resume from checkpoints) a copy job: the full copy or one delta pass. */
  record StartCopy(String jobId, JobKind kind, long recordsPerSecond, long bytesPerSecond) implements Action {}

  /** Start a validation with the plan's suite. */
  record StartValidation(String jobId) implements Action {}

  /** Tear down an XDR copy after the drain (its job then ends SUCCEEDED): nothing stays configured on the source. */
  record FinishXdr(String jobId) implements Action {}

  /** Stop a running job, keeping its checkpoints (an XDR copy is torn down). */
  record StopJob(String jobId) implements Action {}

  /**
   * Remove the backup directories the migration's BACKUP_RESTORE copies created (a final migration
   * needs them no more); those of a run still working are left for the next step.
   */
  record RemoveBackups() implements Action {}

  /** Switch the clients to the target (executor: the cutover issue). */
  record SwitchClients(String jobId) implements Action {}

  /** Drain the source after the switch (executor: the cutover issue). */
  record Drain(String jobId) implements Action {}

  /** Re-point clients to the source and replay target-side changes (executor: the cutover issue). */
  record RollBack(String jobId) implements Action {}
}

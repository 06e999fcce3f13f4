package io.aeroshift.workflow.machine;

import io.aeroshift.transfer.xdr.XdrMonitor;
import java.util.Objects;

/**
 * What the reconciler observed before a step.
 *
 * @param target the target AerospikeCluster
 * @param job the migration's current job, null when it has none
 * @param wave what its wave allows now
 * @param xdrJob an XDR plan's copy job ({@link PhaseMachine#xdrJobId}) from COPYING to the drain, else null
 * @param xdr that job's last observation of every source node's XDR statistics, else null
 * @param backupsLeft a final migration: backup directories its BACKUP_RESTORE copies created are
 *     still on disk (observed only in a final phase; false otherwise)
 */
public record Observations(TargetState target, JobView job, WaveGate wave, JobView xdrJob,
    XdrMonitor.Observation xdr, boolean backupsLeft) {
  public Observations {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(wave, "wave");
  }

  public Observations(TargetState target, JobView job, WaveGate wave) {
    this(target, job, wave, null, null, false);
  }

  public Observations(TargetState target, JobView job, WaveGate wave, JobView xdrJob, XdrMonitor.Observation xdr) {
    this(target, job, wave, xdrJob, xdr, false);
  }

  /** The same observations, with whether backup directories of the migration are left. */
  public Observations withBackupsLeft(boolean value) {
    return new Observations(target, job, wave, xdrJob, xdr, value);
  }
}

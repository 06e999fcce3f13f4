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
 */
public record Observations(TargetState target, JobView job, WaveGate wave, JobView xdrJob,
    XdrMonitor.Observation xdr) {
  public Observations {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(wave, "wave");
  }

  public Observations(TargetState target, JobView job, WaveGate wave) {
    this(target, job, wave, null, null);
  }
}

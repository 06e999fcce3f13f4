package io.aeroshift.workflow.machine;

import java.util.Objects;

/**
 * What the reconciler observed before a step.
 *
 * @param target the target AerospikeCluster
 * @param job the migration's current job, null when it has none
 * @param wave what its wave allows now
 */
public record Observations(TargetState target, JobView job, WaveGate wave) {
  public Observations {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(wave, "wave");
  }
}

package io.aeroshift.workflow.migration;

import io.aeroshift.discovery.ConnectionSpec;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.TargetState;

/** The migration's target AerospikeCluster: apply it, see how it is, reach it. */
public interface TargetClusters {
  /** Applies the plan's AerospikeCluster (create, patch, or nothing when it matches). */
  void apply(Migration m, MigrationPlan plan);

  TargetState observe(Migration m, MigrationPlan plan);

  /** How to reach the ready target (its endpoints, and the admin user when security is on). */
  ConnectionSpec connection(Migration m, MigrationPlan plan);
}

package io.aeroshift.plans;

import io.aeroshift.planning.CopyMode;
import io.aeroshift.planning.MigrationPlan;

/**
 * A plan as {@code GET /api/v1/plans} lists it (and {@code POST} answers it). Field names are the
 * API's contract.
 */
public record PlanSummary(
    String name,
    String team,
    String sourceCluster,
    String wave,
    CopyMode copyMode,
    String targetNamespace,
    String targetCluster,
    String image) {

  public static PlanSummary of(MigrationPlan p) {
    return new PlanSummary(p.name(), p.team(), p.source().cluster(), p.wave(), p.copy().mode(),
        p.target().kubernetesNamespace(), p.target().clusterName(), p.target().image());
  }
}

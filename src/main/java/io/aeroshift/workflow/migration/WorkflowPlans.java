package io.aeroshift.workflow.migration;

import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.workflow.machine.PlanSettings;
import java.time.Duration;

/** The plan's settings as the phase machine reads them, with the service's limits. */
public final class WorkflowPlans {
  private WorkflowPlans() {}

  /**
   * Service-wide limits that plans do not set.
   *
   * @param maxCatchUpPasses delta passes without converging before STALLED
   * @param provisioningTimeout how long AKO may take
   */
  public record Limits(int maxCatchUpPasses, Duration provisioningTimeout) {}

  public static PlanSettings settings(MigrationPlan p, Limits limits) {
    MigrationPlan.CutoverSpec c = p.cutover();
    MigrationPlan.RateLimits r = p.copy() == null ? null : p.copy().rateLimits();
    return new PlanSettings(c.maxLagSeconds(), Duration.ofMinutes(c.validationMaxAgeMinutes()),
        limits.maxCatchUpPasses(), limits.provisioningTimeout(), r == null ? 0 : r.recordsPerSecond(),
        r == null ? 0 : r.bytesPerSecond(), c.rollbackOnValidationFailure());
  }
}

package io.aeroshift.workflow.machine;

import java.time.Duration;

/**
 * The plan's thresholds the phase machine decides with.
 *
 * @param maxLagSeconds {@code cutover.maxLagSeconds}: catch-up ends when a delta pass took at most
 *     this long and its delta copies in at most this long; cutover is blocked above it
 * @param validationMaxAge {@code cutover.validationMaxAgeMinutes}: evidence older than this is stale
 * @param maxCatchUpPasses {@code cutover.maxCatchUpPasses}: delta passes that did not converge
 *     before the migration fails as STALLED
 * @param provisioningTimeout how long AKO may take to make the target ready
 * @param recordsPerSecond the plan's copy limit, 0 = none
 * @param bytesPerSecond the plan's copy limit, 0 = none
 * @param rollbackOnValidationFailure {@code cutover.rollbackOnValidationFailure}: a failed final
 *     validation after the drain rolls back by itself instead of failing
 */
public record PlanSettings(long maxLagSeconds, Duration validationMaxAge, int maxCatchUpPasses,
    Duration provisioningTimeout, long recordsPerSecond, long bytesPerSecond, boolean rollbackOnValidationFailure) {

  public PlanSettings(long maxLagSeconds, Duration validationMaxAge, int maxCatchUpPasses,
      Duration provisioningTimeout, long recordsPerSecond, long bytesPerSecond) {
    this(maxLagSeconds, validationMaxAge, maxCatchUpPasses, provisioningTimeout, recordsPerSecond, bytesPerSecond,
        false);
  }
}

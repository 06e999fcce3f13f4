package io.aeroshift.cutover;

import io.aeroshift.outcome.Failure;

/** The catch-up did not get under the plan's lag threshold: nothing was switched. */
public final class LagCheckFailedException extends RuntimeException {
  private final transient Failure failure;

  public LagCheckFailedException(Failure failure) {
    super(failure.describe());
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}

package io.aeroshift.jobs;

import io.aeroshift.outcome.Failure;

/** A run cannot go on, for a reason already typed (thrown by connectors and steps, stored by the runner). */
public final class RunFailedException extends RuntimeException {
  private final transient Failure failure;

  public RunFailedException(Failure failure, Throwable cause) {
    super(failure.detail(), cause);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}

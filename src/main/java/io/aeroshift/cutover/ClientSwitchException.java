package io.aeroshift.cutover;

import io.aeroshift.outcome.Failure;

/** A switch that failed, or whose outcome is not known; carries the typed failure. */
public final class ClientSwitchException extends RuntimeException {
  private final transient Failure failure;

  public ClientSwitchException(Failure failure, Throwable cause) {
    super(failure.describe(), cause);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}

package io.aeroshift.jobs;

/** A request that does not fit the run's state, such as stopping a run that is not running (409 at the API). */
public final class RunStateConflict extends RuntimeException {
  public RunStateConflict(String message) {
    super(message);
  }
}

package io.aeroshift.jobs;

/**
 * A save of a run whose lease another runner holds now: that runner took the run over (this one
 * did not renew in time, or a migration's reconciler moved it). Nothing was saved; the runner
 * that gets this stops its work on the run without ending it.
 */
public final class RunLeaseLost extends RuntimeException {
  public RunLeaseLost(String id, String holder) {
    super("run " + id + " is leased by " + holder + " now: taken over by another runner");
  }
}

package io.aeroshift.jobs;

/** A save of a run read at an older version than the stored one (optimistic concurrency): nothing was saved. */
public final class ConcurrentRunChange extends RuntimeException {
  public ConcurrentRunChange(String id, long version) {
    super("run " + id + " changed since it was read at version " + version);
  }
}

package io.aeroshift.workflow.migration;

/** A save lost its lease or its version (another reconciler acted since): the step is dropped. */
public final class StaleMigrationException extends RuntimeException {
  public StaleMigrationException(String id, long version) {
    super("migration " + id + " changed since version " + version + " or its lease was lost");
  }
}

package io.aeroshift.events;

import java.util.List;

/**
 * Read-only view of the workflow's stored migrations, for the meters ({@link MigrationMeters}).
 * The workflow provides the implementation over its store; until it does, {@link NoMigrations}
 * answers an empty list.
 */
public interface MigrationStatusSource {

  /** Every migration the workflow keeps, in any phase. */
  List<MigrationStatus> migrations();
}

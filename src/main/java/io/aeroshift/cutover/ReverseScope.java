package io.aeroshift.cutover;

import io.aeroshift.transfer.CheckpointStore;
import io.aeroshift.transfer.CopyEngine;
import java.util.Objects;

/**
 * One namespace (or set) copied back to the source by a rollback.
 *
 * @param engine a copy engine reading the target and writing the source, under its own migration id
 * @param store that engine's checkpoint store
 * @param reverseMigrationId the engine's migration id (passes are numbered per id, apart from the
 *     forward copy's)
 * @param namespace the namespace
 * @param set the set, null for the whole namespace
 */
public record ReverseScope(CopyEngine engine, CheckpointStore store, String reverseMigrationId, String namespace,
    String set) {
  public ReverseScope {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(reverseMigrationId, "reverseMigrationId");
    Objects.requireNonNull(namespace, "namespace");
  }

  /** The reverse migration id for a migration. */
  public static String reverseIdOf(String migrationId) {
    return migrationId + "~rollback";
  }
}

package io.aeroshift.cutover;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One switch of the clients' seed list.
 *
 * @param migrationId the migration
 * @param direction to the target (cutover) or back to the source (rollback)
 * @param fromSeeds the seeds the clients use now, {@code host:port}
 * @param toSeeds the seeds they must use, {@code host:port}
 * @param switchAt the switch instant stored before the switch started (the point of no return)
 */
public record SwitchRequest(
    String migrationId, Direction direction, List<String> fromSeeds, List<String> toSeeds, Instant switchAt) {

  /** Which way the clients move. */
  public enum Direction {
    TO_TARGET,
    BACK_TO_SOURCE
  }

  public SwitchRequest {
    Objects.requireNonNull(migrationId, "migrationId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(switchAt, "switchAt");
    fromSeeds = List.copyOf(fromSeeds);
    toSeeds = List.copyOf(toSeeds);
    if (toSeeds.isEmpty()) {
      throw new IllegalArgumentException("a switch needs at least one seed to switch to");
    }
  }

  /** The seed list as clients read it: comma-separated {@code host:port}. */
  public String toSeedList() {
    return String.join(",", toSeeds);
  }
}

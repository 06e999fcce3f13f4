package io.aeroshift.workflow.machine;

import java.time.Instant;
import java.util.Objects;

/**
 * A command as stored by the API, waiting for the next step.
 *
 * @param seq its order of arrival
 * @param migrationId the migration
 * @param command what was asked
 * @param by who asked
 * @param at when
 * @param reason the user's words, or null
 */
public record StoredCommand(long seq, String migrationId, Command command, String by, Instant at, String reason) {
  public StoredCommand {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
  }
}

package io.aeroshift.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened to a migration or a wave, as stored in the outbox and sent to watchers.
 *
 * @param type what kind of event (TRANSITION, COMMAND, MILESTONE, ...)
 * @param migrationId the migration, null for a wave-only event
 * @param team the owning team (owners see only their team's events), null for a wave-only event
 * @param wave the wave, null when the migration is in none
 * @param from phase before a transition, else null
 * @param to phase after a transition, else null
 * @param command the command stored or consumed, else null
 * @param by who caused it (a user name, or "aeroshift" for the reconciler)
 * @param reason why, in words, or null
 * @param at when it happened
 * @param data further fields (progress figures, validation id, failure), never a secret
 */
public record MigrationEvent(
    String type,
    String migrationId,
    String team,
    String wave,
    String from,
    String to,
    String command,
    String by,
    String reason,
    Instant at,
    Map<String, Object> data) {

  public MigrationEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    data = data == null ? Map.of() : Map.copyOf(data);
  }
}

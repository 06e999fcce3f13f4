package io.aeroshift.workflow.migration;

import java.time.Instant;

/**
 * One line of a migration's history: a transition, a command (stored, taken or refused) or a
 * milestone.
 *
 * @param kind TRANSITION, COMMAND or MILESTONE
 * @param from phase before (transitions), else null
 * @param to phase after (transitions), else null
 * @param command the command, else null
 * @param by who (a user, or {@code aeroshift})
 * @param at when
 * @param reason why, in words
 */
public record HistoryEntry(long seq, String kind, String from, String to, String command, String by, Instant at,
    String reason) {}

package io.aeroshift.events;

/** An event as read back from the outbox, with its sequence number (the SSE event id). */
public record StoredEvent(long seq, MigrationEvent event) {}

package io.aeroshift.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code aeroshift.events.*}: the outbox relay, the recent-events ring and the event stream (docs/events.md). */
@ConfigMapping(prefix = "aeroshift.events")
public interface EventsConfig {
  /** Events kept in memory for late subscribers. */
  @WithDefault("1024")
  int recent();

  /** How long a missing outbox sequence number is waited for before the relay moves on. */
  @WithDefault("PT0S")
  Duration gapGrace();

  /** The longest a gap is held while a transaction that could fill it is still open. */
  @WithDefault("PT2M")
  Duration gapMaxHold();

  /** How long the relay waits for the channel to acknowledge a batch. */
  @WithDefault("PT10S")
  Duration publishTimeout();

  /** Outbox rows relayed per round. */
  @WithDefault("256")
  int batch();

  /** How often an event stream looks for new events. */
  @WithDefault("PT0.25S")
  Duration streamPoll();

  /** Quiet time after which an event stream sends a heartbeat. */
  @WithDefault("PT15S")
  Duration heartbeat();

  /** Relay period; read by {@code OutboxRelay}'s {@code @Scheduled} expression, declared here to be typed and listed. */
  @WithDefault("0.2s")
  String relayInterval();

  /**
   * How long relayed events stay in the outbox: an event stream can resume (Last-Event-ID) from
   * any event younger than this; older relayed events are deleted. Unrelayed events are never.
   */
  @WithDefault("P7D")
  Duration retention();

  /** How often relayed events older than the retention are deleted; read by {@code OutboxPurge}'s {@code @Scheduled} expression. */
  @WithDefault("10m")
  String purgeInterval();

  Meters meters();

  /** The relay reports DOWN (health group events, reason STALLED) after this long without progress. */
  @WithDefault("PT3M")
  Duration stallAfter();

  /** {@code aeroshift.events.meters.*}. */
  interface Meters {
    /** Refresh period of the migration meters; read by {@code MigrationMeters}'s {@code @Scheduled} expression. */
    @WithDefault("5s")
    String refresh();
  }
}

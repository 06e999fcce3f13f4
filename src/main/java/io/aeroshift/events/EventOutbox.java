package io.aeroshift.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The outbox table {@code event_outbox} ({@code V50__event_outbox.sql}). {@link #append} joins the
 * caller's transaction (it refuses to run without one), so an event exists exactly when the state
 * change it describes was committed.
 */
@ApplicationScoped
public class EventOutbox {

  private static final String INSERT = "INSERT INTO event_outbox (event_type, migration_id, team, wave, created_at,"
      + " payload) VALUES (?, ?, ?, ?, ?, ?)";
  private static final String AFTER = "SELECT seq, payload FROM event_outbox WHERE seq > ? ORDER BY seq";
  private static final String BETWEEN = "SELECT seq, payload FROM event_outbox WHERE seq > ? AND seq <= ? ORDER BY seq";
  private static final Object TICKET_KEY = new Object();

  @Inject
  DataSource dataSource;

  @Inject
  TransactionSynchronizationRegistry transactions;

  @Inject
  InFlightAppends inFlight;

  /** Stores the event in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void append(MigrationEvent event) {
    String payload = EventJson.write(event);
    registerInFlight();
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(INSERT)) {
      ps.setString(1, event.type());
      ps.setString(2, event.migrationId());
      ps.setString(3, event.team());
      ps.setString(4, event.wave());
      ps.setObject(5, event.at().atOffset(ZoneOffset.UTC));
      ps.setString(6, payload);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store event " + event.type(), e);
    }
  }

  /** Committed events with a sequence number above {@code seq}, oldest first, at most {@code limit}. */
  public List<StoredEvent> after(long seq, int limit) {
    return read(AFTER, seq, null, limit);
  }

  /**
   * Deletes the events created before {@code before} whose seq is at most {@code relayedUpTo}
   * (relayed: an event still to be relayed is kept whatever its age); returns how many.
   */
  public int purge(Instant before, long relayedUpTo) {
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(
        "DELETE FROM event_outbox WHERE created_at < ? AND seq <= ?")) {
      ps.setObject(1, before.atOffset(ZoneOffset.UTC));
      ps.setLong(2, relayedUpTo);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot purge events before " + before, e);
    }
  }

  /**
   * The position after which the last {@code count} committed events up to {@code upTo} follow; 0
   * when there are fewer (what the retention purged is gone either way).
   */
  public long positionBefore(long upTo, int count) {
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(
        "SELECT seq FROM event_outbox WHERE seq <= ? ORDER BY seq DESC LIMIT 1 OFFSET ?")) {
      ps.setLong(1, upTo);
      ps.setInt(2, count - 1);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) - 1 : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot find the last " + count + " events", e);
    }
  }

  /** Committed events with {@code after < seq <= upTo}, oldest first, at most {@code limit}. */
  public List<StoredEvent> between(long after, long upTo, int limit) {
    return read(BETWEEN, after, upTo, limit);
  }

  /**
   * Tells the relay, before the row takes its sequence number, that this transaction may hold one
   * not yet visible ({@link SequenceGaps}); once per transaction, closed when it completes.
   */
  private void registerInFlight() {
    if (transactions.getResource(TICKET_KEY) != null) {
      return;
    }
    long ticket = inFlight.opened();
    try {
      transactions.registerInterposedSynchronization(new Synchronization() {
        @Override
        public void beforeCompletion() {}

        @Override
        public void afterCompletion(int status) {
          inFlight.closed(ticket);
        }
      });
    } catch (RuntimeException e) {
      inFlight.closed(ticket);
      throw e;
    }
    transactions.putResource(TICKET_KEY, ticket);
  }

  private List<StoredEvent> read(String sql, long after, Long upTo, int limit) {
    List<StoredEvent> out = new ArrayList<>();
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setLong(1, after);
      if (upTo != null) {
        ps.setLong(2, upTo);
      }
      ps.setMaxRows(limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new StoredEvent(rs.getLong(1), EventJson.event(rs.getString(2))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read events after " + after, e);
    }
    return out;
  }
}

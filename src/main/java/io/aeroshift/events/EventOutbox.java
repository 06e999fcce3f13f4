package io.aeroshift.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

  private final ObjectMapper json = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Inject
  DataSource dataSource;

  /** Stores the event in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void append(MigrationEvent event) {
    String payload;
    try {
      payload = json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise event " + event.type(), e);
    }
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
    List<StoredEvent> out = new ArrayList<>();
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(AFTER)) {
      ps.setLong(1, seq);
      ps.setMaxRows(limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new StoredEvent(rs.getLong(1), json.readValue(rs.getString(2), MigrationEvent.class)));
        }
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot read events after " + seq, e);
    }
    return out;
  }
}

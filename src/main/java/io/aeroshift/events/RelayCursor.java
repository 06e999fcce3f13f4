package io.aeroshift.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** The relay's stored position ({@code event_relay}, V60), written after each published pass. */
@ApplicationScoped
public class RelayCursor {

  @Inject
  DataSource dataSource;

  /** The stored position of {@code relay}, 0 (the start of the outbox) when it has none. */
  public long load(String relay) {
    try (Connection conn = dataSource.getConnection();
        PreparedStatement ps = conn.prepareStatement("SELECT released_seq FROM event_relay WHERE relay_name = ?")) {
      ps.setString(1, relay);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the position of relay " + relay, e);
    }
  }

  /**
   * Claims the relay's cursor row for the caller's transaction ({@code SELECT ... FOR UPDATE SKIP
   * LOCKED}; the first relay ever creates it at 0) and returns its position; empty when another
   * transaction holds it (another replica's relay is in a pass). Held until the transaction ends,
   * so one relay at a time reads, publishes and stores a position.
   */
  public OptionalLong claim(String relay, Instant at) {
    try (Connection conn = dataSource.getConnection()) {
      try (PreparedStatement ps = conn.prepareStatement(
          "SELECT released_seq FROM event_relay WHERE relay_name = ? FOR UPDATE SKIP LOCKED")) {
        ps.setString(1, relay);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return OptionalLong.of(rs.getLong(1));
          }
        }
      }
      if (exists(conn, relay)) {
        return OptionalLong.empty();
      }
      // the first pass ever: a concurrent first pass elsewhere fails on the key and tries again later
      try (PreparedStatement ins = conn.prepareStatement(
          "INSERT INTO event_relay (relay_name, released_seq, updated_at) VALUES (?, 0, ?)")) {
        ins.setString(1, relay);
        ins.setObject(2, at.atOffset(ZoneOffset.UTC));
        ins.executeUpdate();
      }
      return OptionalLong.of(0);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot claim the position of relay " + relay, e);
    }
  }

  private static boolean exists(Connection conn, String relay) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM event_relay WHERE relay_name = ?")) {
      ps.setString(1, relay);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Stores the position unless the stored one is already further (never moves it back). */
  public void save(String relay, long releasedSeq, Instant at) {
    try (Connection conn = dataSource.getConnection()) {
      try (PreparedStatement up = conn.prepareStatement(
          "UPDATE event_relay SET released_seq = ?, updated_at = ? WHERE relay_name = ? AND released_seq <= ?")) {
        up.setLong(1, releasedSeq);
        up.setObject(2, at.atOffset(ZoneOffset.UTC));
        up.setString(3, relay);
        up.setLong(4, releasedSeq);
        if (up.executeUpdate() > 0) {
          return;
        }
      }
      if (exists(conn, relay)) {
        return; // already further on (another replica's relay)
      }
      try (PreparedStatement ins = conn.prepareStatement(
          "INSERT INTO event_relay (relay_name, released_seq, updated_at) VALUES (?, ?, ?)")) {
        ins.setString(1, relay);
        ins.setLong(2, releasedSeq);
        ins.setObject(3, at.atOffset(ZoneOffset.UTC));
        ins.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the position of relay " + relay, e);
    }
  }
}

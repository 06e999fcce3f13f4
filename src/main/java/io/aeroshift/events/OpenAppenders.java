package io.aeroshift.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The transactions, anywhere, that are inserting into the outbox and have not ended. On PostgreSQL:
 * the holders of a {@code RowExclusiveLock} on {@code event_outbox} in {@code pg_locks} (an INSERT
 * takes it and keeps it to the end of its transaction; readable without privileges), which covers
 * every replica. Elsewhere (H2, one process): this process's own {@link InFlightAppends}.
 */
@ApplicationScoped
public class OpenAppenders {

  private static final String PG_HOLDERS = "SELECT virtualtransaction FROM pg_locks WHERE locktype = 'relation'"
      + " AND relation = 'event_outbox'::regclass AND mode = 'RowExclusiveLock'";

  @Inject
  DataSource dataSource;

  @Inject
  InFlightAppends local;

  private volatile Boolean postgres;

  public Set<String> now() {
    if (!isPostgres()) {
      return local.open();
    }
    Set<String> out = new TreeSet<>();
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(PG_HOLDERS);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add("pg:" + rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list the open outbox transactions", e);
    }
    return out;
  }

  private boolean isPostgres() {
    if (postgres == null) {
      try (Connection conn = dataSource.getConnection()) {
        postgres = conn.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot tell the state store's kind", e);
      }
    }
    return postgres;
  }
}

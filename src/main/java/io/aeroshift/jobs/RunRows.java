package io.aeroshift.jobs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * How the job runner's JDBC stores save a run: one transaction holding the run's row (written by
 * the caller, checked against the version it read), its lease (taken while the run is active,
 * dropped once final, refused when another runner holds it: {@link RunLeases#fence}) and its
 * {@code run_lock} row, held while the run is active and released once it is final. All commit or
 * nothing does.
 */
final class RunRows {
  /** The stores' JSON: ISO times, unknown fields of newer versions ignored. */
  static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Writes the run's row; returns the rows changed (0 = the version read is no longer stored). */
  interface RowWrite {
    int write(Connection c) throws SQLException;
  }

  private RunRows() {}

  static void save(DataSource dataSource, String id, long readVersion, RowWrite row, boolean active, RunScope scope,
      JobKind kind, RunLeases leases) {
    try (Connection conn = dataSource.getConnection()) {
      boolean auto = conn.getAutoCommit();
      conn.setAutoCommit(false);
      try {
        if (row.write(conn) == 0) {
          throw new ConcurrentRunChange(id, readVersion);
        }
        leases.fence(conn, id, active);
        if (active) {
          RunLocks.hold(conn, scope, kind, id);
        } else {
          RunLocks.release(conn, id);
        }
        conn.commit();
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
        throw new ConcurrentRunChange(id, readVersion); // another writer inserted the same new run
      }
      throw new IllegalStateException("cannot store " + kind.name().toLowerCase(java.util.Locale.ROOT) + " run " + id
          + ": " + e.getMessage(), e);
    }
  }
}

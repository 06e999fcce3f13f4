package io.aeroshift.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The {@code run_lock} table (V45): one row per active run, primary key (target, namespace, kind).
 * Used only inside the transaction that saves a run, so the lock follows the stored state: taken
 * when a run is saved active, released when it is saved in a final state. Plain SQL, portable
 * between H2 and PostgreSQL; the duplicate key (SQLState 23xxx) is what refuses a second run.
 */
final class RunLocks {
  private RunLocks() {}

  /** Holds {@code scope} for {@code runId} (no-op when it already does); {@link ScopeBusy} when another run holds it. */
  static void hold(Connection c, RunScope scope, JobKind kind, String runId) throws SQLException {
    String holder = holder(c, scope, kind);
    if (runId.equals(holder)) {
      return;
    }
    if (holder != null) {
      throw new ScopeBusy(scope, kind, holder);
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO run_lock (target_name, namespace_name, kind, run_id, acquired_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, scope.target());
      ps.setString(2, scope.namespace());
      ps.setString(3, kind.name());
      ps.setString(4, runId);
      ps.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
      ps.executeUpdate();
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
        // another transaction inserted first; its holder is not visible to us before it commits
        throw new ScopeBusy(scope, kind, null);
      }
      throw e;
    }
  }

  /** Releases whatever {@code runId} holds. */
  static void release(Connection c, String runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM run_lock WHERE run_id = ?")) {
      ps.setString(1, runId);
      ps.executeUpdate();
    }
  }

  static String holder(Connection c, RunScope scope, JobKind kind) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT run_id FROM run_lock WHERE target_name = ? AND namespace_name = ? AND kind = ?")) {
      ps.setString(1, scope.target());
      ps.setString(2, scope.namespace());
      ps.setString(3, kind.name());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}

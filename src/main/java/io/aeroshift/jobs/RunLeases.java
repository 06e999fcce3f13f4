package io.aeroshift.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * The lease columns of a run table (V84: {@code lease_owner}, {@code lease_until}), for one runner
 * ({@link LeaseTerms}). A run stored active is leased by the runner that saved it; every save is
 * fenced ({@link #fence}): it passes only while the lease is free, this runner's, or run out. A
 * runner takes over runs whose lease is free or has run out with {@code SELECT ... FOR UPDATE SKIP
 * LOCKED} ({@link #claim}), so two runners never take the same run. Plain SQL, portable between H2
 * and PostgreSQL, like {@link RunLocks}.
 */
final class RunLeases implements RunLeasing {
  private final DataSource dataSource;
  private final String table;
  private final String body;
  private final List<String> activeStates;
  private final LeaseTerms terms;
  private final Clock clock;

  /**
   * @param body the column holding the run as JSON
   * @param activeStates the states of a run that still has work to do
   */
  RunLeases(DataSource dataSource, String table, String body, List<String> activeStates, LeaseTerms terms,
      Clock clock) {
    this.dataSource = dataSource;
    this.table = table;
    this.body = body;
    this.activeStates = List.copyOf(activeStates);
    this.terms = terms;
    this.clock = clock;
  }

  @Override
  public LeaseTerms leaseTerms() {
    return terms;
  }

  /**
   * In the transaction that saves run {@code id}: takes or keeps its lease while it is active,
   * drops it once final; refused with {@link RunLeaseLost} when another runner holds it now.
   */
  void fence(Connection c, String id, boolean active) throws SQLException {
    Instant now = clock.instant();
    int n;
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET lease_owner = ?, lease_until = ?"
        + " WHERE run_id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)")) {
      ps.setString(1, active ? terms.owner() : null);
      ps.setObject(2, active ? ts(now.plus(terms.ttl())) : null);
      ps.setString(3, id);
      ps.setString(4, terms.owner());
      ps.setObject(5, ts(now));
      n = ps.executeUpdate();
    }
    if (n == 0) {
      throw new RunLeaseLost(id, holder(c, id));
    }
  }

  /**
   * Takes the lease of every active run whose lease is free, this runner's or run out (with
   * {@code evenIfLeased}: of every active run) whose stored JSON {@code which} accepts; returns their
   * ids. Rows another runner is taking at the same moment are skipped, not waited for.
   */
  List<String> claim(Predicate<String> which, boolean evenIfLeased) {
    Instant now = clock.instant();
    List<String> out = new ArrayList<>();
    String states = String.join(", ", activeStates.stream().map(s -> "'" + s + "'").toList());
    String sql = "SELECT run_id, " + body + " FROM " + table + " WHERE state IN (" + states + ")"
        + (evenIfLeased ? "" : " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)")
        + " ORDER BY created_at, run_id FOR UPDATE SKIP LOCKED";
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          if (!evenIfLeased) {
            ps.setString(1, terms.owner());
            ps.setObject(2, ts(now));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              if (which.test(rs.getString(2))) {
                ids.add(rs.getString(1));
              }
            }
          }
        }
        for (String id : ids) {
          take(c, id, now);
        }
        c.commit();
        out.addAll(ids);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot take over runs of " + table + ": " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public void lease(String id) {
    try (Connection c = dataSource.getConnection()) {
      take(c, id, clock.instant());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot lease run " + id + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Set<String> renewLeases(Collection<String> ids) {
    Set<String> lost = new LinkedHashSet<>();
    Instant until = clock.instant().plus(terms.ttl());
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "UPDATE " + table + " SET lease_until = ? WHERE run_id = ? AND lease_owner = ?")) {
      for (String id : ids) {
        ps.setObject(1, ts(until));
        ps.setString(2, id);
        ps.setString(3, terms.owner());
        if (ps.executeUpdate() == 0) {
          lost.add(id);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot renew leases of " + table + ": " + e.getMessage(), e);
    }
    return lost;
  }

  @Override
  public void releaseLeases(Collection<String> ids) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "UPDATE " + table + " SET lease_owner = NULL, lease_until = NULL WHERE run_id = ? AND lease_owner = ?")) {
      for (String id : ids) {
        ps.setString(1, id);
        ps.setString(2, terms.owner());
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot release leases of " + table + ": " + e.getMessage(), e);
    }
  }

  private void take(Connection c, String id, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE " + table + " SET lease_owner = ?, lease_until = ? WHERE run_id = ?")) {
      ps.setString(1, terms.owner());
      ps.setObject(2, ts(now.plus(terms.ttl())));
      ps.setString(3, id);
      ps.executeUpdate();
    }
  }

  private String holder(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT lease_owner FROM " + table + " WHERE run_id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static OffsetDateTime ts(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  /**
   * True when the store can be opened by one process only (an embedded H2 file or in-memory
   * database): every lease found in it at start was held by a process that is gone.
   */
  static boolean onlyThisProcess(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      String url = c.getMetaData().getURL();
      String u = url == null ? "" : url.toLowerCase(java.util.Locale.ROOT);
      return u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:h2:tcp:") && !u.startsWith("jdbc:h2:ssl:")
          && !u.contains("auto_server=true");
    } catch (SQLException e) {
      return false;
    }
  }
}

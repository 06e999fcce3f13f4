package io.aeroshift.workflow.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aeroshift.events.EventOutbox;
import io.aeroshift.events.MigrationEvent;
import io.aeroshift.workflow.machine.Command;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.Phase;
import io.aeroshift.workflow.machine.Step;
import io.aeroshift.workflow.machine.StepEvent;
import io.aeroshift.workflow.machine.StoredCommand;
import io.aeroshift.workflow.machine.Wave;
import io.aeroshift.workflow.machine.WaveLimits;
import io.aeroshift.workflow.machine.WaveState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Migrations, their commands and history, and waves in the state store ({@code V51}). Every state
 * change writes its history and its outbox events ({@link EventOutbox}) in the same transaction.
 *
 * <p>Leasing: {@link #lease} picks due migrations with {@code SELECT ... FOR UPDATE SKIP LOCKED}
 * (PostgreSQL, and H2 2.x which supports the same clause) and marks them with the owner, a deadline
 * and a new version, so two reconcilers never step one migration at once; a save is fenced by that
 * version and owner ({@link #save} fails with {@link StaleMigrationException} when another took the
 * lease since). A reconciler holds the lease while a job of the migration runs in its process and
 * renews it ({@link #renew}); when it dies the lease expires and another takes the migration over.
 */
@ApplicationScoped
public class MigrationStore {
  private static final String COLUMNS = "id, version, body";
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Inject DataSource dataSource;
  @Inject EventOutbox outbox;

  // ---------- migrations ----------

  /** Stores a new migration (PLANNED) with its first history line and event. */
  @Transactional
  public Migration create(Migration m) {
    exec("INSERT INTO migrations (id, plan_name, team, wave, phase, version, next_check_at, created_at, updated_at,"
        + " body) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)", m.id(), m.plan(), m.team(), m.wave(), m.phase().name(),
        ts(m.nextCheckAt()), ts(m.createdAt()), ts(m.createdAt()), json(m));
    Migration saved = m.withVersion(1);
    history(m.id(), "TRANSITION", null, m.phase().name(), null, m.createdBy(), m.createdAt(),
        "created from plan " + m.plan());
    outbox.append(event(saved, "TRANSITION", null, m.phase().name(), null, m.createdBy(),
        "created from plan " + m.plan(), m.createdAt(), Map.of("plan", m.plan())));
    return saved;
  }

  public Optional<Migration> find(String id) {
    List<Migration> l = query("SELECT " + COLUMNS + " FROM migrations WHERE id = ?", id);
    return l.stream().findFirst();
  }

  /** Migrations, oldest first, filtered by wave and team when given. */
  public List<Migration> list(String wave, String team) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM migrations WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (wave != null) {
      sql.append(" AND wave = ?");
      args.add(wave);
    }
    if (team != null) {
      sql.append(" AND team = ?");
      args.add(team);
    }
    sql.append(" ORDER BY created_at, id");
    return query(sql.toString(), args.toArray());
  }

  /** Migrations of a plan that are not final (at most one should exist). */
  public List<Migration> activeOfPlan(String plan) {
    return query("SELECT " + COLUMNS + " FROM migrations WHERE plan_name = ? AND phase NOT IN ('COMPLETED', 'ABORTED',"
        + " 'ROLLED_BACK')", plan);
  }

  public List<HistoryEntry> history(String id) {
    List<HistoryEntry> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT seq, kind, from_phase, to_phase, command, actor, at, reason FROM migration_history"
            + " WHERE migration_id = ? ORDER BY seq")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new HistoryEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6), instant(rs, 7), rs.getString(8)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the history of migration " + id, e);
    }
    return out;
  }

  // ---------- commands ----------

  /**
   * Stores a command for the next step and makes the migration due now. The caller checked the
   * phase accepts it; the step checks again when it consumes it (the phase may have moved).
   */
  @Transactional
  public StoredCommand storeCommand(Migration m, Command command, String by, String reason, Instant now) {
    long seq = insertReturningKey("INSERT INTO migration_commands (migration_id, command, requested_by, requested_at,"
        + " reason) VALUES (?, ?, ?, ?, ?)", m.id(), command.name(), by, ts(now), reason);
    exec("UPDATE migrations SET next_check_at = ? WHERE id = ?", ts(now), m.id());
    history(m.id(), "COMMAND", m.phase().name(), null, command.path(), by, now, "stored" + (reason == null ? ""
        : ": " + reason));
    outbox.append(event(m, "COMMAND", m.phase().name(), null, command.path(), by, "stored", now,
        Map.of("state", "stored")));
    return new StoredCommand(seq, m.id(), command, by, now, reason);
  }

  /** The oldest command not yet consumed. */
  public Optional<StoredCommand> pendingCommand(String id) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT seq, command, requested_by, requested_at, reason FROM migration_commands WHERE migration_id = ?"
            + " AND consumed_at IS NULL ORDER BY seq")) {
      ps.setString(1, id);
      ps.setMaxRows(1);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return Optional.of(new StoredCommand(rs.getLong(1), id, Command.valueOf(rs.getString(2)), rs.getString(3),
              instant(rs, 4), rs.getString(5)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the commands of migration " + id, e);
    }
    return Optional.empty();
  }

  // ---------- leases ----------

  /** A migration leased for one step, with the version its save is fenced by. */
  public record Lease(String id, long version) {}

  /**
   * Leases up to {@code limit} migrations due at {@code now} whose lease is free, expired or already
   * this owner's.
   */
  @Transactional
  public List<Lease> lease(String owner, Instant now, Duration ttl, int limit) {
    List<String> ids = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT id FROM migrations WHERE next_check_at <= ? AND (lease_owner IS NULL OR lease_owner = ?"
            + " OR lease_until < ?) ORDER BY next_check_at FOR UPDATE SKIP LOCKED")) {
      ps.setObject(1, ts(now));
      ps.setString(2, owner);
      ps.setObject(3, ts(now));
      ps.setMaxRows(limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot lease migrations", e);
    }
    List<Lease> out = new ArrayList<>();
    for (String id : ids) {
      exec("UPDATE migrations SET lease_owner = ?, lease_until = ?, version = version + 1 WHERE id = ?", owner,
          ts(now.plus(ttl)), id);
      out.add(new Lease(id, versionOf(id)));
    }
    return out;
  }

  /** Extends this owner's leases on migrations whose jobs run in its process. */
  @Transactional
  public int renew(String owner, List<String> ids, Instant until) {
    int n = 0;
    for (String id : ids) {
      n += exec("UPDATE migrations SET lease_until = ? WHERE id = ? AND lease_owner = ?", ts(until), id, owner);
    }
    return n;
  }

  /** Who holds the migration's lease now, if anyone (tests and diagnostics). */
  public Optional<String> leaseOwner(String id, Instant now) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT lease_owner, lease_until FROM migrations WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getString(1) != null && !instant(rs, 2).isBefore(now)) {
          return Optional.of(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return Optional.empty();
  }

  /**
   * Saves a step, fenced by the lease's version and owner: the new state, the command consumed,
   * the history and the events, in one transaction. The lease is kept until {@code leaseUntil}
   * (a job of it runs here) or released ({@code leaseUntil} null).
   *
   * @return the migration as saved (new version)
   * @throws StaleMigrationException when another reconciler took it since the lease
   */
  @Transactional
  public Migration save(Lease lease, String owner, Step step, StoredCommand consumed, Instant now,
      Instant leaseUntil) {
    Migration m = step.migration();
    int n = exec("UPDATE migrations SET phase = ?, version = version + 1, next_check_at = ?, updated_at = ?, body = ?,"
        + " lease_owner = ?, lease_until = ? WHERE id = ? AND version = ? AND lease_owner = ?", m.phase().name(),
        ts(m.nextCheckAt()), ts(now), json(m), leaseUntil == null ? null : owner, ts(leaseUntil), m.id(),
        lease.version(), owner);
    if (n != 1) {
      throw new StaleMigrationException(m.id(), lease.version());
    }
    if (consumed != null) {
      exec("UPDATE migration_commands SET consumed_at = ? WHERE seq = ?", ts(now), consumed.seq());
    }
    // a command stored while this step ran keeps the migration due
    exec("UPDATE migrations SET next_check_at = ? WHERE id = ? AND EXISTS (SELECT 1 FROM migration_commands"
        + " WHERE migration_id = ? AND consumed_at IS NULL)", ts(now), m.id(), m.id());
    Migration saved = m.withVersion(lease.version() + 1);
    for (StepEvent e : step.events()) {
      record(saved, e, now);
    }
    return saved;
  }

  /** Releases this owner's lease without changing the migration (nothing to do, or a failed step). */
  @Transactional
  public void release(String id, String owner) {
    exec("UPDATE migrations SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?", id, owner);
  }

  private void record(Migration m, StepEvent e, Instant now) {
    if (e instanceof StepEvent.Transition t) {
      String cmd = t.command() == null ? null : t.command().path();
      history(m.id(), "TRANSITION", t.from().name(), t.to().name(), cmd, t.by(), now, t.reason());
      outbox.append(event(m, "TRANSITION", t.from().name(), t.to().name(), cmd, t.by(), t.reason(), now,
          Map.of("version", m.version())));
    } else if (e instanceof StepEvent.CommandTaken c) {
      String state = c.accepted() ? "consumed" : "refused";
      history(m.id(), "COMMAND", null, null, c.command().path(), c.by(), now,
          state + (c.reason() == null ? "" : ": " + c.reason()));
      outbox.append(event(m, "COMMAND", null, null, c.command().path(), c.by(), c.reason(), now,
          Map.of("state", state)));
    } else if (e instanceof StepEvent.Milestone ms) {
      history(m.id(), "MILESTONE", null, null, null, io.aeroshift.workflow.machine.PhaseMachine.SYSTEM, now,
          ms.name() + ": " + ms.reason());
      Map<String, Object> data = new HashMap<>(ms.data());
      data.put("milestone", ms.name());
      outbox.append(event(m, "MILESTONE", null, null, null, io.aeroshift.workflow.machine.PhaseMachine.SYSTEM,
          ms.reason(), now, data));
    }
  }

  private static MigrationEvent event(Migration m, String type, String from, String to, String command, String by,
      String reason, Instant at, Map<String, Object> data) {
    Map<String, Object> d = new HashMap<>(data);
    d.put("phase", m.phase().name());
    d.put("plan", m.plan());
    return new MigrationEvent(type, m.id(), m.team(), m.wave(), from, to, command, by, reason, at, d);
  }

  private void history(String id, String kind, String from, String to, String command, String by, Instant at,
      String reason) {
    exec("INSERT INTO migration_history (migration_id, kind, from_phase, to_phase, command, actor, at, reason)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, kind, from, to, command, by, ts(at), truncate(reason, 2000));
  }

  // ---------- waves ----------

  @Transactional
  public Wave createWave(Wave w) {
    exec("INSERT INTO waves (name, state, stopped_because, limits, version, created_by, created_at)"
        + " VALUES (?, ?, ?, ?, 1, ?, ?)", w.name(), w.state().name(), w.stoppedBecause(), json(w.limits()),
        w.createdBy(), ts(w.createdAt()));
    outbox.append(new MigrationEvent("WAVE", null, null, w.name(), null, w.state().name(), null, w.createdBy(),
        "wave created", w.createdAt(), Map.of("state", w.state().name())));
    return w;
  }

  /** Changes a wave's state with its WAVE event; false when it was already in that state. */
  @Transactional
  public boolean setWaveState(String name, WaveState state, String because, String by, Instant now) {
    int n = exec("UPDATE waves SET state = ?, stopped_because = ?, version = version + 1 WHERE name = ?"
        + " AND state <> ?", state.name(), because, name, state.name());
    if (n == 1) {
      outbox.append(new MigrationEvent("WAVE", null, null, name, null, state.name(), null, by,
          because == null ? "wave " + state.name().toLowerCase(java.util.Locale.ROOT) : because, now,
          Map.of("state", state.name())));
    }
    return n == 1;
  }

  public Optional<Wave> findWave(String name) {
    return waves("SELECT name, state, stopped_because, limits, created_by, created_at FROM waves WHERE name = ?", name)
        .stream().findFirst();
  }

  public List<Wave> listWaves() {
    return waves("SELECT name, state, stopped_because, limits, created_by, created_at FROM waves ORDER BY name");
  }

  private List<Wave> waves(String sql, Object... args) {
    List<Wave> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Wave(rs.getString(1), JSON.readValue(rs.getString(4), WaveLimits.class),
              WaveState.valueOf(rs.getString(2)), rs.getString(3), rs.getString(5), instant(rs, 6)));
        }
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot read waves", e);
    }
    return out;
  }

  // ---------- JDBC ----------

  private long versionOf(String id) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT version FROM migrations WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Migration> query(String sql, Object... args) {
    List<Migration> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(JSON.readValue(rs.getString(3), Migration.class).withVersion(rs.getLong(2)));
        }
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot read migrations", e);
    }
    return out;
  }

  private int exec(String sql, Object... args) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("state store: " + e.getMessage(), e);
    }
  }

  private long insertReturningKey(String sql, Object... args) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql,
        new String[] {"seq"})) {
      bind(ps, args);
      ps.executeUpdate();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("state store: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        ps.setObject(i + 1, null);
      } else {
        ps.setObject(i + 1, a);
      }
    }
  }

  private static OffsetDateTime ts(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int col) throws SQLException {
    OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + o.getClass().getSimpleName(), e);
    }
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

}

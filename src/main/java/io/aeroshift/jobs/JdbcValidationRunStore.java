package io.aeroshift.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Validation runs in the state store (table {@code validation_job} of V46), saved as {@link RunRows}
 * describes, for one runner: the leases it takes are that runner's ({@link LeaseTerms}).
 */
public final class JdbcValidationRunStore implements ValidationRunStore {

  private static final String UPDATE = "UPDATE validation_job SET source_cluster = ?, source_team = ?,"
      + " namespace_name = ?, state = ?, created_at = ?, updated_at = ?, job_json = ?, row_version = ?"
      + " WHERE run_id = ? AND row_version = ?";
  private static final String INSERT = "INSERT INTO validation_job (source_cluster, source_team, namespace_name, state,"
      + " created_at, updated_at, job_json, row_version, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT = "SELECT job_json, row_version FROM validation_job";

  private final DataSource dataSource;
  private final RunLeases leases;

  /** A store for a runner of its own (a new owner name, the default lease). */
  public JdbcValidationRunStore(DataSource dataSource) {
    this(dataSource, LeaseTerms.newRunner(LeaseTerms.DEFAULT_TTL), Clock.systemUTC());
  }

  public JdbcValidationRunStore(DataSource dataSource, LeaseTerms terms, Clock clock) {
    this.dataSource = dataSource;
    this.leases = new RunLeases(dataSource, "validation_job", "job_json", List.of(ValidationRunState.RUNNING.name()),
        terms, clock);
  }

  @Override
  public ValidationRun save(ValidationRun run) {
    ValidationRun next = run.withVersion(run.version() + 1);
    String text;
    try {
      text = RunRows.JSON.writeValueAsString(next);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise validation run " + run.id(), e);
    }
    RunRows.save(dataSource, run.id(), run.version(),
        c -> run.version() == 0 ? execute(c, INSERT, next, text, -1) : execute(c, UPDATE, next, text, run.version()),
        next.state().active(), next.spec().scope(), JobKind.VALIDATION, leases);
    return next;
  }

  @Override
  public List<ValidationRun> takeOver(Predicate<ValidationRun> which, boolean evenIfLeased) {
    return leases.claim(text -> which.test(read(text)), evenIfLeased).stream().map(this::find)
        .flatMap(Optional::stream).toList();
  }

  @Override
  public RunLeasing leases() {
    return leases;
  }

  private static ValidationRun read(String text) {
    try {
      return RunRows.JSON.readValue(text, ValidationRun.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read a validation run: " + e.getMessage(), e);
    }
  }

  private static int execute(Connection conn, String sql, ValidationRun run, String text, long expected)
      throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ValidationRunSpec s = run.spec();
      ps.setString(1, s.source());
      ps.setString(2, s.sourceTeam() == null ? "" : s.sourceTeam());
      ps.setString(3, s.namespace());
      ps.setString(4, run.state().name());
      ps.setObject(5, s.createdAt().atOffset(ZoneOffset.UTC));
      ps.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
      ps.setString(7, text);
      ps.setLong(8, run.version());
      ps.setString(9, s.id());
      if (expected >= 0) {
        ps.setLong(10, expected);
      }
      return ps.executeUpdate();
    }
  }

  @Override
  public Optional<ValidationRun> find(String id) {
    return query(SELECT + " WHERE run_id = ?", id).stream().findFirst();
  }

  @Override
  public List<ValidationRun> inState(ValidationRunState state) {
    return query(SELECT + " WHERE state = ? ORDER BY created_at, run_id", state.name());
  }

  private List<ValidationRun> query(String sql, String param) {
    List<ValidationRun> out = new ArrayList<>();
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(RunRows.JSON.readValue(rs.getString(1), ValidationRun.class).withVersion(rs.getLong(2)));
        }
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot read validation runs: " + e.getMessage(), e);
    }
    return out;
  }
}

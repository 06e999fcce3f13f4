package io.aeroshift.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aeroshift.outcome.ErrorClass;
import io.aeroshift.outcome.FailureReason;
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
 * Copy runs in the state store (table {@code copy_run} of {@code V22__copy_runs.sql}, version
 * column of V45), portable between H2 and PostgreSQL: the run as JSON, plus the columns a listing
 * filters on. A save is one transaction: the row (UPDATE checked against the version read, or
 * INSERT of a new run), its lease and its {@code run_lock} row ({@link RunRows}). The store saves
 * for one runner: the leases it takes are that runner's ({@link LeaseTerms}).
 */
public final class JdbcCopyRunStore implements CopyRunStore {

  private static final String UPDATE = "UPDATE copy_run SET source_cluster = ?, source_team = ?, namespace_name = ?,"
      + " mode = ?, state = ?, created_at = ?, updated_at = ?, run_json = ?, row_version = ?"
      + " WHERE run_id = ? AND row_version = ?";
  private static final String INSERT = "INSERT INTO copy_run (source_cluster, source_team, namespace_name, mode, state,"
      + " created_at, updated_at, run_json, row_version, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT = "SELECT run_json, row_version FROM copy_run";

  private final DataSource dataSource;
  private final ObjectMapper json = RunRows.JSON;
  private final RunLeases leases;

  /** A store for a runner of its own (a new owner name, the default lease). */
  public JdbcCopyRunStore(DataSource dataSource) {
    this(dataSource, LeaseTerms.newRunner(LeaseTerms.DEFAULT_TTL), Clock.systemUTC());
  }

  public JdbcCopyRunStore(DataSource dataSource, LeaseTerms terms, Clock clock) {
    this.dataSource = dataSource;
    this.leases = new RunLeases(dataSource, "copy_run", "run_json", List.of(CopyRunState.QUEUED.name(),
        CopyRunState.RUNNING.name()), terms, clock);
  }

  @Override
  public CopyRun save(CopyRun run) {
    CopyRun next = run.withVersion(run.version() + 1);
    String text;
    try {
      text = json.writeValueAsString(next);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise copy run " + run.id(), e);
    }
    RunRows.save(dataSource, run.id(), run.version(),
        c -> run.version() == 0 ? execute(c, INSERT, next, text, -1) : execute(c, UPDATE, next, text, run.version()),
        next.state().active(), next.scope(), JobKind.COPY, leases);
    return next;
  }

  @Override
  public List<CopyRun> takeOver(Predicate<CopyRun> which, boolean evenIfLeased) {
    return leases.claim(text -> which.test(read(text)), evenIfLeased).stream().map(this::find)
        .flatMap(Optional::stream).toList();
  }

  @Override
  public RunLeasing leases() {
    return leases;
  }

  private CopyRun read(String text) {
    try {
      return json.treeToValue(typedFailures(json.readTree(text)), CopyRun.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read a copy run: " + e.getMessage(), e);
    }
  }

  private static int execute(Connection conn, String sql, CopyRun run, String text, long expected)
      throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      CopyRunSpec s = run.spec();
      ps.setString(1, s.source());
      ps.setString(2, s.sourceTeam());
      ps.setString(3, s.namespace());
      ps.setString(4, s.mode().name());
      ps.setString(5, run.state().name());
      ps.setObject(6, s.createdAt().atOffset(ZoneOffset.UTC));
      ps.setObject(7, OffsetDateTime.now(ZoneOffset.UTC));
      ps.setString(8, text);
      ps.setLong(9, run.version());
      ps.setString(10, s.id());
      if (expected >= 0) {
        ps.setLong(11, expected);
      }
      return ps.executeUpdate();
    }
  }

  @Override
  public Optional<CopyRun> find(String id) {
    return query(SELECT + " WHERE run_id = ?", id).stream().findFirst();
  }

  @Override
  public List<CopyRun> list() {
    return query(SELECT + " ORDER BY created_at DESC, run_id", null);
  }

  private List<CopyRun> query(String sql, String id) {
    List<CopyRun> out = new ArrayList<>();
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
      if (id != null) {
        ps.setString(1, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(json.treeToValue(typedFailures(json.readTree(rs.getString(1))), CopyRun.class)
              .withVersion(rs.getLong(2)));
        }
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot read copy runs: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Runs stored before failures were typed hold them as text: read as {@code INTERNAL} with the
   * text as detail, at the time the run (or step) ended, so nothing stored is lost.
   */
  static JsonNode typedFailures(JsonNode run) {
    if (run instanceof ObjectNode o) {
      legacyFailure(o, "failure", o.path("finishedAt"), o.path("spec").path("createdAt"));
      for (JsonNode pass : o.path("passes")) {
        legacyFailure((ObjectNode) pass, "failure", pass.path("startedAt"), o.path("spec").path("createdAt"));
      }
    }
    return run;
  }

  private static void legacyFailure(ObjectNode owner, String field, JsonNode at, JsonNode fallbackAt) {
    JsonNode f = owner.get(field);
    if (f == null || !f.isTextual()) {
      return;
    }
    ObjectNode typed = owner.putObject(field);
    typed.put("reason", FailureReason.INTERNAL.name());
    typed.put("errorClass", ErrorClass.PERMANENT.name());
    typed.put("detail", f.asText());
    typed.set("at", at.isTextual() ? at : fallbackAt);
  }
}

package io.aeroshift.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Copy runs in the state store (table {@code copy_run} of {@code V22__copy_runs.sql}), portable
 * between H2 and PostgreSQL: the run as JSON, plus the columns a listing filters on. An upsert is
 * an UPDATE followed, when no row changed, by an INSERT (as {@code JdbcCheckpointStore} does).
 */
public final class JdbcCopyRunStore implements CopyRunStore {

  private static final String UPDATE = "UPDATE copy_run SET source_cluster = ?, source_team = ?, namespace_name = ?,"
      + " mode = ?, state = ?, created_at = ?, updated_at = ?, run_json = ? WHERE run_id = ?";
  private static final String INSERT = "INSERT INTO copy_run (source_cluster, source_team, namespace_name, mode, state,"
      + " created_at, updated_at, run_json, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT = "SELECT run_json FROM copy_run";

  private final DataSource dataSource;
  private final ObjectMapper json = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public JdbcCopyRunStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void save(CopyRun run) {
    String text;
    try {
      text = json.writeValueAsString(run);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise copy run " + run.id(), e);
    }
    try (Connection conn = dataSource.getConnection()) {
      if (execute(conn, UPDATE, run, text) > 0) {
        return;
      }
      try {
        execute(conn, INSERT, run, text);
      } catch (SQLException e) {
        if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
          throw e;
        }
        execute(conn, UPDATE, run, text); // another writer inserted first
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store copy run " + run.id() + ": " + e.getMessage(), e);
    }
  }

  private static int execute(Connection conn, String sql, CopyRun run, String text) throws SQLException {
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
      ps.setString(9, s.id());
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
          out.add(json.readValue(rs.getString(1), CopyRun.class));
        }
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot read copy runs: " + e.getMessage(), e);
    }
    return out;
  }

}

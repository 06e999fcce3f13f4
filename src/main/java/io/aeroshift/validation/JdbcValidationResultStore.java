package io.aeroshift.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ValidationResultStore} on the state store (tables of migration V30), plain JDBC so it runs
 * the same on H2 and PostgreSQL and without CDI in tests.
 */
public final class JdbcValidationResultStore implements ValidationResultStore {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final DataSource dataSource;

  public JdbcValidationResultStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void partitionChecked(String scope, String runId, PartitionResult r) {
    partitionsChecked(scope, runId, List.of(r));
  }

  /** One transaction for the group, its rows written as two JDBC batches. */
  @Override
  public void partitionsChecked(String scope, String runId, List<PartitionResult> results) {
    if (results.isEmpty()) {
      return;
    }
    inTransaction("the validation results of " + results.size() + " partitions from " + results.get(0).partitionId(),
        c -> insertPartitions(c, scope, runId, results));
  }

  /** Statements that commit together. */
  @FunctionalInterface
  private interface Transaction {
    void run(Connection c) throws SQLException;
  }

  private void inTransaction(String what, Transaction work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store " + what, e);
    }
  }

  /**
   * Replaces each partition attempt's row. Batched: a validation stores 4,096 partitions, and a
   * statement and a commit per partition made the store, not the clusters, the slow part of a
   * validation in the service.
   */
  private static void insertPartitions(Connection c, String scope, String runId, List<PartitionResult> results)
      throws SQLException {
    try (PreparedStatement del = c.prepareStatement(
            "DELETE FROM validation_partition_result WHERE run_id = ? AND partition_id = ? AND attempt = ?");
        PreparedStatement ins = c.prepareStatement(
            "INSERT INTO validation_partition_result (run_id, scope, partition_id, attempt, status, reason, checked_at,"
                + " missing, extra, differing, result_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (PartitionResult r : lastOfEachAttempt(results)) {
        del.setString(1, runId);
        del.setInt(2, r.partitionId());
        del.setInt(3, r.attempt());
        del.addBatch();
        ins.setString(1, runId);
        ins.setString(2, scope);
        ins.setInt(3, r.partitionId());
        ins.setInt(4, r.attempt());
        ins.setString(5, r.status().name());
        ins.setString(6, truncate(r.unvalidatedReason()));
        ins.setTimestamp(7, Timestamp.from(r.checkedAt()));
        ins.setLong(8, r.missing());
        ins.setLong(9, r.extra());
        ins.setLong(10, r.differing());
        ins.setString(11, write(r));
        ins.addBatch();
      }
      del.executeBatch();
      ins.executeBatch();
    }
  }

  /** The last result given for each partition attempt: what storing them one by one would keep. */
  private static Collection<PartitionResult> lastOfEachAttempt(List<PartitionResult> results) {
    record Attempt(int partition, int attempt) {}
    Map<Attempt, PartitionResult> last = new LinkedHashMap<>();
    for (PartitionResult r : results) {
      last.put(new Attempt(r.partitionId(), r.attempt()), r);
    }
    return last.values();
  }

  @Override
  public void runFinished(String scope, ValidationResult r) {
    inTransaction("validation run " + r.runId(), c -> {
      try (PreparedStatement del = c.prepareStatement("DELETE FROM validation_run WHERE run_id = ?")) {
        del.setString(1, r.runId());
        del.executeUpdate();
      }
      try (PreparedStatement ins = c.prepareStatement(
          "INSERT INTO validation_run (run_id, scope, namespace_name, suite, started_at, finished_at, cutoff,"
              + " sample_rate, compare_bins, final_evidence, failure, exit_code, counts_json, record_hash)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ins.setString(1, r.runId());
        ins.setString(2, scope);
        ins.setString(3, r.namespace());
        ins.setString(4, r.suite());
        ins.setTimestamp(5, Timestamp.from(r.startedAt()));
        ins.setTimestamp(6, Timestamp.from(r.finishedAt()));
        ins.setTimestamp(7, Timestamp.from(r.cutoff()));
        ins.setDouble(8, r.sampleRate());
        ins.setBoolean(9, r.compareBins());
        ins.setBoolean(10, r.finalEvidence());
        ins.setString(11, truncate(r.failure()));
        ins.setInt(12, r.exitCode());
        ins.setString(13, write(r.counts()));
        ins.setString(14, r.hash() == null ? null : r.hash().label());
        ins.executeUpdate();
      }
      // Partition rows normally arrive as the run goes; make sure every result of the run is there.
      insertPartitions(c, scope, r.runId(), r.partitions());
    });
  }

  @Override
  public Optional<ValidationResult> latest(String scope) {
    return first("WHERE scope = ?", scope, "validation results of " + scope).map(StoredRun::result);
  }

  @Override
  public Optional<StoredRun> run(String runId) {
    return first("WHERE run_id = ?", runId, "validation run " + runId);
  }

  private Optional<StoredRun> first(String where, String arg, String what) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement q = c.prepareStatement(
            "SELECT run_id, namespace_name, suite, started_at, finished_at, cutoff, sample_rate, compare_bins,"
                + " final_evidence, failure, counts_json, scope, record_hash FROM validation_run " + where
                + " ORDER BY finished_at DESC, run_id")) {
      q.setString(1, arg);
      q.setMaxRows(1);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String runId = rs.getString(1);
        String namespace = rs.getString(2);
        String suite = rs.getString(3);
        Instant started = instant(rs, 4);
        Instant finished = instant(rs, 5);
        Instant cutoff = instant(rs, 6);
        double sampleRate = rs.getDouble(7);
        boolean compareBins = rs.getBoolean(8);
        boolean finalEvidence = rs.getBoolean(9);
        String failure = rs.getString(10);
        List<CountCheck.CountFinding> counts =
            read(rs.getString(11), new TypeReference<List<CountCheck.CountFinding>>() {});
        String scope = rs.getString(12);
        String hash = rs.getString(13);
        return Optional.of(new StoredRun(scope, new ValidationResult(
            runId, namespace, suite, started, finished, cutoff, sampleRate, compareBins, finalEvidence,
            latestAttempts(c, runId), counts, failure, hash == null ? null : RecordHash.ofLabel(hash))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read " + what, e);
    }
  }

  @Override
  public List<RunHeader> runs(String scopePrefix) {
    List<RunHeader> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement q = c.prepareStatement(
            "SELECT run_id, scope, namespace_name, suite, started_at, finished_at, sample_rate, final_evidence,"
                + " exit_code, failure FROM validation_run WHERE scope LIKE ? ESCAPE '!'"
                + " ORDER BY finished_at DESC, run_id")) {
      q.setString(1, likePrefix(scopePrefix));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(new RunHeader(
              rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
              instant(rs, 6), rs.getDouble(7), rs.getBoolean(8), rs.getInt(9), rs.getString(10)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list validation runs of " + scopePrefix, e);
    }
    return out;
  }

  /** A LIKE pattern matching every string that starts with {@code prefix} literally. */
  static String likePrefix(String prefix) {
    return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }

  private static List<PartitionResult> latestAttempts(Connection c, String runId) throws SQLException {
    List<PartitionResult> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(
        "SELECT p.result_json FROM validation_partition_result p WHERE p.run_id = ? AND p.attempt ="
            + " (SELECT MAX(x.attempt) FROM validation_partition_result x WHERE x.run_id = p.run_id"
            + " AND x.partition_id = p.partition_id) ORDER BY p.partition_id")) {
      q.setString(1, runId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs.getString(1), new TypeReference<PartitionResult>() {}));
        }
      }
    }
    return out;
  }

  @Override
  public List<PartitionResult> partitionHistory(String scope, int partitionId) {
    List<PartitionResult> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement q = c.prepareStatement(
            "SELECT result_json FROM validation_partition_result WHERE scope = ? AND partition_id = ?"
                + " ORDER BY checked_at, attempt")) {
      q.setString(1, scope);
      q.setInt(2, partitionId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs.getString(1), new TypeReference<PartitionResult>() {}));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read history of partition " + partitionId, e);
    }
    return out;
  }

  private static Instant instant(ResultSet rs, int col) throws SQLException {
    return rs.getTimestamp(col).toInstant();
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
  }

  private static String write(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise validation result", e);
    }
  }

  private static <T> T read(String text, TypeReference<T> type) {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored validation result is unreadable", e);
    }
  }
}

package io.aeroshift.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Checkpoints in the service's state store (tables of {@code V20__transfer_checkpoints.sql}, and
 * the post-switch generation memory of {@code V21__transfer_own_versions.sql}),
 * portable between H2 and PostgreSQL: an upsert is an UPDATE followed, when no row changed, by an
 * INSERT (retried as an UPDATE if another writer inserted first).
 */
public final class JdbcCheckpointStore implements CheckpointStore {

  private static final String UPDATE_PASS = "UPDATE transfer_pass SET kind = ?, namespace_name = ?,"
      + " set_name = ?, since_nanos = ?, started_at = ?, finished_at = ?"
      + " WHERE migration_id = ? AND pass_number = ?";
  private static final String INSERT_PASS = "INSERT INTO transfer_pass (kind, namespace_name,"
      + " set_name, since_nanos, started_at, finished_at, migration_id, pass_number)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT_PASS = "SELECT migration_id, pass_number, kind,"
      + " namespace_name, set_name, since_nanos, started_at, finished_at FROM transfer_pass";
  private static final String UPDATE_CP = "UPDATE transfer_checkpoint SET state = ?,"
      + " cursor_digest = ?, records = ?, bytes = ?, skipped_expired = ?, conflicts = ?,"
      + " deleted = ?, in_doubt = ?, failure = ?, updated_at = ?"
      + " WHERE migration_id = ? AND pass_number = ? AND partition_id = ?";
  private static final String INSERT_CP = "INSERT INTO transfer_checkpoint (state, cursor_digest,"
      + " records, bytes, skipped_expired, conflicts, deleted, in_doubt, failure, updated_at,"
      + " migration_id, pass_number, partition_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT_CP = "SELECT partition_id, state, cursor_digest, records,"
      + " bytes, skipped_expired, conflicts, deleted, in_doubt, failure, updated_at"
      + " FROM transfer_checkpoint WHERE migration_id = ? AND pass_number = ?";

  private static final String OWN_KEY = "migration_id = ? AND switch_nanos = ? AND namespace_name = ?"
      + " AND partition_id = ?";
  private static final String DELETE_OWN = "DELETE FROM transfer_own_version WHERE " + OWN_KEY
      + " AND digest = ?";
  private static final String INSERT_OWN = "INSERT INTO transfer_own_version (migration_id,"
      + " switch_nanos, namespace_name, partition_id, digest, generation) VALUES (?, ?, ?, ?, ?, ?)";
  private static final String SELECT_OWN = "SELECT digest, generation FROM transfer_own_version"
      + " WHERE " + OWN_KEY;
  private static final String FORGET_OTHER_SWITCHES = "DELETE FROM transfer_own_version"
      + " WHERE migration_id = ? AND switch_nanos <> ?";

  private final DataSource dataSource;

  public JdbcCheckpointStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void savePass(PassRecord p) {
    upsert(UPDATE_PASS, INSERT_PASS, ps -> {
      ps.setString(1, p.kind().name());
      ps.setString(2, p.namespace());
      ps.setString(3, p.set());
      ps.setLong(4, p.sinceNanos());
      ps.setObject(5, time(p.startedAt()));
      if (p.finishedAt() == null) {
        ps.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        ps.setObject(6, time(p.finishedAt()));
      }
      ps.setString(7, p.migrationId());
      ps.setInt(8, p.pass());
    });
  }

  @Override
  public Optional<PassRecord> pass(String migrationId, int pass) {
    List<PassRecord> found = queryPasses(SELECT_PASS + " WHERE migration_id = ? AND pass_number = ?",
        migrationId, pass);
    return found.stream().findFirst();
  }

  @Override
  public List<PassRecord> passes(String migrationId) {
    return queryPasses(SELECT_PASS + " WHERE migration_id = ? ORDER BY pass_number", migrationId,
        null);
  }

  @Override
  public void save(PartitionCheckpoint c) {
    upsert(UPDATE_CP, INSERT_CP, checkpoint(c));
  }

  /**
   * One transaction: the changed own versions (deleted, then inserted again with their new
   * generation: portable, and one worker owns a partition's rows), then the checkpoint row.
   */
  @Override
  public void save(PartitionCheckpoint c, OwnVersionChanges changes) {
    CheckpointStore.requireSamePartition(c, changes);
    if (changes.isEmpty()) {
      save(c);
      return;
    }
    inTransaction("checkpoint of " + c.migrationId() + " pass " + c.pass() + " partition " + c.partition()
        + " with its own versions", conn -> {
          writeOwnVersions(conn, c.migrationId(), changes);
          upsertOnce(conn, UPDATE_CP, INSERT_CP, checkpoint(c));
        });
  }

  /** One transaction for all: one commit (a disk write) instead of one per partition. */
  @Override
  public void saveAll(List<PartitionCheckpoint> checkpoints) {
    if (checkpoints.isEmpty()) {
      return;
    }
    PartitionCheckpoint first = checkpoints.get(0);
    inTransaction(checkpoints.size() + " checkpoints of " + first.migrationId() + " pass " + first.pass(), conn -> {
      for (PartitionCheckpoint c : checkpoints) {
        upsertOnce(conn, UPDATE_CP, INSERT_CP, checkpoint(c));
      }
    });
  }

  /** Statements that commit together. */
  @FunctionalInterface
  private interface Transaction {
    void run(Connection conn) throws SQLException;
  }

  /** Runs {@code work} in one transaction, once more when another writer inserted a row first. */
  private void inTransaction(String what, Transaction work) {
    try (Connection conn = dataSource.getConnection()) {
      boolean autoCommit = conn.getAutoCommit();
      conn.setAutoCommit(false);
      try {
        for (int attempt = 0; ; attempt++) {
          try {
            work.run(conn);
            conn.commit();
            return;
          } catch (SQLException e) {
            conn.rollback();
            // another writer inserted a checkpoint row first: the retry updates it
            if (!isDuplicateKey(e) || attempt == 1) {
              throw e;
            }
          } catch (RuntimeException e) {
            conn.rollback();
            throw e;
          }
        }
      } finally {
        conn.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record " + what + ": " + e.getMessage(), e);
    }
  }

  private static void writeOwnVersions(Connection conn, String migrationId, OwnVersionChanges ch)
      throws SQLException {
    try (PreparedStatement delete = conn.prepareStatement(DELETE_OWN);
        PreparedStatement insert = conn.prepareStatement(INSERT_OWN)) {
      boolean inserts = false;
      for (Map.Entry<String, Integer> e : ch.generations().entrySet()) {
        bindOwnKey(delete, migrationId, ch);
        delete.setString(5, e.getKey());
        delete.addBatch();
        if (e.getValue() != OwnVersionChanges.FORGET) {
          bindOwnKey(insert, migrationId, ch);
          insert.setString(5, e.getKey());
          insert.setInt(6, e.getValue());
          insert.addBatch();
          inserts = true;
        }
      }
      delete.executeBatch();
      if (inserts) {
        insert.executeBatch();
      }
    }
  }

  private static void bindOwnKey(PreparedStatement ps, String migrationId, OwnVersionChanges ch)
      throws SQLException {
    ps.setString(1, migrationId);
    ps.setLong(2, ch.switchNanos());
    ps.setString(3, ch.namespace());
    ps.setInt(4, ch.partition());
  }

  @Override
  public Map<String, Integer> ownVersions(
      String migrationId, long switchNanos, String namespace, int partition) {
    Map<String, Integer> out = new TreeMap<>();
    try (Connection conn = dataSource.getConnection();
        PreparedStatement ps = conn.prepareStatement(SELECT_OWN)) {
      ps.setString(1, migrationId);
      ps.setLong(2, switchNanos);
      ps.setString(3, namespace);
      ps.setInt(4, partition);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getInt(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read own versions of " + migrationId + " partition "
          + partition + ": " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public void forgetOwnVersions(String migrationId, long keepSwitchNanos) {
    try (Connection conn = dataSource.getConnection();
        PreparedStatement ps = conn.prepareStatement(FORGET_OTHER_SWITCHES)) {
      ps.setString(1, migrationId);
      ps.setLong(2, keepSwitchNanos);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop own versions of " + migrationId + ": "
          + e.getMessage(), e);
    }
  }

  private static Binder checkpoint(PartitionCheckpoint c) {
    return ps -> {
      ps.setString(1, c.state().name());
      byte[] cursor = c.cursor();
      ps.setString(2, cursor == null ? null : HexFormat.of().formatHex(cursor));
      ps.setLong(3, c.records());
      ps.setLong(4, c.bytes());
      ps.setLong(5, c.skippedExpired());
      ps.setLong(6, c.conflicts());
      ps.setLong(7, c.deleted());
      ps.setLong(8, c.inDoubt());
      ps.setString(9, c.failure() == null ? null : truncate(c.failure(), 2000));
      ps.setObject(10, time(c.updatedAt()));
      ps.setString(11, c.migrationId());
      ps.setInt(12, c.pass());
      ps.setInt(13, c.partition());
    };
  }

  @Override
  public Map<Integer, PartitionCheckpoint> partitions(String migrationId, int pass) {
    Map<Integer, PartitionCheckpoint> out = new TreeMap<>();
    try (Connection conn = dataSource.getConnection();
        PreparedStatement ps = conn.prepareStatement(SELECT_CP)) {
      ps.setString(1, migrationId);
      ps.setInt(2, pass);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String cursor = rs.getString(3);
          PartitionCheckpoint c = new PartitionCheckpoint(migrationId, pass, rs.getInt(1),
              PartitionState.valueOf(rs.getString(2)),
              cursor == null ? null : HexFormat.of().parseHex(cursor), rs.getLong(4),
              rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
              rs.getString(10), rs.getObject(11, OffsetDateTime.class).toInstant());
          out.put(c.partition(), c);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read checkpoints of " + migrationId + " pass " + pass
          + ": " + e.getMessage(), e);
    }
    return out;
  }

  private List<PassRecord> queryPasses(String sql, String migrationId, Integer pass) {
    List<PassRecord> out = new ArrayList<>();
    try (Connection conn = dataSource.getConnection();
        PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, migrationId);
      if (pass != null) {
        ps.setInt(2, pass);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          OffsetDateTime finished = rs.getObject(8, OffsetDateTime.class);
          out.add(new PassRecord(rs.getString(1), rs.getInt(2), PassKind.valueOf(rs.getString(3)),
              rs.getString(4), rs.getString(5), rs.getLong(6),
              rs.getObject(7, OffsetDateTime.class).toInstant(),
              finished == null ? null : finished.toInstant()));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read passes of " + migrationId + ": "
          + e.getMessage(), e);
    }
    return out;
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private void upsert(String update, String insert, Binder binder) {
    try (Connection conn = dataSource.getConnection()) {
      for (int attempt = 0; attempt < 2; attempt++) {
        try {
          upsertOnce(conn, update, insert, binder);
          return;
        } catch (SQLException e) {
          if (!isDuplicateKey(e) || attempt == 1) {
            throw e;
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record checkpoint: " + e.getMessage(), e);
    }
  }

  /** UPDATE, then INSERT when no row changed; a duplicate key means another writer was first. */
  private static void upsertOnce(Connection conn, String update, String insert, Binder binder)
      throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(update)) {
      binder.bind(ps);
      if (ps.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement ps = conn.prepareStatement(insert)) {
      binder.bind(ps);
      ps.executeUpdate();
    }
  }

  private static boolean isDuplicateKey(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("23");
  }

  private static OffsetDateTime time(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}

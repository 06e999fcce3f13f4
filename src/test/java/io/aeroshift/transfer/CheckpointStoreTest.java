package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aeroshift.testsupport.RequiresPostgres;
import io.agroal.api.AgroalDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same contract for the in-memory store and the JDBC store (H2, migrated by Flyway; PostgreSQL
 * too where it runs).
 */
class CheckpointStoreTest {

  private static final Instant T = Instant.parse("2026-11-28T07:00:00.123Z");

  private static JdbcCheckpointStore jdbc(String db) {
    return new JdbcCheckpointStore(StateStores.h2(db));
  }

  @Test
  void inMemoryStoreKeepsPassesAndPartitions() {
    contract(new InMemoryCheckpointStore());
  }

  @Test
  void jdbcStoreKeepsPassesAndPartitions() {
    contract(jdbc("cp-contract"));
  }

  @Test
  void jdbcStoreResumesAcrossInstances() {
    JdbcCheckpointStore first = jdbc("cp-resume");
    byte[] cursor = new byte[20];
    cursor[0] = 5;
    cursor[19] = (byte) 0xFE;
    first.save(new PartitionCheckpoint("m", 1, 5, PartitionState.IN_PROGRESS, cursor, 10, 100, 0,
        0, 0, 0, null, T));
    JdbcCheckpointStore second = jdbc("cp-resume");
    assertThat(second.partitions("m", 1).get(5).cursor()).isEqualTo(cursor);
  }

  @Test
  void inMemoryStoreKeepsOwnVersionsWithTheirCheckpoints() {
    ownVersionsContract(new InMemoryCheckpointStore());
  }

  @Test
  void jdbcStoreKeepsOwnVersionsWithTheirCheckpoints() {
    ownVersionsContract(jdbc("own-contract"));
  }

  @Test
  @ExtendWith(RequiresPostgres.class)
  void postgresStoreKeepsOwnVersionsWithTheirCheckpoints() {
    try (AgroalDataSource ds = StateStores.postgres("own_contract")) {
      ownVersionsContract(new JdbcCheckpointStore(ds));
    }
  }

  @Test
  void jdbcCheckpointAndOwnVersionsAreSavedTogetherOrNotAtAll() {
    atomicity(StateStores.h2("own-atomic"));
  }

  @Test
  @ExtendWith(RequiresPostgres.class)
  void postgresCheckpointAndOwnVersionsAreSavedTogetherOrNotAtAll() {
    try (AgroalDataSource ds = StateStores.postgres("own_atomic")) {
      atomicity(ds);
    }
  }

  private static final long SWITCH = 1_795_000_000_123_000_000L;
  private static final String D1 = "01".repeat(20);
  private static final String D2 = "fe".repeat(20);

  private static PartitionCheckpoint at(String migration, int partition, PartitionState state) {
    return new PartitionCheckpoint(migration, 3, partition, state, null, 1, 1, 0, 0, 0, 0, null, T);
  }

  private static void ownVersionsContract(CheckpointStore store) {
    store.save(at("m1", 7, PartitionState.IN_PROGRESS),
        new OwnVersionChanges(SWITCH, "test", 7, Map.of(D1, 5, D2, 9)));
    assertThat(store.ownVersions("m1", SWITCH, "test", 7)).isEqualTo(Map.of(D1, 5, D2, 9));
    assertThat(store.partitions("m1", 3).get(7).state()).isEqualTo(PartitionState.IN_PROGRESS);

    // a newer write replaces its entry, a delete by the engine drops it
    store.save(at("m1", 7, PartitionState.DONE),
        new OwnVersionChanges(SWITCH, "test", 7, Map.of(D1, 6, D2, OwnVersionChanges.FORGET)));
    assertThat(store.ownVersions("m1", SWITCH, "test", 7)).isEqualTo(Map.of(D1, 6));
    assertThat(store.partitions("m1", 3).get(7).state()).isEqualTo(PartitionState.DONE);

    store.save(at("m1", 7, PartitionState.DONE),
        new OwnVersionChanges(SWITCH + 1_000_000, "test", 7, Map.of(D2, 3)));
    store.save(at("m2", 7, PartitionState.DONE),
        new OwnVersionChanges(SWITCH, "test", 7, Map.of(D2, 4)));
    store.save(at("m1", 8, PartitionState.DONE), new OwnVersionChanges(SWITCH, "test", 8, Map.of()));
    assertThat(store.ownVersions("m1", SWITCH, "test", 7)).isEqualTo(Map.of(D1, 6));
    assertThat(store.ownVersions("m1", SWITCH + 1_000_000, "test", 7)).isEqualTo(Map.of(D2, 3));
    assertThat(store.ownVersions("m2", SWITCH, "test", 7)).isEqualTo(Map.of(D2, 4));
    assertThat(store.ownVersions("m1", SWITCH, "other", 7)).isEmpty();
    assertThat(store.ownVersions("m1", SWITCH, "test", 8)).isEmpty();
    assertThat(store.partitions("m1", 3)).containsOnlyKeys(7, 8);

    store.forgetOwnVersions("m1", SWITCH + 1_000_000);
    assertThat(store.ownVersions("m1", SWITCH, "test", 7)).as("an earlier switch").isEmpty();
    assertThat(store.ownVersions("m1", SWITCH + 1_000_000, "test", 7)).isEqualTo(Map.of(D2, 3));
    assertThat(store.ownVersions("m2", SWITCH, "test", 7)).as("another migration").isNotEmpty();

    assertThatThrownBy(() -> store.save(at("m1", 9, PartitionState.DONE),
        new OwnVersionChanges(SWITCH, "test", 10, Map.of(D1, 1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partition 10");
    assertThat(store.partitions("m1", 3)).doesNotContainKey(9);
    assertThat(store.ownVersions("m1", SWITCH, "test", 10)).isEmpty();
  }

  /** The checkpoint row fails after the own versions were written: neither may remain. */
  private static void atomicity(DataSource ds) {
    JdbcCheckpointStore healthy = new JdbcCheckpointStore(ds);
    healthy.save(at("m", 5, PartitionState.IN_PROGRESS),
        new OwnVersionChanges(SWITCH, "test", 5, Map.of(D1, 2)));
    JdbcCheckpointStore failing = new JdbcCheckpointStore(failingOn("transfer_checkpoint", ds));

    assertThatThrownBy(() -> failing.save(at("m", 5, PartitionState.DONE),
        new OwnVersionChanges(SWITCH, "test", 5, Map.of(D1, 3, D2, 7))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("partition 5");

    assertThat(healthy.ownVersions("m", SWITCH, "test", 5)).isEqualTo(Map.of(D1, 2));
    assertThat(healthy.partitions("m", 3).get(5).state()).isEqualTo(PartitionState.IN_PROGRESS);
    healthy.save(at("m", 5, PartitionState.DONE),
        new OwnVersionChanges(SWITCH, "test", 5, Map.of(D1, 3, D2, 7)));
    assertThat(healthy.ownVersions("m", SWITCH, "test", 5)).isEqualTo(Map.of(D1, 3, D2, 7));
  }

  /** A data source whose connections fail to prepare any statement naming {@code table}. */
  private static DataSource failingOn(String table, DataSource real) {
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          Object result = invoke(real, method, args);
          if (!(result instanceof Connection conn)) {
            return result;
          }
          return Proxy.newProxyInstance(Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class}, (p, m, a) -> {
                if (m.getName().equals("prepareStatement") && ((String) a[0]).contains(table)) {
                  throw new SQLException("injected failure on " + table, "58000");
                }
                return invoke(conn, m, a);
              });
        });
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void contract(CheckpointStore store) {
    PassRecord full = new PassRecord("m1", 1, PassKind.FULL, "test", null, 0, T, null);
    store.savePass(full);
    store.savePass(new PassRecord("m1", 2, PassKind.CATCH_UP, "test", "s", 42L, T.plusSeconds(5), null));
    store.savePass(new PassRecord("other", 1, PassKind.FULL, "test", null, 0, T, null));
    store.savePass(full.finished(T.plusSeconds(60)));

    assertThat(store.passes("m1")).extracting(PassRecord::pass).containsExactly(1, 2);
    assertThat(store.pass("m1", 1).orElseThrow().finishedAt()).isEqualTo(T.plusSeconds(60));
    assertThat(store.pass("m1", 2).orElseThrow().sinceNanos()).isEqualTo(42L);
    assertThat(store.pass("m1", 2).orElseThrow().set()).isEqualTo("s");
    assertThat(store.pass("m1", 3)).isEmpty();

    byte[] cursor = new byte[20];
    cursor[3] = 9;
    store.save(new PartitionCheckpoint("m1", 1, 7, PartitionState.IN_PROGRESS, cursor, 3, 300, 1,
        0, 0, 0, null, T));
    store.save(new PartitionCheckpoint("m1", 1, 7, PartitionState.DONE, null, 5, 500, 1, 2, 0, 1,
        null, T.plusSeconds(1)));
    store.save(new PartitionCheckpoint("m1", 1, 4095, PartitionState.FAILED, cursor, 0, 0, 0, 0, 0,
        0, "PERMANENT: code 13", T));
    store.save(new PartitionCheckpoint("m1", 2, 7, PartitionState.DONE, null, 1, 1, 0, 0, 0, 0,
        null, T));

    Map<Integer, PartitionCheckpoint> pass1 = store.partitions("m1", 1);
    assertThat(pass1).containsOnlyKeys(7, 4095);
    PartitionCheckpoint done = pass1.get(7);
    assertThat(done.state()).isEqualTo(PartitionState.DONE);
    assertThat(done.cursor()).isNull();
    assertThat(done.records()).isEqualTo(5);
    assertThat(done.conflicts()).isEqualTo(2);
    assertThat(done.inDoubt()).isEqualTo(1);
    assertThat(done.updatedAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(T.plusSeconds(1));
    assertThat(pass1.get(4095).failure()).isEqualTo("PERMANENT: code 13");
    assertThat(pass1.get(4095).cursor()).isEqualTo(cursor);
    assertThat(store.partitions("m1", 2)).containsOnlyKeys(7);
    assertThat(store.partitions("nope", 1)).isEmpty();

    // several at once: new rows and one that replaces an IN_PROGRESS row
    store.save(new PartitionCheckpoint("m1", 3, 9, PartitionState.IN_PROGRESS, cursor, 2, 2, 0, 0, 0, 0, null, T));
    store.saveAll(java.util.List.of(
        new PartitionCheckpoint("m1", 3, 8, PartitionState.DONE, null, 4, 4, 0, 0, 0, 0, null, T),
        new PartitionCheckpoint("m1", 3, 9, PartitionState.DONE, null, 6, 6, 0, 0, 0, 0, null, T)));
    assertThat(store.partitions("m1", 3)).containsOnlyKeys(8, 9);
    assertThat(store.partitions("m1", 3).get(9).state()).isEqualTo(PartitionState.DONE);
    assertThat(store.partitions("m1", 3).get(9).records()).isEqualTo(6);
    assertThat(store.partitions("m1", 3).get(9).cursor()).isNull();
  }
}

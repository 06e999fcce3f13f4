package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The same contract for the in-memory store and the JDBC store (H2, migrated by Flyway). */
class CheckpointStoreTest {

  private static final Instant T = Instant.parse("2026-11-28T07:00:00.123Z");

  private static JdbcCheckpointStore jdbc(String db) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return new JdbcCheckpointStore(ds);
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
  }
}

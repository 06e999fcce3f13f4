package io.aeroshift.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.planning.CopyMode;
import io.aeroshift.testsupport.RequiresPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One active run per (target, namespace) and kind, enforced by the database ({@code run_lock}),
 * on H2 and on PostgreSQL (when it answers): concurrent starts, release at the end, optimistic
 * versions, and runs stored before failures were typed.
 */
class RunLockTest {

  static JdbcDataSource h2(String db) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return ds;
  }

  /** A fresh schema of its own on the test PostgreSQL, migrated; skipped when PostgreSQL does not answer. */
  static DataSource postgres(String name) throws Exception {
    boolean up = RequiresPostgres.unreachable(RequiresPostgres.PORT) == null;
    Assumptions.assumeTrue(up || RequiresPostgres.required(RequiresPostgres.REQUIRE), "PostgreSQL unreachable");
    String schema = io.aeroshift.testsupport.PostgresProfile.schemaForThisCheckout(name);
    String base = "jdbc:postgresql://" + RequiresPostgres.HOST + ":" + RequiresPostgres.PORT + "/test";
    try (Connection c = DriverManager.getConnection(base, "postgres", ""); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      st.execute("CREATE SCHEMA " + schema);
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(base + "?currentSchema=" + schema);
    ds.setUser("postgres");
    Flyway.configure().dataSource(ds).schemas(schema).defaultSchema(schema).locations("classpath:db/migration").load()
        .migrate();
    return pooled(ds.getURL());
  }

  /**
   * Connections from a pool, as the service takes them (Agroal): a new PostgreSQL connection per
   * statement cost a copy run's 4,096 checkpoints per pass 25-30 s here. Left open until the JVM
   * ends, with the few connections it made.
   */
  private static DataSource pooled(String url) throws java.sql.SQLException {
    return io.agroal.api.AgroalDataSource.from(new io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier()
        .connectionPoolConfiguration(pool -> pool.maxSize(16)
            .connectionFactoryConfiguration(f -> f.jdbcUrl(url)
                .principal(new io.agroal.api.security.NamePrincipal("postgres")))));
  }

  private static CopyRunSpec spec(String id, String target, String namespace) {
    return new CopyRunSpec(id, "src", "a", target, null, namespace, null, CopyMode.SCAN_COPY, 0, 0, null, null,
        "engineer", Instant.now());
  }

  @Test
  void twoConcurrentStartsIntoOneNamespaceOnH2OneWins() throws Exception {
    concurrentStarts(h2("run-lock-concurrent"));
  }

  @Test
  void twoConcurrentStartsIntoOneNamespaceOnPostgresOneWins() throws Exception {
    concurrentStarts(postgres("aeroshift_runlock"));
  }

  /**
   * Eight threads save a new run into the same target namespace at the same moment, each with its
   * own connection: exactly one is stored, the others get {@link ScopeBusy} and store nothing.
   * Once the winner is saved final, the scope is free again; other namespaces were never blocked.
   */
  private static void concurrentStarts(DataSource ds) throws Exception {
    JdbcCopyRunStore store = new JdbcCopyRunStore(ds);
    int n = 8;
    CyclicBarrier together = new CyclicBarrier(n);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    List<Future<CopyRun>> starts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "race-" + i;
      starts.add(pool.submit(() -> {
        together.await(10, TimeUnit.SECONDS);
        return store.save(CopyRun.queued(spec(id, "tgt", "test")));
      }));
    }
    List<CopyRun> won = new ArrayList<>();
    int busy = 0;
    for (Future<CopyRun> f : starts) {
      try {
        won.add(f.get(30, TimeUnit.SECONDS));
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(ScopeBusy.class);
        assertThat(((ScopeBusy) e.getCause()).scope()).isEqualTo(new RunScope("tgt", "test"));
        busy++;
      }
    }
    pool.shutdownNow();
    assertThat(won).hasSize(1);
    assertThat(busy).isEqualTo(n - 1);
    assertThat(store.list()).extracting(CopyRun::id).containsExactly(won.get(0).id());

    // another namespace of the same target, and the same namespace of another target, are free
    store.save(CopyRun.queued(spec("other-ns", "tgt", "other")));
    store.save(CopyRun.queued(spec("other-target", "tgt2", "test")));

    // a fifth start while the winner runs is refused and names the holder
    CopyRun running = store.save(won.get(0).started(Instant.now()));
    assertThatThrownBy(() -> store.save(CopyRun.queued(spec("late", "tgt", "test"))))
        .isInstanceOfSatisfying(ScopeBusy.class, e -> assertThat(e.holder()).isEqualTo(running.id()));

    // the winner ends: the same save releases the scope
    store.save(running.ended(CopyRunState.SUCCEEDED, null, Instant.now()));
    CopyRun next = store.save(CopyRun.queued(spec("after", "tgt", "test")));
    assertThat(next.version()).isEqualTo(1);

    // resuming a finished run needs the scope again: refused while "after" holds it
    CopyRun ended = store.find(running.id()).orElseThrow();
    assertThatThrownBy(() -> store.save(ended.requeued())).isInstanceOf(ScopeBusy.class);
    assertThat(store.find(running.id()).orElseThrow().state()).isEqualTo(CopyRunState.SUCCEEDED);
  }

  @Test
  void aSaveOfAStaleVersionIsRefusedAndChangesNothing() {
    JdbcCopyRunStore store = new JdbcCopyRunStore(h2("run-lock-version"));
    CopyRun first = store.save(CopyRun.queued(spec("v-1", "tgt", "test")));
    CopyRun second = store.save(first.started(Instant.now()));
    assertThat(second.version()).isEqualTo(2);
    assertThatThrownBy(() -> store.save(first.withRateLimits(5, 5))).isInstanceOf(ConcurrentRunChange.class);
    CopyRun stored = store.find("v-1").orElseThrow();
    assertThat(stored.state()).isEqualTo(CopyRunState.RUNNING);
    assertThat(stored.recordsPerSecond()).isZero();
    assertThat(stored.version()).isEqualTo(2);
    // and a second insert of the same new run is a concurrent change, not a duplicate row
    assertThatThrownBy(() -> store.save(CopyRun.queued(spec("v-1", "tgt", "test"))))
        .isInstanceOfAny(ConcurrentRunChange.class, ScopeBusy.class);
  }

  @Test
  void typedFailuresAreStoredAndTextFailuresOfEarlierVersionsAreReadAsInternal() throws Exception {
    DataSource ds = h2("run-lock-legacy");
    JdbcCopyRunStore store = new JdbcCopyRunStore(ds);
    Instant at = Instant.parse("2026-12-01T10:00:00Z");
    CopyRun run = store.save(CopyRun.queued(spec("typed", "tgt", "test")));
    store.save(run.started(at).ended(CopyRunState.FAILED,
        Failure.of(FailureReason.TARGET_UNREACHABLE, "cannot connect to the target", at), at));
    Failure read = store.find("typed").orElseThrow().failure();
    assertThat(read.reason()).isEqualTo(FailureReason.TARGET_UNREACHABLE);
    assertThat(read.retriable()).isTrue();
    assertThat(read.detail()).isEqualTo("cannot connect to the target");

    // a row as V22's code wrote it: failure and a pass failure as text
    String legacy = "{\"spec\":{\"id\":\"old\",\"source\":\"src\",\"sourceTeam\":\"a\",\"targetCluster\":\"tgt\","
        + "\"namespace\":\"test\",\"mode\":\"SCAN_COPY\",\"createdBy\":\"e\",\"createdAt\":\"2026-11-01T00:00:00Z\"},"
        + "\"state\":\"FAILED\",\"attempts\":1,\"passes\":[{\"pass\":1,\"stage\":\"FULL\",\"startedAt\":"
        + "\"2026-11-01T00:00:01Z\",\"complete\":false,\"failure\":\"partition 7: timeout\"}],"
        + "\"finishedAt\":\"2026-11-01T00:10:00Z\",\"failure\":\"FULL pass 1 incomplete: partition 7: timeout\"}";
    try (Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
        "INSERT INTO copy_run (run_id, source_cluster, source_team, namespace_name, mode, state, created_at,"
            + " updated_at, run_json) VALUES ('old', 'src', 'a', 'test', 'SCAN_COPY', 'FAILED', ?, ?, ?)")) {
      ps.setObject(1, java.time.OffsetDateTime.parse("2026-11-01T00:00:00Z"));
      ps.setObject(2, java.time.OffsetDateTime.parse("2026-11-01T00:10:00Z"));
      ps.setString(3, legacy);
      ps.executeUpdate();
    }
    CopyRun old = store.find("old").orElseThrow();
    assertThat(old.failure().reason()).isEqualTo(FailureReason.INTERNAL);
    assertThat(old.failure().detail()).isEqualTo("FULL pass 1 incomplete: partition 7: timeout");
    assertThat(old.failure().at()).isEqualTo(Instant.parse("2026-11-01T00:10:00Z"));
    assertThat(old.passes().get(0).failure().detail()).isEqualTo("partition 7: timeout");
    assertThat(old.version()).isEqualTo(1);
    CopyRun resumed = store.save(old.requeued());
    assertThat(resumed.version()).isEqualTo(2);
    assertThat(resumed.state()).isEqualTo(CopyRunState.QUEUED);
  }
}

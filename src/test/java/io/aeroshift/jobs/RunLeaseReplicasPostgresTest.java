package io.aeroshift.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.planning.CopyMode;
import io.aeroshift.testsupport.ClusterContents;
import io.aeroshift.transfer.JdbcCheckpointStore;
import io.aeroshift.transfer.PartitionCheckpoint;
import io.aeroshift.transfer.PartitionState;
import io.aeroshift.transfer.TransferSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Two service replicas (two copy runners, each with its own lease owner) on one PostgreSQL schema:
 * the runs one replica works on are never taken by the other while it lives (it renews their
 * leases), however often the other looks; when the replica dies (its database connection is gone
 * and its work stops; its lease is neither renewed nor given up) the other takes the run over only
 * after the lease has run out, resumes it from the dead replica's checkpoints (no partition copied
 * twice) and finishes it with the target equal to the source, read record by record by the test.
 */
class RunLeaseReplicasPostgresTest {
  private static final Duration TTL = Duration.ofSeconds(3);
  private static final Duration DEADLINE = Duration.ofMinutes(5);

  /** A replica's connection to the state store, which its death takes away. */
  static final class Unpluggable implements DataSource {
    final DataSource real;
    final AtomicBoolean gone = new AtomicBoolean();

    Unpluggable(DataSource real) {
      this.real = real;
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (gone.get()) {
        throw new SQLException("this replica is dead", "08006");
      }
      return real.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }

  private static EmulatedCluster cluster() {
    return EmulatedCluster.builder().nodes(2).basePort(0)
        .namespace(NamespaceSpec.named("test").replicationFactor(1).defaultTtl(0)).start();
  }

  private static CopyRunService replica(String name, DataSource ds, EmulatedCluster source, EmulatedCluster target) {
    ClientPolicy p = new ClientPolicy();
    p.timeout = 2000;
    CopyRunService.Connector connector = spec -> new CopyRunService.Clients(new AerospikeClient(p, source.hosts()),
        new AerospikeClient(p, target.hosts()));
    TransferSettings settings = TransferSettings.defaults().withSkewMargin(Duration.ZERO).withCheckpointEvery(10)
        .withConcurrency(4, 8, 8);
    CopyRunService s = new CopyRunService(new JdbcCopyRunStore(ds, new LeaseTerms(name, TTL), Clock.systemUTC()),
        new JdbcCheckpointStore(ds), connector, (src, ns, set) -> 1500, settings, new SimpleMeterRegistry(),
        Clock.systemUTC(), Duration.ofMillis(100));
    s.takeOverEvery();
    return s;
  }

  /** The run's lease as stored: its owner, and whether it is still running at the time of the read. */
  private record Lease(String owner, boolean running) {}

  private static Lease lease(DataSource ds, String id) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT lease_owner, lease_until FROM copy_run WHERE run_id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        OffsetDateTime until = rs.getObject(2, OffsetDateTime.class);
        return new Lease(rs.getString(1), until != null && until.toInstant().isAfter(Instant.now()));
      }
    }
  }

  @Test
  void aLiveReplicasRunIsNeverTakenAndADeadOnesIsTakenOverAfterItsLeaseAndFinishedOnce() throws Exception {
    DataSource ds = RunLockTest.postgres("aeroshift_runlease");
    try (EmulatedCluster source = cluster(); EmulatedCluster target = cluster()) {
      source.loadRecords("test", "users", 1500, 60);
      CopyRunSpec spec = new CopyRunSpec("lease-run-1", "src", "a", null, target.seeds(), "test", null,
          CopyMode.SCAN_COPY, 100, 0, null, null, "engineer", Instant.now());
      Unpluggable aStore = new Unpluggable(ds);
      CopyRunService a = replica("replica-a", aStore, source, target);
      CopyRunService b = replica("replica-b", ds, source, target);
      try {
        a.start(spec);
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(
            () -> a.find(spec.id()).flatMap(CopyRunService.Observed::live)
                .filter(l -> l.progress().partitionsDone() > 50).isPresent());

        // B looks for runs to take over every second, and is asked directly too, for more than a
        // lease: A renews, so B never takes the run
        Awaitility.await().during(TTL.multipliedBy(2)).atMost(TTL.multipliedBy(4)).pollInterval(Duration.ofMillis(200))
            .until(() -> b.resumeInterrupted() == 0 && !b.runsHere(spec.id()) && a.runsHere(spec.id())
                && lease(ds, spec.id()).owner().equals("replica-a"));
        assertThat(b.find(spec.id()).orElseThrow().run().attempts()).isEqualTo(1);

        // A dies: its database connection goes, then its work stops; its lease stays as it was
        aStore.gone.set(true);
        a.close();
        assertThat(a.runsHere(spec.id())).isFalse();
        assertThat(lease(ds, spec.id()).owner()).isEqualTo("replica-a");
        JdbcCheckpointStore checkpoints = new JdbcCheckpointStore(ds);
        Map<Integer, Instant> doneBefore = checkpoints.partitions(spec.id(), 1).values().stream()
            .filter(c -> c.state() == PartitionState.DONE)
            .collect(Collectors.toMap(PartitionCheckpoint::partition, PartitionCheckpoint::updatedAt));
        assertThat(doneBefore).hasSizeGreaterThan(50);

        // until A's lease runs out B does not touch the run. The run is read before the lease: when
        // the lease is still A's after the read, it was A's during it, so a second attempt seen then
        // is a takeover before the deadline
        Awaitility.await().atMost(TTL.plus(Duration.ofSeconds(30))).pollInterval(Duration.ofMillis(50)).until(() -> {
          CopyRun seen = new JdbcCopyRunStore(ds).find(spec.id()).orElseThrow();
          boolean bRuns = b.runsHere(spec.id());
          Lease l = lease(ds, spec.id());
          boolean aHolds = "replica-a".equals(l.owner()) && l.running();
          if (aHolds) {
            assertThat(seen.attempts()).isEqualTo(1);
            assertThat(bRuns).isFalse();
          }
          return !aHolds;
        });

        // B takes it over (its periodic look), resumes it and finishes it
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> b.runsHere(spec.id()));
        b.setRateLimits(spec.id(), 0, 0);
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
            .until(() -> b.find(spec.id()).orElseThrow().run().state(), s -> !s.active());
        CopyRun done = b.find(spec.id()).orElseThrow().run();
        assertThat(done.state()).as("%s", done).isEqualTo(CopyRunState.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(lease(ds, spec.id()).owner()).isNull();
        assertThat(done.passes()).extracting(PassResult::stage)
            .containsExactly(CopyStage.FULL, CopyStage.CATCH_UP, CopyStage.RECONCILE);
        // partitions A finished were not copied again by B
        Map<Integer, PartitionCheckpoint> after = checkpoints.partitions(spec.id(), 1);
        doneBefore.forEach((p, at) -> assertThat(after.get(p).updatedAt()).as("partition %d", p).isEqualTo(at));
        assertThat(ClusterContents.of(target.hosts(), "test")).hasSize(1500)
            .isEqualTo(ClusterContents.of(source.hosts(), "test"));
        // no run_lock left behind: the scope is free for the next run
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
            "SELECT COUNT(*) FROM run_lock WHERE run_id = ?")) {
          ps.setString(1, spec.id());
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
          }
        }
      } finally {
        aStore.gone.set(true);
        a.close();
        b.close();
      }
    }
  }
}

package io.aeroshift.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.planning.CopyMode;
import io.aeroshift.testsupport.ClusterContents;
import io.aeroshift.transfer.JdbcCheckpointStore;
import io.aeroshift.transfer.TransferSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, seeds 5004 and 5017 of {@code bin/chaos}: one drop of a side's connections ended a
 * run at once (a scan copy FAILED INTERNAL, a backup FAILED SOURCE_UNREACHABLE) with "Error -8:
 * Connection failed", where a connection failure is transient and is retried within the run's
 * unreachable deadline. The drop is made deterministic: the side's pooled connections are opened,
 * then the emulator closes them, so the run's next info command meets a dead connection.
 */
class CopyRunTransientFailureTest {
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @Test
  void aScanCopyRidesOutOneDropOfTheTargetsConnections() {
    JdbcDataSource ds = RunLockTest.h2("copy-drop-target");
    try (EmulatedCluster source = cluster(); EmulatedCluster target = cluster()) {
      source.loadRecords("test", "users", 500, 60);
      AtomicBoolean dropped = new AtomicBoolean();
      CopyRunService.Connector connector = spec -> {
        IAerospikeClient t = new AerospikeClient(policy(), target.hosts());
        if (dropped.compareAndSet(false, true)) {
          dropPooledConnections(t, target);
        }
        return new CopyRunService.Clients(new AerospikeClient(policy(), source.hosts()), t);
      };
      CopyRunSpec spec = new CopyRunSpec("copy-drop-target-1", "src", "a", null, target.seeds(), "test", null,
          CopyMode.SCAN_COPY, 0, 0, null, null, "engineer", Instant.now());
      CopyRun ended = runToTheEnd(ds, connector, spec);

      assertThat(dropped).isTrue();
      assertSucceededWithEveryRecordCopied(ended, source, target);
    }
  }

  @Test
  void aBackupRidesOutOneDropOfTheSourcesConnections(@TempDir Path dir) {
    JdbcDataSource ds = RunLockTest.h2("backup-drop-source");
    try (EmulatedCluster source = cluster(); EmulatedCluster target = cluster()) {
      source.loadRecords("test", "users", 500, 60);
      AtomicBoolean dropped = new AtomicBoolean();
      CopyRunService.Connector connector = spec -> {
        IAerospikeClient s = new AerospikeClient(policy(), source.hosts());
        // the backup step is the first to ask the client for its cluster (a random node for sindex-list)
        IAerospikeClient dropping = dropped.get() ? s : onFirstClusterLookup(s, () -> {
          if (dropped.compareAndSet(false, true)) {
            dropPooledConnections(s, source);
          }
        });
        return new CopyRunService.Clients(dropping, new AerospikeClient(policy(), target.hosts()));
      };
      BackupSpec backup = new BackupSpec(dir.toString(), null, null, null, false, 1);
      CopyRunSpec spec = new CopyRunSpec("backup-drop-source-1", "src", "a", null, target.seeds(), "test", null,
          CopyMode.BACKUP_RESTORE, 0, 0, backup, null, "engineer", Instant.now());
      CopyRun ended = runToTheEnd(ds, connector, spec);

      assertThat(dropped).isTrue();
      assertSucceededWithEveryRecordCopied(ended, source, target);
    }
  }

  /**
   * Seed 6001: source node 0 stopped for 2.7 s as the backup starts (its info commands meet the
   * stopped node); the node is started again by the test while the run retries.
   */
  @Test
  void aBackupRidesOutASourceNodeStoppedForAFewSeconds(@TempDir Path dir) {
    JdbcDataSource ds = RunLockTest.h2("backup-stop-source");
    try (EmulatedCluster source = cluster(); EmulatedCluster target = cluster()) {
      source.loadRecords("test", "users", 500, 60);
      AtomicReference<Instant> stoppedAt = new AtomicReference<>();
      CopyRunService.Connector connector = spec -> {
        IAerospikeClient s = new AerospikeClient(policy(), source.hosts());
        IAerospikeClient stopping = stoppedAt.get() != null ? s : onFirstClusterLookup(s, () -> {
          if (stoppedAt.compareAndSet(null, Instant.now())) {
            source.stopNode(0);
          }
        });
        return new CopyRunService.Clients(stopping, new AerospikeClient(policy(), target.hosts()));
      };
      BackupSpec backup = new BackupSpec(dir.toString(), null, null, null, false, 1);
      CopyRunSpec spec = new CopyRunSpec("backup-stop-source-1", "src", "a", null, target.seeds(), "test", null,
          CopyMode.BACKUP_RESTORE, 0, 0, backup, null, "engineer", Instant.now());
      try (CopyRunService service = service(ds, connector)) {
        service.start(spec);
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10)).until(() -> stoppedAt.get() != null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
            .until(() -> Duration.between(stoppedAt.get(), Instant.now()).toMillis() >= 2700);
        source.startNode(0);
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
            .until(() -> service.find(spec.id()).orElseThrow(), o -> !o.run().state().active());
      }
      CopyRun ended = new JdbcCopyRunStore(ds).find(spec.id()).orElseThrow();
      assertSucceededWithEveryRecordCopied(ended, source, target);
    }
  }

  /** A target whose connections drop at every attempt: retried, then TARGET_UNREACHABLE in about the deadline. */
  @Test
  void aTargetFailingPastTheDeadlineEndsTargetUnreachableInAboutTheDeadline() {
    JdbcDataSource ds = RunLockTest.h2("copy-drop-target-always");
    try (EmulatedCluster source = cluster(); EmulatedCluster target = cluster()) {
      source.loadRecords("test", "users", 100, 60);
      AtomicInteger opens = new AtomicInteger();
      CopyRunService.Connector connector = spec -> {
        opens.incrementAndGet();
        IAerospikeClient t = new AerospikeClient(policy(), target.hosts());
        dropPooledConnections(t, target);
        return new CopyRunService.Clients(new AerospikeClient(policy(), source.hosts()), t);
      };
      CopyRunSpec spec = new CopyRunSpec("copy-drop-target-always-1", "src", "a", null, target.seeds(), "test", null,
          CopyMode.SCAN_COPY, 0, 0, null, null, "engineer", Instant.now());
      long started = System.nanoTime();
      try (CopyRunService service = service(ds, connector, Duration.ofSeconds(2), Duration.ofSeconds(30))) {
        service.start(spec);
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
            .until(() -> service.find(spec.id()).orElseThrow(), o -> !o.run().state().active());
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      CopyRun ended = new JdbcCopyRunStore(ds).find(spec.id()).orElseThrow();
      assertThat(ended.state()).as("%s", ended).isEqualTo(CopyRunState.FAILED);
      assertThat(ended.failure().reason()).isEqualTo(FailureReason.TARGET_UNREACHABLE);
      assertThat(ended.failure().detail()).contains("unreachable deadline 2000 ms");
      assertThat(opens.get()).isGreaterThan(1);
      assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(30));
    }
  }

  /** A stop while the runner waits to retry a failing side ends the run STOPPED, not at the deadline. */
  @Test
  void aStopWhileRetryingEndsTheRunStoppedWithoutWaitingForTheDeadline() {
    JdbcDataSource ds = RunLockTest.h2("copy-drop-target-stop");
    try (EmulatedCluster source = cluster(); EmulatedCluster target = cluster()) {
      source.loadRecords("test", "users", 100, 60);
      AtomicInteger opens = new AtomicInteger();
      CopyRunService.Connector connector = spec -> {
        opens.incrementAndGet();
        IAerospikeClient t = new AerospikeClient(policy(), target.hosts());
        dropPooledConnections(t, target);
        return new CopyRunService.Clients(new AerospikeClient(policy(), source.hosts()), t);
      };
      CopyRunSpec spec = new CopyRunSpec("copy-drop-target-stop-1", "src", "a", null, target.seeds(), "test", null,
          CopyMode.SCAN_COPY, 0, 0, null, null, "engineer", Instant.now());
      try (CopyRunService service = service(ds, connector, Duration.ofSeconds(120), Duration.ofSeconds(300))) {
        service.start(spec);
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> opens.get() >= 2);
        service.stop(spec.id());
        // far below the 120 s deadline: the wait before the next retry ends with the stop
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
            .until(() -> new JdbcCopyRunStore(ds).find(spec.id()).orElseThrow(), r -> !r.state().active());
      }
      CopyRun ended = new JdbcCopyRunStore(ds).find(spec.id()).orElseThrow();
      assertThat(ended.state()).as("%s", ended).isEqualTo(CopyRunState.STOPPED);
    }
  }

  /** Starts the run and returns it as stored once ended, read back with a store of its own. */
  /** The run SUCCEEDED and the target holds the source's 500 records, read record by record. */
  private static void assertSucceededWithEveryRecordCopied(CopyRun ended, EmulatedCluster source, EmulatedCluster target) {
    assertThat(ended.state()).as("%s", ended).isEqualTo(CopyRunState.SUCCEEDED);
    assertThat(ClusterContents.of(target.hosts(), "test")).hasSize(500)
        .isEqualTo(ClusterContents.of(source.hosts(), "test"));
  }

  private static CopyRun runToTheEnd(JdbcDataSource ds, CopyRunService.Connector connector, CopyRunSpec spec) {
    try (CopyRunService service = service(ds, connector)) {
      service.start(spec);
      Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
          .until(() -> service.find(spec.id()).orElseThrow(), o -> !o.run().state().active());
      return new JdbcCopyRunStore(ds).find(spec.id()).orElseThrow();
    }
  }

  private static CopyRunService service(JdbcDataSource ds, CopyRunService.Connector connector) {
    return service(ds, connector, Duration.ofSeconds(20), Duration.ofSeconds(30));
  }

  private static CopyRunService service(
      JdbcDataSource ds, CopyRunService.Connector connector, Duration unreachableDeadline, Duration stallLimit) {
    TransferSettings settings = TransferSettings.defaults().withSkewMargin(Duration.ZERO).withConcurrency(4, 8, 8)
        .withUnreachableDeadline(unreachableDeadline);
    return new CopyRunService(new JdbcCopyRunStore(ds), new JdbcCheckpointStore(ds), connector,
        (src, ns, set) -> 500, settings, new SimpleMeterRegistry(), Clock.systemUTC(), stallLimit);
  }

  /** Fills each node's pool with a connection, then has the emulator close every connection. */
  private static void dropPooledConnections(IAerospikeClient client, EmulatedCluster cluster) {
    for (Node node : client.getNodes()) {
      Info.request(null, node, "namespaces");
    }
    cluster.faults().dropAllConnections();
  }

  /** The client, {@code fault} run when the run first asks it for its cluster (before the call). */
  private static IAerospikeClient onFirstClusterLookup(IAerospikeClient client, Runnable fault) {
    AtomicBoolean done = new AtomicBoolean();
    return (IAerospikeClient) Proxy.newProxyInstance(IAerospikeClient.class.getClassLoader(),
        new Class<?>[] {IAerospikeClient.class}, (proxy, method, args) -> {
          if (method.getName().equals("getCluster") && done.compareAndSet(false, true)) {
            fault.run();
          }
          try {
            return method.invoke(client, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static ClientPolicy policy() {
    ClientPolicy p = new ClientPolicy();
    p.timeout = 2000;
    return p;
  }


  private static EmulatedCluster cluster() {
    return EmulatedCluster.builder().nodes(2).basePort(0)
        .namespace(NamespaceSpec.named("test").replicationFactor(1).defaultTtl(0)).start();
  }
}

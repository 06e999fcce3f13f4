package io.aeroshift.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.planning.CopyMode;
import io.aeroshift.transfer.JdbcCheckpointStore;
import io.aeroshift.transfer.TransferSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, "a dead target hangs": a copy run of the job runner (what {@code POST /api/v1/copies}
 * starts) whose target dies mid-copy stayed RUNNING with {@code failure: null}, the reason only in
 * the failed partitions. Past the unreachable deadline it must end FAILED with the typed reason.
 */
class CopyRunUnreachableTest {
  private static final Duration UNREACHABLE_DEADLINE = Duration.ofSeconds(2);

  @Test
  void aRunWhoseTargetDiesEndsFailedTargetUnreachableWithinItsDeadline() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:copy-unreachable;DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    try (EmulatedCluster source = cluster(); EmulatedCluster target = cluster()) {
      source.loadRecords("test", "users", 2000, 60);
      ClientPolicy p = new ClientPolicy();
      p.timeout = 1000;
      CopyRunService.Connector connector = spec -> new CopyRunService.Clients(new AerospikeClient(p, source.hosts()),
          new AerospikeClient(p, target.hosts()));
      TransferSettings settings = TransferSettings.defaults().withSkewMargin(Duration.ZERO).withConcurrency(4, 8, 8)
          .withUnreachableDeadline(UNREACHABLE_DEADLINE);
      CopyRunSpec spec = new CopyRunSpec("copy-unreachable-1", "src", "a", null, target.seeds(), "test", null,
          CopyMode.SCAN_COPY, 200, 0, null, null, "engineer", Instant.now());
      try (CopyRunService service = new CopyRunService(new JdbcCopyRunStore(ds), new JdbcCheckpointStore(ds), connector,
          (src, ns, set) -> 2000, settings, new SimpleMeterRegistry(), Clock.systemUTC(), Duration.ofMillis(100))) {
        service.start(spec);
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
            .until(() -> service.find(spec.id()).orElseThrow().live()
                .filter(l -> l.progress().partitionsDone() > 20).isPresent());
        target.stopNode(0);
        target.stopNode(1);

        // the deadline plus the engine's own wind-down, bounded: a run that hangs fails here
        CopyRunService.Observed ended = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
            .until(() -> service.find(spec.id()).orElseThrow(), o -> !o.run().state().active());
        // read back from the store with a reader of its own, not the service's view
        CopyRun stored = new JdbcCopyRunStore(ds).find(spec.id()).orElseThrow();
        assertThat(stored.state()).as("%s", ended.run()).isEqualTo(CopyRunState.FAILED);
        assertThat(stored.failure()).isNotNull();
        assertThat(stored.failure().reason()).isEqualTo(FailureReason.TARGET_UNREACHABLE);
        assertThat(stored.failure().detail()).contains("the target has had no connected node");
      }
    }
  }

  private static EmulatedCluster cluster() {
    return EmulatedCluster.builder().nodes(2).basePort(0)
        .namespace(NamespaceSpec.named("test").replicationFactor(1).defaultTtl(0)).start();
  }
}

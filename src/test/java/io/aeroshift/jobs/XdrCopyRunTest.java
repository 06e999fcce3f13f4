package io.aeroshift.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.EmulatedXdrProxy;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.planning.CopyMode;
import io.aeroshift.testsupport.ClusterContents;
import io.aeroshift.testsupport.LiveSourceWriter;
import io.aeroshift.transfer.JdbcCheckpointStore;
import io.aeroshift.transfer.TransferSettings;
import io.aeroshift.transfer.xdr.XdrMonitor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * XDR as a copy mode of the job runner, on emulated clusters: the run sets XDR up on every source
 * node, reports the replication's progress and lag while live writes and deletes ship, ends
 * SUCCEEDED when finished after the drain with nothing left on any source node, and refuses, typed,
 * what cannot work (Community source, missing feature key, destination unreachable in time).
 */
class XdrCopyRunTest {
  private static final String NS = "test";
  private static final Duration DEADLINE = Duration.ofSeconds(90);


  private static ClientPolicy policy() {
    ClientPolicy p = new ClientPolicy();
    p.timeout = 2000;
    p.tendInterval = 250;
    return p;
  }

  private static EmulatedCluster enterprise(int nodes, String... features) {
    EmulatedCluster.Builder b = EmulatedCluster.builder().nodes(nodes).edition(Edition.ENTERPRISE).build("7.2.0.6")
        .namespace(NamespaceSpec.named(NS).replicationFactor(2));
    if (features.length > 0) {
      b.featureKeys(features);
    }
    return b.start();
  }

  private static CopyRunService service(String db, EmulatedCluster source, EmulatedCluster target) {
    JdbcDataSource ds = RunLockTest.h2(db);
    CopyRunService.Connector connector = spec -> new CopyRunService.Clients(new AerospikeClient(policy(), source.hosts()),
        new AerospikeClient(policy(), target.hosts()));
    return new CopyRunService(new JdbcCopyRunStore(ds), new JdbcCheckpointStore(ds), connector, (src, ns, set) -> 1000,
        TransferSettings.defaults(), new SimpleMeterRegistry(), Clock.systemUTC(), Duration.ofMillis(100));
  }

  private static CopyRunSpec spec(String id, EmulatedCluster target, XdrSpec xdr) {
    return new CopyRunSpec(id, "src", "a", null, target.seeds(), NS, null, CopyMode.XDR, 0, 0, null, null, "engineer",
        Instant.now(), xdr);
  }

  private static CopyRunService.Observed await(CopyRunService s, String id, Predicate<CopyRunService.Observed> done) {
    return Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
        .until(() -> s.find(id).orElseThrow(), done::test);
  }

  private static void assertNoXdrOnAnyNode(EmulatedCluster source) {
    try (AerospikeClient c = new AerospikeClient(policy(), source.hosts())) {
      for (Node n : c.getNodes()) {
        assertThat(Info.request(null, n, "get-config:context=xdr")).as("node " + n).startsWith("dcs=;");
      }
    }
  }

  /** Puts, updates and deletes on the source until stopped. */
  private static Thread liveWrites(EmulatedCluster source, AtomicBoolean stop, AtomicInteger ops) {
    return new LiveSourceWriter(NS, "s", 300, 500, 5, 7, i -> new Bin[] {new Bin("v", i)})
        .start("live-writes", policy(), source.hosts(), stop, ops);
  }

  private static void shipsLiveWritesAndDeletesThenFinishes(String db, EmulatedCluster source, EmulatedCluster target,
      XdrSpec xdr) throws Exception {
    source.loadRecords(NS, "s", 1_000, 100);
    CopyRunService service = service(db, source, target);
    try {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger ops = new AtomicInteger();
      Thread writer = liveWrites(source, stop, ops);
      CopyRunSpec spec = spec(db, target, xdr);
      try {
        service.start(spec);
        CopyRunService.Observed running = await(service, spec.id(), o -> o.live().isPresent());
        assertThat(running.run().stage()).isEqualTo(CopyStage.XDR);
        Awaitility.await().atMost(DEADLINE).until(() -> ops.get() > 1_500
            && service.xdrObservation(spec.id()).filter(o -> o.recoveriesPending() == 0
                && o.state() != XdrMonitor.State.BLOCKED).isPresent());
      } finally {
        stop.set(true);
        writer.join();
      }
      XdrMonitor.Observation caughtUp = Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
          .until(() -> service.xdrObservation(spec.id()).orElseThrow(), XdrMonitor.Observation::ready);
      assertThat(caughtUp.lagSeconds()).isZero();
      assertThat(caughtUp.shipped()).isPositive();
      CopyRunService.Observed observed = service.find(spec.id()).orElseThrow();
      assertThat(observed.run().state()).isEqualTo(CopyRunState.RUNNING);
      assertThat(observed.live().orElseThrow().stage()).isEqualTo(CopyStage.XDR);
      assertThat(observed.live().orElseThrow().progress().partitionsDone()).isEqualTo(4096);
      assertThat(service.find(spec.id()).orElseThrow().live().orElseThrow().progress().records())
          .isEqualTo(service.xdrObservation(spec.id()).orElseThrow().shipped());

      // this test's own record-by-record comparison: writes and deletes arrived
      assertThat(ClusterContents.of(target.hosts(), NS)).isEqualTo(ClusterContents.of(source.hosts(), NS));

      service.finishXdr(spec.id());
      CopyRunService.Observed done = await(service, spec.id(), o -> !o.run().state().active());
      assertThat(done.run().state()).as("%s", done.run().failure()).isEqualTo(CopyRunState.SUCCEEDED);
      assertNoXdrOnAnyNode(source);
      try (AerospikeClient c = new AerospikeClient(policy(), source.hosts())) {
        c.put(null, new Key(NS, "s", "after-finish"), new Bin("v", 1));
      }
      try (AerospikeClient t = new AerospikeClient(policy(), target.hosts())) {
        assertThat(t.exists(null, new Key(NS, "s", "after-finish"))).isFalse();
      }
    } finally {
      service.close();
    }
  }

  @Test
  void shipsToTheTargetNodesWithLiveWritesAndDeletesAndLeavesNothingWhenFinished() throws Exception {
    try (EmulatedCluster source = enterprise(2); EmulatedCluster target = enterprise(2)) {
      shipsLiveWritesAndDeletesThenFinishes("xdr-direct", source, target, XdrSpec.direct());
    }
  }

  @Test
  void shipsThroughAnXdrProxyEndpoint() throws Exception {
    try (EmulatedCluster source = enterprise(2); EmulatedCluster target = enterprise(2);
        EmulatedXdrProxy proxy = EmulatedXdrProxy.start(List.of(target.hosts()), policy())) {
      shipsLiveWritesAndDeletesThenFinishes("xdr-proxy", source, target, XdrSpec.viaProxy(List.of(proxy.address())));
      assertThat(proxy.writes()).isPositive();
      assertThat(proxy.deletes()).isPositive();
    }
  }

  @Test
  void aStoppedRunTearsXdrDownAndEndsStopped() {
    try (EmulatedCluster source = enterprise(1); EmulatedCluster target = enterprise(1)) {
      CopyRunService service = service("xdr-stop", source, target);
      try {
        CopyRunSpec spec = spec("xdr-stop", target, XdrSpec.direct());
        service.start(spec);
        Awaitility.await().atMost(DEADLINE).until(() -> service.xdrObservation(spec.id()).isPresent());
        service.stop(spec.id());
        CopyRunService.Observed done = await(service, spec.id(), o -> !o.run().state().active());
        assertThat(done.run().state()).isEqualTo(CopyRunState.STOPPED);
        assertNoXdrOnAnyNode(source);
      } finally {
        service.close();
      }
    }
  }

  @Test
  void aCommunitySourceFailsTypedWithTheModesItCanUse() {
    try (EmulatedCluster ce = EmulatedCluster.builder().nodes(2).edition(Edition.COMMUNITY).build("6.4.0.10")
        .namespace(NamespaceSpec.named(NS).replicationFactor(2)).start();
        EmulatedCluster target = enterprise(1)) {
      CopyRunService service = service("xdr-ce", ce, target);
      try {
        CopyRunSpec spec = spec("xdr-ce", target, XdrSpec.direct());
        service.start(spec);
        CopyRunService.Observed done = await(service, spec.id(), o -> !o.run().state().active());
        assertThat(done.run().state()).isEqualTo(CopyRunState.FAILED);
        assertThat(done.run().failure().reason()).isEqualTo(FailureReason.XDR_NOT_AVAILABLE);
        assertThat(done.run().failure().retriable()).isFalse();
        assertThat(done.run().failure().detail()).contains("Community Edition").contains("SCAN_COPY")
            .contains("BACKUP_RESTORE");
      } finally {
        service.close();
      }
    }
  }

  @Test
  void aSourceWithoutTheXdrFeatureKeyFailsTypedAndIsLeftUnchanged() {
    try (EmulatedCluster source = enterprise(1, "asdb-compression"); EmulatedCluster target = enterprise(1)) {
      CopyRunService service = service("xdr-nokey", source, target);
      try {
        CopyRunSpec spec = spec("xdr-nokey", target, XdrSpec.direct());
        service.start(spec);
        CopyRunService.Observed done = await(service, spec.id(), o -> !o.run().state().active());
        assertThat(done.run().failure().reason()).isEqualTo(FailureReason.XDR_NOT_AVAILABLE);
        assertThat(done.run().failure().detail()).contains("asdb-xdr");
        assertNoXdrOnAnyNode(source);
      } finally {
        service.close();
      }
    }
  }

  @Test
  void anUnreachableDestinationFailsWithinThePlansTimeoutAndLeavesNothing() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (EmulatedCluster source = enterprise(2); EmulatedCluster target = enterprise(1)) {
      CopyRunService service = service("xdr-unreachable", source, target);
      try {
        CopyRunSpec spec = spec("xdr-unreachable", target,
            XdrSpec.viaProxy(List.of("127.0.0.1:" + closedPort)).withReachTimeoutSeconds(2));
        long started = System.nanoTime();
        service.start(spec);
        CopyRunService.Observed done = await(service, spec.id(), o -> !o.run().state().active());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(done.run().failure().reason()).isEqualTo(FailureReason.TARGET_UNREACHABLE);
        assertThat(done.run().failure().detail()).contains("127.0.0.1:" + closedPort).contains("within 2 s");
        // bounded by the plan's timeout, not hanging (generous for a loaded machine)
        assertThat(took).isLessThan(Duration.ofSeconds(30));
        assertNoXdrOnAnyNode(source);
      } finally {
        service.close();
      }
    }
  }
}

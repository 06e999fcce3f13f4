package io.aeroshift.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
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
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restart of the service, at service level: a run is interrupted by its service closing (as at
 * shutdown: the stored run stays RUNNING), then a fresh service on the same state store resumes it
 * at startup from the engine's checkpoints: partitions finished before the restart are not copied
 * again, and the target ends equal to the source.
 */
class CopyRunResumeTest {
  private static final Duration DEADLINE = Duration.ofSeconds(90);


  private static EmulatedCluster cluster() {
    return EmulatedCluster.builder().nodes(2).basePort(0)
        .namespace(NamespaceSpec.named("test").replicationFactor(1).defaultTtl(0)).start();
  }

  private static CopyRunService service(JdbcDataSource ds, EmulatedCluster source, EmulatedCluster target) {
    ClientPolicy p = new ClientPolicy();
    p.timeout = 2000;
    CopyRunService.Connector connector = spec -> new CopyRunService.Clients(new AerospikeClient(p, source.hosts()),
        new AerospikeClient(p, target.hosts()));
    TransferSettings settings = TransferSettings.defaults().withSkewMargin(Duration.ZERO).withCheckpointEvery(10)
        .withConcurrency(4, 8, 8);
    return new CopyRunService(new JdbcCopyRunStore(ds), new JdbcCheckpointStore(ds), connector,
        (src, ns, set) -> 1000, settings, new SimpleMeterRegistry(), Clock.systemUTC(), Duration.ofMillis(100));
  }

  private static CopyRunService.Observed await(CopyRunService s, String id, Predicate<CopyRunService.Observed> done) {
    return Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20))
        .until(() -> s.find(id).orElseThrow(), done::test);
  }

  @Test
  void aRunInterruptedByAStopOfTheServiceIsResumedFromItsCheckpointsByTheNextStart() {
    JdbcDataSource ds = RunLockTest.h2("copy-resume");
    try (EmulatedCluster source = cluster(); EmulatedCluster target = cluster()) {
      source.loadRecords("test", "users", 1000, 60);
      CopyRunSpec spec = new CopyRunSpec("copy-resume-1", "src", "a", null, target.seeds(), "test", null,
          CopyMode.SCAN_COPY, 150, 0, null, null, "engineer", Instant.now());

      CopyRunService first = service(ds, source, target);
      first.start(spec);
      await(first, spec.id(), o -> o.live().filter(l -> l.progress().partitionsDone() > 50).isPresent());
      first.close(); // the service stops: the run is left as it was

      CopyRun interrupted = new JdbcCopyRunStore(ds).find(spec.id()).orElseThrow();
      assertThat(interrupted.state()).isEqualTo(CopyRunState.RUNNING);
      JdbcCheckpointStore checkpoints = new JdbcCheckpointStore(ds);
      Map<Integer, Instant> doneBefore = checkpoints.partitions(spec.id(), 1).values().stream()
          .filter(c -> c.state() == PartitionState.DONE)
          .collect(Collectors.toMap(PartitionCheckpoint::partition, PartitionCheckpoint::updatedAt));
      assertThat(doneBefore).hasSizeGreaterThan(50);
      assertThat(ClusterContents.of(target.hosts(), "test").size()).isLessThan(1000);

      CopyRunService second = service(ds, source, target);
      try {
        assertThat(second.resumeInterrupted()).isEqualTo(1);
        second.setRateLimits(spec.id(), 0, 0);
        CopyRunService.Observed done = await(second, spec.id(), o -> !o.run().state().active());
        assertThat(done.run().state()).as("%s", done.run()).isEqualTo(CopyRunState.SUCCEEDED);
        assertThat(done.run().attempts()).isEqualTo(2);
        assertThat(done.run().passes()).extracting(PassResult::stage)
            .containsExactly(CopyStage.FULL, CopyStage.CATCH_UP, CopyStage.RECONCILE);
        assertThat(done.run().passes().get(0).records()).isEqualTo(1000);
        // partitions finished before the restart were not copied again
        Map<Integer, PartitionCheckpoint> after = checkpoints.partitions(spec.id(), 1);
        doneBefore.forEach((p, at) -> assertThat(after.get(p).updatedAt()).as("partition %d", p).isEqualTo(at));
        assertThat(ClusterContents.of(target.hosts(), "test")).hasSize(1000)
            .isEqualTo(ClusterContents.of(source.hosts(), "test"));
        assertThat(second.list()).extracting(o -> o.run().id()).containsExactly(spec.id());
      } finally {
        second.close();
      }
    }
  }

  /**
   * A BACKUP_RESTORE run interrupted in its backup resumes that backup (finished files stay) and
   * its catch-up starts from the first attempt's backup start: a source update made while the
   * service was down, to records whose partitions were already in finished files, reaches the
   * target. Were the catch-up to start at the resumed attempt, those updates would be lost.
   */
  @Test
  void aBackupRestoreRunInterruptedInItsBackupResumesItAndCatchesUpFromTheFirstStart(@TempDir Path dir) {
    JdbcDataSource ds = RunLockTest.h2("backup-resume");
    try (EmulatedCluster source = cluster(); EmulatedCluster target = cluster()) {
      source.loadRecords("test", "users", 1000, 60);
      BackupSpec backup = new BackupSpec(dir.toString(), "zstd", null, null, false, 1);
      CopyRunSpec spec = new CopyRunSpec("backup-resume-1", "src", "a", null, target.seeds(), "test", null,
          CopyMode.BACKUP_RESTORE, 150, 0, backup, null, "engineer", Instant.now());

      CopyRunService first = service(ds, source, target);
      first.start(spec);
      await(first, spec.id(), o -> o.live().filter(l -> l.stage() == CopyStage.BACKUP
          && l.progress().partitionsDone() > 50).isPresent());
      first.close();
      CopyRun interrupted = new JdbcCopyRunStore(ds).find(spec.id()).orElseThrow();
      assertThat(interrupted.stage()).isEqualTo(CopyStage.BACKUP);
      Instant firstBackupStart = interrupted.backupStartedAt();
      assertThat(firstBackupStart).isNotNull();

      // while the service is down, every source record changes
      try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), source.hosts())) {
        for (int i = 0; i < 1000; i++) {
          client.put(null, new Key("test", "users", "changed-" + i), new Bin("v", i));
        }
        Map<String, ClusterContents.Entry> before = ClusterContents.of(source.hosts(), "test");
        client.scanAll(null, "test", "users", (key, rec) -> client.put(null, key, new Bin("after", "restart")));
        assertThat(ClusterContents.of(source.hosts(), "test")).isNotEqualTo(before);
      }

      CopyRunService second = service(ds, source, target);
      try {
        assertThat(second.resumeInterrupted()).isEqualTo(1);
        second.setRateLimits(spec.id(), 0, 0);
        CopyRunService.Observed done = await(second, spec.id(), o -> !o.run().state().active());
        assertThat(done.run().state()).as("%s", done.run()).isEqualTo(CopyRunState.SUCCEEDED);
        assertThat(done.run().backupStartedAt()).isEqualTo(firstBackupStart);
        assertThat(done.run().passes()).extracting(PassResult::stage)
            .containsSubsequence(CopyStage.BACKUP, CopyStage.RESTORE, CopyStage.CATCH_UP, CopyStage.RECONCILE);
        assertThat(ClusterContents.of(target.hosts(), "test")).hasSize(2000)
            .isEqualTo(ClusterContents.of(source.hosts(), "test"));
      } finally {
        second.close();
      }
    }
  }

  @Test
  void aRunFoundFinishedAtStartIsLeftAlone() {
    JdbcDataSource ds = RunLockTest.h2("copy-finished");
    CopyRunSpec spec = new CopyRunSpec("copy-done-1", "src", "a", null, List.of("127.0.0.1:1"), "test", null,
        CopyMode.SCAN_COPY, 0, 0, null, null, "engineer", Instant.now());
    JdbcCopyRunStore runs = new JdbcCopyRunStore(ds);
    runs.save(CopyRun.queued(spec).started(Instant.now()).ended(CopyRunState.SUCCEEDED, null, Instant.now()));
    try (EmulatedCluster c = cluster()) {
      CopyRunService s = service(ds, c, c);
      try {
        assertThat(s.resumeInterrupted()).isZero();
        assertThat(s.find(spec.id()).orElseThrow().run().state()).isEqualTo(CopyRunState.SUCCEEDED);
      } finally {
        s.close();
      }
    }
  }
}

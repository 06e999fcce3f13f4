package io.aeroshift.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.cli.BackupCommand;
import io.aeroshift.cli.RestoreCommand;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.testsupport.ClusterContents;
import io.aeroshift.transfer.RateLimiter;
import io.aeroshift.transfer.TransferSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restore state belongs to the cluster it was restored into: one backup restored into two
 * clusters fills both, and a restore killed mid-run continues after what it had written.
 */
class RestoreTargetEmulatorTest {
  private static final String NS = "test";
  private static final int RECORDS = 1200;

  private EmulatedCluster source;
  private EmulatedCluster targetA;
  private EmulatedCluster targetB;

  @TempDir Path tmp;

  @BeforeEach
  void start() {
    source = cluster(Edition.COMMUNITY, "6.4.0.10");
    targetA = cluster(Edition.ENTERPRISE, "7.2.0.6");
    targetB = cluster(Edition.ENTERPRISE, "7.2.0.6");
    source.loadRecords(NS, "s1", RECORDS, 60);
  }

  @AfterEach
  void stop() {
    source.close();
    targetA.close();
    targetB.close();
  }

  private static EmulatedCluster cluster(Edition edition, String build) {
    return EmulatedCluster.builder().nodes(2).basePort(0).edition(edition).build(build)
        .namespace(NamespaceSpec.named(NS).replicationFactor(2).defaultTtl(0)).start();
  }

  private record Result(int code, String out, String err) {}

  private static Result run(io.aeroshift.cli.Subcommand cmd, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = cmd.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String seeds(EmulatedCluster c) {
    return String.join(",", c.seeds());
  }

  private Path backup() {
    Path dir = tmp.resolve("bk1");
    Result b = run(new BackupCommand(), "--source", seeds(source), "--namespace", NS, "--dir", dir.toString(),
        "--parallel", "2");
    assertThat(b.code()).as(b.out() + b.err()).isZero();
    return dir;
  }

  @Test
  void aSecondClusterRestoredFromTheSameDirectoryGetsEveryRecord() {
    Path dir = backup();
    Result a = run(new RestoreCommand(), "--target", seeds(targetA), "--dir", dir.toString());
    assertThat(a.code()).as(a.out() + a.err()).isZero();
    assertThat(a.out()).contains("restore complete: 1,200 records written");

    Result b = run(new RestoreCommand(), "--target", seeds(targetB), "--dir", dir.toString());
    assertThat(b.code()).as(b.out() + b.err()).isZero();
    assertThat(b.out()).contains("is of another cluster").contains("starting afresh")
        .contains("restore complete: 1,200 records written").contains("0 already restored earlier")
        .doesNotContain("already restored into this cluster");
    assertThat(ClusterContents.of(targetB.hosts(), NS)).isEqualTo(ClusterContents.of(source.hosts(), NS));

    // the same target again: nothing written, and the summary counts what the per-file lines skip
    Result again = run(new RestoreCommand(), "--target", seeds(targetB), "--dir", dir.toString());
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("already restored into this cluster")
        .contains("restore complete: 0 records written").contains("1,200 already restored earlier")
        .doesNotContain("starting afresh");
  }

  @Test
  void aStateFileWithoutItsTargetIsNotTrusted() throws Exception {
    Path dir = backup();
    assertThat(run(new RestoreCommand(), "--target", seeds(targetA), "--dir", dir.toString()).code()).isZero();
    Path state = dir.resolve(".aeroshift-restore.state");
    List<String> lines = Files.readAllLines(state);
    assertThat(lines.get(0)).startsWith("target\t");
    Files.write(state, lines.subList(1, lines.size())); // as written before targets were recorded

    Result b = run(new RestoreCommand(), "--target", seeds(targetB), "--dir", dir.toString());
    assertThat(b.out()).contains("does not say which cluster").contains("restore complete: 1,200 records written");
    assertThat(ClusterContents.of(targetB.hosts(), NS)).isEqualTo(ClusterContents.of(source.hosts(), NS));
  }

  @Test
  void aRestoreKilledMidRunContinuesAfterWhatItHadWritten() throws Exception {
    Path dir = backup();
    Path state = dir.resolve("restore.state");
    ClientPolicy p = new ClientPolicy();
    p.timeout = 3000;
    byte[] atKill;
    try (AerospikeClient client = new AerospikeClient(p, targetA.hosts())) {
      AerospikeRestore restore = new AerospikeRestore(client, Clock.systemUTC());
      AerospikeRestore.Options o = options(dir, state);
      RateLimiter slow = new RateLimiter(400, 0);
      CompletableFuture<AerospikeRestore.Result> run = CompletableFuture.supplyAsync(() -> {
        try {
          return restore.run(o, slow, m -> { });
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      // what a kill -9 leaves: the state file as saved while the restore was writing
      await().atMost(Duration.ofSeconds(20)).until(() -> restore.recordsWritten() >= 700);
      atKill = Files.readAllBytes(state);
      restore.stop();
      run.get();
    }
    Files.write(state, atKill);
    try (AerospikeClient client = new AerospikeClient(p, targetA.hosts())) {
      AerospikeRestore.Result resumed = new AerospikeRestore(client, Clock.systemUTC())
          .run(options(dir, state), m -> { });
      assertThat(resumed.complete()).as(resumed.failures().toString()).isTrue();
      assertThat(resumed.startedAfresh()).isNull();
      assertThat(resumed.alreadyRestored()).as("records checkpointed before the kill are not written again")
          .isGreaterThanOrEqualTo(300);
      assertThat(resumed.records() + resumed.alreadyRestored()).isEqualTo(RECORDS);
    }
    assertThat(ClusterContents.of(targetA.hosts(), NS)).isEqualTo(ClusterContents.of(source.hosts(), NS));
  }

  private static AerospikeRestore.Options options(Path dir, Path state) {
    return new AerospikeRestore.Options(dir, AsbCodec.plain(), AsbReaderOptions.defaults(), false, false, 2, state,
        TransferSettings.defaults().withConcurrency(2, 2, 2));
  }
}

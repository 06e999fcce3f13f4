package io.aeroshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.testsupport.ClusterContents;
import io.aeroshift.cli.ValidateCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A copy or validation of a cluster onto itself is refused before anything is read or written. */
class SameClusterCliTest {
  private EmulatedCluster cluster;

  @BeforeEach
  void start() {
    cluster = EmulatedCluster.builder().nodes(2).basePort(0)
        .namespace(NamespaceSpec.named("test").replicationFactor(2).defaultTtl(0)).start();
    cluster.loadRecords("test", "users", 200, 40);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private record Result(int code, String out, String err) {}

  private static Result run(Subcommand cmd, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = cmd.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void copyWithTheSameSeedsIsAUsageErrorNamingTheSeed() {
    String seed = cluster.seeds().get(0);
    Result r = run(new CopyCommand(), "--source", seed, "--target", seed.replace("127.0.0.1", "localhost"),
        "--namespace", "test");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("SAME_CLUSTER").contains("share the seed");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void copyBetweenTwoSeedsOfOneClusterIsRefusedByNodeIdAndWritesNothing() {
    Map<String, ClusterContents.Entry> before = ClusterContents.of(cluster.hosts(), "test");
    long generationsBefore = generations();
    Result r = run(new CopyCommand(), "--source", cluster.seeds().get(0), "--target", cluster.seeds().get(1),
        "--namespace", "test");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("SAME_CLUSTER").contains("share node " ).contains("nothing was copied");
    assertThat(ClusterContents.of(cluster.hosts(), "test")).isEqualTo(before);
    assertThat(generations()).as("no record was rewritten").isEqualTo(generationsBefore);
  }

  @Test
  void validatingAClusterAgainstItselfIsRefused() {
    Result r = run(new ValidateCommand(), "--source", cluster.seeds().get(0), "--target", cluster.seeds().get(1),
        "--namespace", "test");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("same cluster");
    assertThat(r.out()).doesNotContain("MATCH");
  }

  private long generations() {
    com.aerospike.client.policy.ClientPolicy p = new com.aerospike.client.policy.ClientPolicy();
    try (com.aerospike.client.AerospikeClient c = new com.aerospike.client.AerospikeClient(p, cluster.hosts())) {
      java.util.concurrent.atomic.LongAdder sum = new java.util.concurrent.atomic.LongAdder();
      c.scanAll(null, "test", null, (k, rec) -> sum.add(rec.generation));
      return sum.sum();
    }
  }
}

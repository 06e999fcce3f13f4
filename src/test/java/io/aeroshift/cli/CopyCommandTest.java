package io.aeroshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.testsupport.ClusterContents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyCommandTest {

  private static EmulatedCluster cluster(Edition edition, String build, String ns) {
    return EmulatedCluster.builder().nodes(3).basePort(0).edition(edition).build(build)
        .namespace(NamespaceSpec.named(ns).replicationFactor(2).defaultTtl(0)).start();
  }

  @Test
  void copiesANamespaceAndExitsZero() {
    try (EmulatedCluster source = cluster(Edition.COMMUNITY, "6.4.0.10", "test");
        EmulatedCluster target = cluster(Edition.ENTERPRISE, "7.2.0.6", "test")) {
      source.loadRecords("test", "carts", 2000, 100);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();

      int code = new AeroshiftCli(Subcommands.ALL).run(List.of("copy",
          "--source", String.join(",", source.seeds()), "--target", target.seeds().get(0),
          "--namespace", "test", "--set", "carts"), print(out), print(err));

      String text = out.toString(StandardCharsets.UTF_8);
      assertThat(code).as("stdout:%n%s%nstderr:%n%s", text, err).isZero();
      assertThat(text).contains("pass 1 FULL", "pass 2 CATCH_UP", "pass 3 RECONCILE",
          "copy complete", "about 2000 records");
      // every key with every bin, read by a reader of the test's own
      java.util.Map<String, ClusterContents.Entry> copied = ClusterContents.of(target.hosts(), "test");
      assertThat(copied).hasSize(2000).isEqualTo(ClusterContents.of(source.hosts(), "test"));
      try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), target.hosts())) {
        assertThat(client.get(null, new Key("test", "carts", "key-1999")).getString("payload"))
            .startsWith("key-1999:");
      }
    }
  }

  @Test
  void missingTargetNamespaceFailsAtOnceWithOneReasonAndExitsOne() {
    try (EmulatedCluster source = cluster(Edition.COMMUNITY, "6.4.0.10", "test");
        EmulatedCluster target = cluster(Edition.ENTERPRISE, "7.2.0.6", "other")) {
      source.loadRecords("test", null, 300, 100);
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      int code = CopyCommand.execute(List.of("--source", source.seeds().get(0),
          "--target", target.seeds().get(0), "--namespace", "test"), print(out),
          print(new ByteArrayOutputStream()));

      assertThat(code).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("copy FAILED: NAMESPACE_NOT_FOUND", "the target has no namespace 'test'")
          .doesNotContain("partition 0 FAILED").doesNotContain("rerun to retry");
    }
  }

  @Test
  void anUnknownSourceNamespaceFailsAtOnce() {
    try (EmulatedCluster source = cluster(Edition.COMMUNITY, "6.4.0.10", "test");
        EmulatedCluster target = cluster(Edition.ENTERPRISE, "7.2.0.6", "test")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long started = System.nanoTime();
      int code = CopyCommand.execute(List.of("--source", source.seeds().get(0),
          "--target", target.seeds().get(0), "--namespace", "nope"), print(out), print(new ByteArrayOutputStream()));
      assertThat(code).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("copy FAILED: NAMESPACE_NOT_FOUND",
          "the source has no namespace 'nope'").doesNotContain("partition 0 FAILED");
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(10));
    }
  }

  @Test
  void aTargetThatDiesMidCopyEndsTheCopyWithTargetUnreachable() throws Exception {
    EmulatedCluster target = cluster(Edition.ENTERPRISE, "7.2.0.6", "test");
    try (EmulatedCluster source = cluster(Edition.COMMUNITY, "6.4.0.10", "test")) {
      source.loadRecords("test", "carts", 3000, 100);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      java.util.concurrent.CompletableFuture<Integer> run = java.util.concurrent.CompletableFuture.supplyAsync(() ->
          CopyCommand.execute(List.of("--source", source.seeds().get(0), "--target", target.seeds().get(0),
              "--namespace", "test", "--rps", "500", "--unreachable-deadline", "2"), print(out),
              print(new ByteArrayOutputStream())));
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
          .until(() -> out.toString(StandardCharsets.UTF_8).contains(" records "));
      target.close();
      int code = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
      String text = out.toString(StandardCharsets.UTF_8);
      assertThat(code).as(text).isEqualTo(1);
      assertThat(text).contains("copy FAILED: TARGET_UNREACHABLE", "the target has had no connected node");
    } finally {
      target.close();
    }
  }

  @Test
  void usageErrorExitsTwoAndChangesNothing() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = CopyCommand.execute(List.of("--source", "nohost"), print(new ByteArrayOutputStream()),
        print(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--source", "usage:");
  }

  private static PrintStream print(ByteArrayOutputStream b) {
    return new PrintStream(b, true, StandardCharsets.UTF_8);
  }
}

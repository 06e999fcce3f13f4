package io.aeroshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
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
      try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), target.hosts())) {
        for (int i = 0; i < 2000; i += 97) {
          assertThat(client.get(null, new Key("test", "carts", "key-" + i))).isNotNull();
        }
      }
    }
  }

  @Test
  void missingTargetNamespaceFailsPartitionsAndExitsOne() {
    try (EmulatedCluster source = cluster(Edition.COMMUNITY, "6.4.0.10", "test");
        EmulatedCluster target = cluster(Edition.ENTERPRISE, "7.2.0.6", "other")) {
      source.loadRecords("test", null, 300, 100);
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      int code = CopyCommand.execute(List.of("--source", source.seeds().get(0),
          "--target", target.seeds().get(0), "--namespace", "test"), print(out),
          print(new ByteArrayOutputStream()));

      assertThat(code).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAILED", "copy INCOMPLETE");
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

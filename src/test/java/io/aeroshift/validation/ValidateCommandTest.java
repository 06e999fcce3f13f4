package io.aeroshift.validation;

import static io.aeroshift.validation.EmulatedPair.NS;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Key;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeroshift.cli.AeroshiftCli;
import io.aeroshift.cli.Subcommands;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    return new AeroshiftCli(Subcommands.ALL).run(
        List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  static String hosts(List<String> seeds) {
    return String.join(",", seeds);
  }

  @Test
  void matchingClustersExitZeroAndMissingRecordsExitOneWithTheJsonReport(@TempDir Path tmp) throws IOException {
    try (EmulatedPair pair = new EmulatedPair()) {
      AerospikeValidatorTest.writeSource(pair, 120);
      pair.copyAll();
      Path report = tmp.resolve("report.json");
      int code = run("validate", "--source", hosts(pair.source.seeds()), "--target", hosts(pair.target.seeds()),
          "--namespace", NS, "--report", report.toString());
      assertThat(code).as(out + "\n" + err).isZero();
      assertThat(out.toString()).contains("MATCH: every validated partition matches");
      JsonNode json = new ObjectMapper().readTree(report.toFile());
      assertThat(json.at("/summary/missing").asLong()).isZero();
      assertThat(json.at("/summary/unvalidatedPartitions").asLong()).isZero();
      assertThat(json.at("/summary/partitions").asLong()).isEqualTo(4096);

      pair.targetClient.delete(null, new Key(NS, "set1", "k1"));
      pair.targetClient.delete(null, new Key(NS, "set0", "k2"));
      out.reset();
      code = run("validate", "--source", hosts(pair.source.seeds()), "--target", hosts(pair.target.seeds()),
          "--namespace", NS, "--suite", "default", "--report", report.toString());
      assertThat(code).as(out + "\n" + err).isEqualTo(1);
      json = new ObjectMapper().readTree(report.toFile());
      assertThat(json.at("/summary/missing").asLong()).isEqualTo(2);
      assertThat(json.at("/summary/extra").asLong()).isZero();
      assertThat(json.at("/summary/differing").asLong()).isZero();
      assertThat(json.at("/summary/mismatchedPartitions").asLong()).isEqualTo(2);
      assertThat(out.toString()).contains("DIFFERENCES FOUND").contains("missing on target 2");
    }
  }

  @Test
  void anUnreachableClusterOrABadCommandLineExitsTwo() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    List<String[]> bad = new ArrayList<>();
    bad.add(new String[] {"validate", "--source", "127.0.0.1:" + closedPort, "--target", "127.0.0.1:" + closedPort, "--namespace", NS});
    bad.add(new String[] {"validate", "--target", "h:3000", "--namespace", NS});
    bad.add(new String[] {"validate", "--source", "h", "--target", "h:3000", "--namespace", NS});
    bad.add(new String[] {"validate", "--source", "h:3000", "--target", "h:3000", "--namespace", NS, "--suite", "no-such-suite"});
    bad.add(new String[] {"validate", "--source", "h:3000", "--target", "h:3000", "--namespace", NS, "--bogus", "1"});
    for (String[] args : bad) {
      err.reset();
      assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
      assertThat(err.toString()).as(String.join(" ", args)).startsWith("validate: ");
    }
  }
}

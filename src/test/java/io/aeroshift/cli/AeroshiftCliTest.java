package io.aeroshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AeroshiftCliTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    return new AeroshiftCli(Subcommands.ALL).run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void unknownSubcommandPrintsUsageAndExits2() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown subcommand 'frobnicate'").contains("usage:")
        .contains("inventory-check");
  }

  @Test
  void noArgumentsIsAUsageError() {
    assertThat(run()).isEqualTo(2);
  }

  @Test
  void helpExits0() {
    assertThat(run("help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("bin/aeroshift [--port P]");
  }

  @Test
  void dispatchesToARegisteredSubcommand() {
    Subcommand echo = new Subcommand() {
      @Override
      public String name() {
        return "echo";
      }

      @Override
      public int run(List<String> args, PrintStream o, PrintStream e) {
        o.println(String.join(" ", args));
        return 7;
      }
    };
    int code = new AeroshiftCli(List.of(echo)).run(List.of("echo", "a", "b"), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(7);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a b" + System.lineSeparator());
  }

  @Test
  void inventoryCheckReportsPathLineAndReason(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("inv.yaml");
    Files.writeString(bad, "clusters:\n  - name: x\n    seeds: [\"h:3000\"]\n");
    assertThat(run("inventory-check", bad.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(bad + ":2: clusters[0].team: missing required field");

    Path good = dir.resolve("good.yaml");
    Files.writeString(good, "clusters:\n  - name: x\n    team: t\n    seeds: [\"h:3000\"]\n");
    assertThat(run("inventory-check", good.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 clusters, valid");
  }
}

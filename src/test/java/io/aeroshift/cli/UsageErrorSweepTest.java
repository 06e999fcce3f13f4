package io.aeroshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every subcommand answers a wrong command line with exit 2 and a message naming what is wrong,
 * before it connects anywhere (the seeds below would refuse: nothing listens on port 1).
 */
class UsageErrorSweepTest {
  record Case(List<String> args, String names) {
    @Override
    public String toString() {
      return String.join(" ", args);
    }
  }

  static List<Case> cases() {
    String seed = "127.0.0.1:1";
    return List.of(
        new Case(List.of("inventory-check"), "usage: bin/aeroshift inventory-check"),
        new Case(List.of("inventory-check", "a.yaml", "b.yaml"), "usage: bin/aeroshift inventory-check"),
        new Case(List.of("copy", "--bogus", "x"), "unknown option '--bogus'"),
        new Case(List.of("copy", "--source"), "--source needs a value"),
        new Case(List.of("copy", "--target", seed, "--namespace", "test"), "--source is required"),
        new Case(List.of("copy", "--source", seed, "--namespace", "test"), "--target is required"),
        new Case(List.of("copy", "--source", seed, "--target", seed), "--namespace is required"),
        new Case(List.of("copy", "--source", "nohost", "--target", seed, "--namespace", "test"), "--source"),
        new Case(List.of("copy", "--source", seed, "--target", "127.0.0.2:2", "--namespace", "test", "--rps", "fast"), "--rps"),
        new Case(List.of("validate", "--bogus", "x"), "unknown option '--bogus'"),
        new Case(List.of("validate", "--source"), "--source needs a value"),
        new Case(List.of("validate", "--source", seed, "--namespace", "test"), "--target is required"),
        new Case(List.of("validate", "--source", "h:notaport", "--target", seed, "--namespace", "test"), "--source"),
        new Case(List.of("backup", "--bogus", "x"), "unknown option '--bogus'"),
        new Case(List.of("backup", "--source", seed, "--namespace", "test"), "--dir is required"),
        new Case(List.of("backup", "--source", seed, "--namespace", "test", "--dir", "d", "--parallel", "0"), "--parallel"),
        new Case(List.of("backup", "--source", seed, "--namespace", "test", "--dir", "d", "--compress", "lz4"), "lz4"),
        new Case(List.of("restore", "--bogus", "x"), "unknown option '--bogus'"),
        new Case(List.of("restore", "--target", seed), "--dir is required"),
        new Case(List.of("restore", "--dir"), "--dir needs a value"),
        new Case(List.of("no-such-command"), "unknown subcommand 'no-such-command'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exits2NamingWhatIsWrong(Case c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new AeroshiftCli(Subcommands.ALL).run(c.args(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String said = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(said).isEqualTo(AeroshiftCli.USAGE);
    assertThat(said).contains(c.names());
    assertThat(said).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @ParameterizedTest(name = "{0} --help")
  @MethodSource("subcommands")
  void helpOfEverySubcommandExits0WithUsage(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new AeroshiftCli(Subcommands.ALL).run(List.of(name, "--help"), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: bin/aeroshift " + name);
  }

  static List<String> subcommands() {
    return Subcommands.ALL.stream().map(Subcommand::name).toList();
  }
}

package io.aeroshift.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A one-off command of {@code bin/aeroshift <name> ...}, run without starting Quarkus. Register new
 * ones in {@link Subcommands#ALL}.
 */
public interface Subcommand {
  /** The word after {@code bin/aeroshift}. */
  String name();

  /** One line for the usage text. */
  default String summary() {
    return "";
  }

  /** The full usage text, printed for {@code bin/aeroshift <name> --help} (exit 0). */
  default String usage() {
    return "usage: bin/aeroshift " + name() + " " + summary();
  }

  /**
   * Runs the command.
   *
   * @param args the arguments after the name
   * @return the process exit code: 0 success, 1 failure, 2 usage error
   */
  int run(List<String> args, PrintStream out, PrintStream err);
}

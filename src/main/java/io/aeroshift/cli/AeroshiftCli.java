package io.aeroshift.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain-Java entry point of {@code bin/aeroshift <subcommand> ...}: looks the subcommand up in
 * {@link Subcommands#ALL} and runs it. Starts no Quarkus, so one-off commands are quick.
 */
public final class AeroshiftCli {
  /** Exit code for a wrong command line. */
  public static final int USAGE = 2;

  private final List<Subcommand> commands;

  public AeroshiftCli(List<Subcommand> commands) {
    this.commands = List.copyOf(commands);
  }

  public static void main(String[] args) {
    int code = new AeroshiftCli(Subcommands.ALL).run(List.of(args), System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /** Dispatches {@code args[0]} with the remaining arguments; returns the exit code. */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      usage(err);
      return USAGE;
    }
    String name = args.get(0);
    if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
      usage(out);
      return 0;
    }
    Optional<Subcommand> cmd = commands.stream().filter(c -> c.name().equals(name)).findFirst();
    if (cmd.isEmpty()) {
      err.println("aeroshift: unknown subcommand '" + name + "'");
      usage(err);
      return USAGE;
    }
    if (args.size() == 2 && (args.get(1).equals("--help") || args.get(1).equals("-h"))) {
      out.println(cmd.get().usage());
      return 0;
    }
    try {
      return cmd.get().run(new ArrayList<>(args.subList(1, args.size())), out, err);
    } catch (RuntimeException e) {
      err.println("aeroshift " + name + ": " + e.getMessage());
      return 1;
    }
  }

  private void usage(PrintStream s) {
    s.println("usage: bin/aeroshift [--port P]            run the service (embedded default); prints READY http://127.0.0.1:P");
    s.println("       bin/aeroshift <subcommand> [args]   run a one-off command");
    s.println("subcommands:");
    for (Subcommand c : commands) {
      s.printf("  %-18s %s%n", c.name(), c.summary());
    }
    s.printf("  %-18s %s%n", "help", "this text");
  }
}

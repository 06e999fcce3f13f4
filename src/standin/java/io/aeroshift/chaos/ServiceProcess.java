package io.aeroshift.chaos;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service under test as a real separate process: a JVM running one {@code bin/aeroshift}
 * subcommand ({@code io.aeroshift.cli.AeroshiftCli}) with this JVM's class path (the packaged
 * app's under {@code bin/chaos}). {@link #kill()} is {@code kill -9}: no shutdown hook, no flush,
 * files and connections left as they are.
 */
final class ServiceProcess {
  private final List<String> command;
  private final Path log;
  private final Process process;

  private ServiceProcess(List<String> command, Path log, Process process) {
    this.command = command;
    this.log = log;
    this.process = process;
  }

  /** Starts {@code bin/aeroshift <args>}; its output is appended to {@code log}. */
  static ServiceProcess start(List<String> args, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // a small, quick-starting JVM: the chaos runs several at once on a shared machine
    command.add("-Xmx384m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.aeroshift.cli.AeroshiftCli");
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    Process p = pb.start();
    return new ServiceProcess(List.copyOf(args), log, p);
  }

  /** The exit code, or empty when the process did not end within {@code deadline}. */
  java.util.OptionalInt await(Duration deadline) throws InterruptedException {
    if (process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
      return java.util.OptionalInt.of(process.exitValue());
    }
    return java.util.OptionalInt.empty();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** kill -9 (SIGKILL on Linux), and waits until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** The subcommand and its arguments, for messages. */
  String describe() {
    return String.join(" ", command);
  }

  File log() {
    return log.toFile();
  }
}

package io.aeroshift.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Quarkus service under test as a real separate process: the packaged app
 * ({@code java -jar target/quarkus-app/quarkus-run.jar}, what {@code bin/aeroshift} execs) on the
 * embedded default's H2 file store in a data directory of its own, on a port of its own, the demo
 * off. {@link #kill()} is {@code kill -9} (no shutdown hook: runs are left as the last save had
 * them); {@link #restart()} starts it again on the same data directory and port.
 */
final class QuarkusService implements AutoCloseable {
  /** Where the packaged app is: {@code -Daeroshift.chaos.app} ({@code bin/chaos} sets it), else target/quarkus-app. */
  static final Path APP = Path.of(System.getProperty("aeroshift.chaos.app", "target/quarkus-app")).toAbsolutePath();
  /** The checkout the app was built in (its demo-plans/ and validators/). */
  static final Path CHECKOUT = APP.resolve("../..").normalize();
  /** A start that does not answer within this long is a hang (the machine may be loaded). */
  static final Duration START_DEADLINE = Duration.ofSeconds(120);

  private final Path dataDir;
  private final Path log;
  private final int port;
  private final List<String> properties;
  private final ServiceApi api;
  private Process process;
  private int starts;

  private QuarkusService(Path dataDir, Path log, int port, List<String> properties) {
    this.dataDir = dataDir;
    this.log = log;
    this.port = port;
    this.properties = List.copyOf(properties);
    this.api = new ServiceApi("http://127.0.0.1:" + port);
  }

  /** Whether the packaged app exists (the Quarkus runs need it). */
  static boolean packaged() {
    return Files.isRegularFile(APP.resolve("quarkus-run.jar"));
  }

  /** Starts the service on a fresh data directory, demo off, and waits until it answers. */
  static QuarkusService start(Path dataDir, Path log) throws IOException, InterruptedException {
    return start(dataDir, log, List.of("-Daeroshift.demo.enabled=false"));
  }

  /** Starts the service on a fresh data directory with these {@code -D} settings, and waits until it answers. */
  static QuarkusService start(Path dataDir, Path log, List<String> properties) throws IOException, InterruptedException {
    if (!packaged()) {
      throw new IllegalStateException(APP.resolve("quarkus-run.jar") + " not found: build it first with mvn -B -DskipTests package");
    }
    QuarkusService s = new QuarkusService(Files.createDirectories(dataDir), log, freePort(), properties);
    s.launch();
    return s;
  }

  ServiceApi api() {
    return api;
  }

  /** kill -9 of the service process (SIGKILL on Linux), waiting until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Starts the service again on the same data directory and port, and waits until it answers. */
  void restart() throws IOException, InterruptedException {
    launch();
  }

  /** Times the process was started (1 + restarts). */
  int starts() {
    return starts;
  }

  Path log() {
    return log;
  }

  private void launch() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // a small, quick-starting JVM: the campaign runs several processes at once on a shared machine
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Daeroshift.data-dir=" + dataDir);
    command.add("-Dquarkus.http.port=" + port);
    command.addAll(properties);
    // as the CLI steps of the campaign: an unreachable side fails the pass after 20 s, not 60 s
    command.add("-Daeroshift.copy.unreachable-deadline=PT20S");
    command.add("-jar");
    command.add(APP.resolve("quarkus-run.jar").toString());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    process = pb.start();
    starts++;
    long deadline = System.nanoTime() + START_DEADLINE.toNanos();
    while (!api.answers()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service exited with " + process.exitValue() + " at start (log " + log + ")");
      }
      if (System.nanoTime() > deadline) {
        throw new StartHang("the service did not answer within " + START_DEADLINE.toSeconds() + " s of its start (log " + log + ")");
      }
      process.waitFor(200, TimeUnit.MILLISECONDS); // the poll's interval; returns at once if it died
    }
  }

  /** A start of the service that did not answer by its deadline. */
  static final class StartHang extends RuntimeException {
    StartHang(String message) {
      super(message);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Stops the process at the end of the run (kill -9 too: nothing of it is kept). */
  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }
}

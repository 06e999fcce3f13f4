package io.aeroshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code bin/emulator}'s main class in a process of its own: help, usage errors and a busy port end in one clear line. */
class EmulatorMainProcessTest {
  record Ended(int code, String out, String err) {}

  private static Ended run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().close();
    // output is small: read both after the end, bounded by the deadline below
    boolean ended = p.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    assertThat(ended).as("emulator " + String.join(" ", args) + " ended by itself").isTrue();
    return new Ended(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsUsageAndExits0() throws Exception {
    for (String flag : List.of("--help", "-h")) {
      Ended e = run(flag);
      assertThat(e.code()).as(e.err()).isZero();
      assertThat(e.out()).startsWith("usage: bin/emulator");
      assertThat(e.err()).isEmpty();
    }
  }

  @Test
  void usageErrorsExit2NamingTheOption() throws Exception {
    Ended unknown = run("--bogus", "1");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("emulator: unknown option --bogus").contains("usage: bin/emulator");
    Ended notANumber = run("--nodes", "many");
    assertThat(notANumber.code()).isEqualTo(2);
    assertThat(notANumber.err()).startsWith("emulator: --nodes must be a non-negative integer, got 'many'");
    Ended noValue = run("--port");
    assertThat(noValue.code()).isEqualTo(2);
    assertThat(noValue.err()).startsWith("emulator: option --port needs a value");
  }

  @Test
  void aBusyPortIsOneLineAndANonZeroExit() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      Ended e = run("--nodes", "1", "--port", String.valueOf(port), "--namespace", "test");
      assertThat(e.code()).isEqualTo(1);
      List<String> lines = e.err().lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines).as(e.err()).hasSize(1);
      assertThat(lines.get(0)).contains("port " + port).contains("in use by another process").doesNotContain("Exception");
      assertThat(e.out()).doesNotContain("READY");
    }
  }

  /**
   * {@code --port 0}: every node takes a free port, and the READY line names the ports bound (never
   * 0), read from the process's own output by the official client, which finds every node.
   */
  @Test
  void portZeroPrintsTheBoundPortsAndTheOfficialClientConnects() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName(),
        "--nodes", "2", "--port", "0", "--namespace", "test"));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String ready = reader.submit(out::readLine).get(120, TimeUnit.SECONDS);
      assertThat(ready).matches("READY 127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+");
      List<com.aerospike.client.Host> hosts = new ArrayList<>();
      for (String seed : ready.substring("READY ".length()).split(",")) {
        int port = Integer.parseInt(seed.substring(seed.lastIndexOf(':') + 1));
        assertThat(port).as(ready).isPositive();
        hosts.add(new com.aerospike.client.Host("127.0.0.1", port));
      }
      try (com.aerospike.client.AerospikeClient client = new com.aerospike.client.AerospikeClient(
          new com.aerospike.client.policy.ClientPolicy(), hosts.get(0))) {
        assertThat(client.getNodes()).hasSize(2);
        com.aerospike.client.Key key = new com.aerospike.client.Key("test", "s", "k");
        client.put(null, key, new com.aerospike.client.Bin("b", 7));
        assertThat(client.get(null, key).getInt("b")).isEqualTo(7);
      }
    } finally {
      reader.shutdownNow();
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}

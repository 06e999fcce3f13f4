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
}

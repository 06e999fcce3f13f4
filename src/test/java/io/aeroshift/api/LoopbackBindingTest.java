package io.aeroshift.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The embedded default (its local users' passwords equal their names) listens on the loopback
 * address only (issue 18: it listened on 0.0.0.0). Read from the kernel's own socket table, not
 * from the service's configuration: the listening socket of the test's HTTP port is bound to
 * 127.0.0.1, not to every address. Linux only (/proc/net/tcp), as the service's deployments.
 */
@QuarkusTest
class LoopbackBindingTest {
  @TestHTTPResource("/")
  URL root;

  @Test
  void theEmbeddedDefaultListensOnLoopbackOnly() throws IOException {
    List<String> listening = listeningAddresses(root.getPort());
    // 127.0.0.1 in /proc/net/tcp, or as ::ffff:127.0.0.1 in tcp6 (the JVM's dual-stack socket);
    // 0.0.0.0 or :: would be every address
    assertThat(listening).as("sockets listening on port %d", root.getPort()).isNotEmpty()
        .allMatch(a -> a.equals("0100007F") || a.equals("0000000000000000FFFF00000100007F"));
  }

  /** The local addresses (kernel hex) of the LISTEN sockets on {@code port}, IPv4 and IPv6. */
  private static List<String> listeningAddresses(int port) throws IOException {
    String hexPort = String.format(Locale.ROOT, "%04X", port);
    List<String> out = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path p = Path.of(table);
      if (!Files.exists(p)) {
        continue;
      }
      List<String> lines = Files.readAllLines(p);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        String[] local = f[1].split(":");
        if (local[1].equals(hexPort) && f[3].equals("0A")) {
          out.add(local[0]);
        }
      }
    }
    return out;
  }
}

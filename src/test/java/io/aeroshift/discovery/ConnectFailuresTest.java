package io.aeroshift.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectFailuresTest {
  @Test
  void classifiesTheClientsSeedFailures() {
    String refused = "Error -8: Failed to connect to [1] host(s): \n127.0.0.1 3999 Error -8: Connection failed\n";
    assertThat(ConnectFailures.classify(-8, refused)).isEqualTo(DiscoveryException.Reason.SEEDS_UNREACHABLE);
    String login = "Error -8: Failed to connect to [1] host(s): \n127.0.0.1 3000 Error 62: Login failed\n";
    assertThat(ConnectFailures.classify(-8, login)).isEqualTo(DiscoveryException.Reason.AUTHENTICATION_FAILED);
    assertThat(ConnectFailures.classify(60, "Error 60: Login failed")).isEqualTo(DiscoveryException.Reason.AUTHENTICATION_FAILED);
    String old = "Error -8: Failed to connect to [1] host(s): \n127.0.0.1 3000 Error -1: Node BB9 127.0.0.1 3000 version < 4.9. This client requires server version >= 4.9\n";
    assertThat(ConnectFailures.classify(-8, old)).isEqualTo(DiscoveryException.Reason.UNSUPPORTED_SERVER_VERSION);
    assertThat(ConnectFailures.describe(DiscoveryException.Reason.SEEDS_UNREACHABLE, java.util.List.of("127.0.0.1:3999"), refused))
        .contains("127.0.0.1:3999").doesNotContain("\n");
  }
}

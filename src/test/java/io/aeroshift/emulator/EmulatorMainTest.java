package io.aeroshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmulatorMainTest {

  @Test
  void launchPrintsReadyWithEveryNodeAndLoadsRecords() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    try (EmulatedCluster cluster = EmulatorMain.launch(new String[] {"--nodes", "2", "--port", "0", "--namespace", "demo",
        "--edition", "enterprise", "--build", "6.4.0.10", "--records", "50", "--record-size", "80", "--sets", "a,b"}, out)) {
      String line = buf.toString(StandardCharsets.UTF_8).trim();
      assertThat(line).matches("READY 127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+");
      String[] first = line.substring(6).split(",")[0].split(":");
      try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), new Host(first[0], Integer.parseInt(first[1])))) {
        assertThat(client.getNodes()).hasSize(2);
        assertThat(client.get(null, new Key("demo", "a", "key-49")).getString("payload")).startsWith("key-49:");
        assertThat(client.get(null, new Key("demo", "b", "key-0"))).isNotNull();
      }
      assertThat(cluster.edition()).isEqualTo(Edition.ENTERPRISE);
    }
  }

  @Test
  void badArgumentsAreRejectedByName() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> EmulatorMain.launch(new String[] {"--nodes", "x"}, out)).hasMessageContaining("--nodes");
    assertThatThrownBy(() -> EmulatorMain.launch(new String[] {"--edition", "gold", "--port", "0"}, out)).hasMessageContaining("--edition");
    assertThatThrownBy(() -> EmulatorMain.launch(new String[] {"--frobnicate", "1"}, out)).hasMessageContaining("--frobnicate");
    assertThatThrownBy(() -> EmulatorMain.launch(new String[] {"--port"}, out)).hasMessageContaining("needs a value");
  }
}

package io.aeroshift.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Service/network settings on the snapshot: secrets removed, old stored snapshots still load. */
class SourceSettingsTest {
  static final Instant AT = Instant.parse("2026-11-28T07:00:00Z");

  @Test
  void assemblerKeepsTheFirstAnsweringNodesSettingsWithoutSecrets() {
    Map<String, String> node = new HashMap<>();
    node.put(InfoCommands.NODE, "BB9000000000001");
    node.put(InfoCommands.BUILD, "6.4.0.10");
    node.put(InfoCommands.EDITION, "Aerospike Community Edition");
    node.put(InfoCommands.SERVICE_CONFIG, "cluster-name=shop;node-id=BB9000000000001;proto-fd-max=15000;"
        + "feature-key-file=/etc/aerospike/features.conf;query-user-password-file=/etc/ldap/pw");
    node.put(InfoCommands.NETWORK_CONFIG, "service.port=3000;heartbeat.mode=multicast;tls[0].name=t1;"
        + "tls[0].cert-file=/c.pem;tls[0].key-file=/k.pem;tls[0].key-file-password=hunter2");
    ClusterReading reading = new ClusterReading(List.of(new NodeReading("10.0.0.1:3000", node, null)), List.of(), 0);

    ClusterSnapshot s = SnapshotAssembler.assemble("shop", reading, AT);

    assertThat(s.serviceConfig()).containsOnlyKeys("cluster-name", "node-id", "proto-fd-max", "feature-key-file");
    assertThat(s.networkConfig()).containsOnlyKeys("service.port", "heartbeat.mode", "tls[0].name", "tls[0].cert-file");
    assertThat(s.networkConfig().values()).doesNotContain("hunter2", "/k.pem");
  }

  @Test
  void anErrorAnswerLeavesTheSettingsEmpty() {
    Map<String, String> node = new HashMap<>();
    node.put(InfoCommands.NODE, "BB9000000000001");
    node.put(InfoCommands.BUILD, "6.4.0.10");
    node.put(InfoCommands.SERVICE_CONFIG, "ERROR::invalid context");
    ClusterReading reading = new ClusterReading(List.of(new NodeReading("10.0.0.1:3000", node, null)), List.of(), 0);

    ClusterSnapshot s = SnapshotAssembler.assemble("shop", reading, AT);

    assertThat(s.serviceConfig()).isEmpty();
    assertThat(s.networkConfig()).isEmpty();
  }

  @Test
  void snapshotStoredBeforeTheSettingsExistedLoadsWithEmptyMaps() throws Exception {
    ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    ClusterSnapshot withSettings = new ClusterSnapshot("shop", 3, AT, "shop", false, List.of(), List.of(), List.of(),
        List.of(), List.of(), 0, new ClusterSnapshot.Rates(0, 0, 0, 0), Map.of("cluster-name", "shop"),
        Map.of("service.port", "3000"));
    Map<?, ?> tree = json.readValue(json.writeValueAsString(withSettings), Map.class);
    tree.remove("serviceConfig");
    tree.remove("networkConfig");
    String oldJson = json.writeValueAsString(tree);
    assertThat(oldJson).doesNotContain("serviceConfig");

    ClusterSnapshot loaded = json.readValue(oldJson, ClusterSnapshot.class);

    assertThat(loaded.serviceConfig()).isEmpty();
    assertThat(loaded.networkConfig()).isEmpty();
    assertThat(loaded.version()).isEqualTo(3);
    assertThat(json.readValue(json.writeValueAsString(withSettings), ClusterSnapshot.class)).isEqualTo(withSettings);
  }
}

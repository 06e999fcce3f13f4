package io.aeroshift.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AerospikeCountReaderTest {

  @Test
  void setsAnswersAreSummedPerSetAcrossNodes() {
    Map<String, Long> perSet = new HashMap<>();
    AerospikeCountReader.perSet(
        "ns=test:set=a:objects=10:tombstones=0:truncate_lut=0;ns=test:set=b:objects=3:tombstones=0;", perSet);
    AerospikeCountReader.perSet("ns=test:set=a:objects=5:tombstones=0;", perSet);
    AerospikeCountReader.perSet("", perSet);
    AerospikeCountReader.perSet(null, perSet);
    assertThat(perSet).containsExactlyInAnyOrderEntriesOf(Map.of("a", 15L, "b", 3L));
  }

  @Test
  void namespaceAnswerFieldsAreParsed() {
    Map<String, String> kv =
        AerospikeCountReader.parseFields("objects=200;replication-factor=2;effective_replication_factor=2;x", ";");
    assertThat(kv).containsEntry("objects", "200").containsEntry("replication-factor", "2").doesNotContainKey("x");
  }
}

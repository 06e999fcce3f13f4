package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.Value;
import com.aerospike.client.policy.WritePolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The copy engine against a 3-node emulated CE source and a 3-node emulated EE target. */
class CopyEngineEmulatorTest {

  private TwoClusters clusters;

  @BeforeEach
  void start() {
    clusters = new TwoClusters();
  }

  @AfterEach
  void stop() {
    clusters.close();
  }

  private void put(int ttl, boolean sendKey, Key key, Bin... bins) {
    WritePolicy p = new WritePolicy();
    p.expiration = ttl;
    p.sendKey = sendKey;
    clusters.sourceClient.put(p, key, bins);
  }

  @Test
  void fullCopyPreservesEveryParticleTypeUserKeysAndTtls() {
    for (int i = 0; i < 300; i++) {
      Map<String, Object> map = Map.of("k" + i, (long) i, "nested", List.of(1L, "x"));
      TreeMap<String, Object> sorted = new TreeMap<>(Map.of("b", 2L, "a", 1L));
      put(i % 3 == 0 ? -1 : 3600 + i, i % 2 == 0, new Key(TwoClusters.NS, "kinds", "key" + i),
          new Bin("int", (long) i * 1_000_000_007L),
          new Bin("dbl", i + 0.25),
          new Bin("str", "s\u00e9-" + i),
          new Bin("blob", new byte[] {1, 2, (byte) i}),
          new Bin("bool", i % 2 == 0),
          new Bin("list", List.of((long) i, "two", new byte[] {3})),
          new Bin("map", map),
          new Bin("kmap", sorted),
          new Bin("geo", Value.getAsGeoJSON("{\"type\":\"Point\",\"coordinates\":[" + (i % 90)
              + ".5, 1.25]}")));
    }
    for (int i = 0; i < 50; i++) {
      put(-1, false, new Key(TwoClusters.NS, null, (long) i), new Bin("noset", i));
      put(-1, true, new Key(TwoClusters.NS, "blobkeys", new byte[] {7, (byte) i}),
          new Bin("b", i));
    }

    CopyEngine engine = clusters.engine("m-types", new InMemoryCheckpointStore());
    PassSummary full = engine.fullCopy(TwoClusters.NS, null, 400);

    assertThat(full.complete()).as("failures: %s", full.failures()).isTrue();
    assertThat(full.records()).isEqualTo(400);
    assertThat(full.skippedExpired()).isZero();
    clusters.assertSameData();
    Record copied = clusters.targetClient.get(null, new Key(TwoClusters.NS, "kinds", "key4"));
    assertThat(copied.getGeoJSONString("geo")).contains("Point");
    assertThat(copied.getBoolean("bool")).isTrue();
    assertThat(copied.getTimeToLive()).isBetween(3600 + 4 - 60, 3600 + 4);
    assertThat(clusters.targetClient.get(null, new Key(TwoClusters.NS, "kinds", "key3"))
        .getTimeToLive()).isEqualTo(-1);
    assertThat(engine.progress().orElseThrow().partitionsDone()).isEqualTo(4096);
  }

  @Test
  void alreadyExpiredRecordsAreSkippedAndCounted() {
    for (int i = 0; i < 40; i++) {
      put(i < 10 ? 60 : -1, true, new Key(TwoClusters.NS, "ttl", i), new Bin("a", i));
    }
    // The engine's clock runs two minutes ahead: the 60-second records have expired for it.
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2));
    CopyEngine engine = clusters.engine("m-expired", new InMemoryCheckpointStore(),
        TwoClusters.settings(), ahead);
    PassSummary full = engine.fullCopy(TwoClusters.NS, "ttl", 40);
    assertThat(full.complete()).isTrue();
    assertThat(full.skippedExpired()).isEqualTo(10);
    assertThat(full.records()).isEqualTo(30);
    assertThat(clusters.targetClient.get(null, new Key(TwoClusters.NS, "ttl", 3))).isNull();
    assertThat(clusters.targetClient.get(null, new Key(TwoClusters.NS, "ttl", 13))).isNotNull();
  }
}

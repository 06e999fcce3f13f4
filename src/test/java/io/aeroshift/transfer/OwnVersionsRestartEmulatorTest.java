package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.cluster.Partition;
import com.aerospike.client.policy.WritePolicy;
import io.aeroshift.testsupport.RequiresPostgres;
import io.agroal.api.AgroalDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The post-switch generation memory survives a restart: a record the engine wrote during the
 * drain is still recognised as its own by the next engine on the same state store, so a later
 * source update reaches it, while a client's write on the target is never overwritten.
 */
class OwnVersionsRestartEmulatorTest {

  private static final int LOADED = 400;
  private static final String OURS_THEN_SOURCE = "key-10";
  private static final String OURS_THEN_CLIENT_WRITE = "key-11";
  private static final String OURS_THEN_CLIENT_DELETE = "key-12";
  private static final String CLIENT_BEFORE_DRAIN = "key-20";
  private static final String UNTOUCHED_UNTIL_RESTART = "key-30";

  private TwoClusters clusters;
  private final WritePolicy withKey = new WritePolicy();

  @BeforeEach
  void start() {
    clusters = new TwoClusters();
    clusters.source.loadRecords(TwoClusters.NS, "load", LOADED, 100);
    withKey.sendKey = true;
  }

  @AfterEach
  void stop() {
    clusters.close();
  }

  @Test
  void drainAfterRestartOnH2BringsSourceUpdatesToOwnVersionsAndKeepsClientWrites() {
    restartDuringDrain(StateStores.h2("own-versions-restart"));
  }

  @Test
  @ExtendWith(RequiresPostgres.class)
  void drainAfterRestartOnPostgresBringsSourceUpdatesToOwnVersionsAndKeepsClientWrites() {
    try (AgroalDataSource ds = StateStores.postgres("own_versions_restart")) {
      restartDuringDrain(ds);
    }
  }

  private void restartDuringDrain(DataSource stateStore) {
    String migration = "m-restart";
    CopyEngine first = clusters.engine(migration, new JdbcCheckpointStore(stateStore));
    assertThat(first.fullCopy(TwoClusters.NS, null, LOADED).complete()).isTrue();

    // --- the switch: clients now write the target ---
    Instant switchedAt = Instant.now();
    WriteMode drain = WriteMode.afterSwitch(switchedAt);
    await().atMost(Duration.ofSeconds(2))
        .until(() -> System.currentTimeMillis() > switchedAt.toEpochMilli());
    target(CLIENT_BEFORE_DRAIN, "client-after-switch");
    for (String k : new String[] {OURS_THEN_SOURCE, OURS_THEN_CLIENT_WRITE,
        OURS_THEN_CLIENT_DELETE, CLIENT_BEFORE_DRAIN}) {
      source(k, "source-v1");
    }

    PassSummary drain1 = first.catchUp(TwoClusters.NS, null, drain, 0);
    assertThat(drain1.complete()).isTrue();
    assertThat(drain1.conflicts()).as(CLIENT_BEFORE_DRAIN + " refused").isEqualTo(1);
    assertThat(payload(OURS_THEN_SOURCE)).as("drain 1 wrote after the switch").isEqualTo("source-v1");
    assertThat(ownVersion(stateStore, migration, drain, OURS_THEN_SOURCE))
        .as("the generation of our post-switch write is in the state store").isPositive();

    // --- the service dies; a new engine on the same state store takes over ---
    CopyEngine restarted = clusters.engine(migration, new JdbcCheckpointStore(stateStore));
    target(OURS_THEN_CLIENT_WRITE, "client-on-our-version");
    clusters.targetClient.delete(null, key(OURS_THEN_CLIENT_DELETE));
    for (String k : new String[] {OURS_THEN_SOURCE, OURS_THEN_CLIENT_WRITE,
        OURS_THEN_CLIENT_DELETE, CLIENT_BEFORE_DRAIN, UNTOUCHED_UNTIL_RESTART}) {
      source(k, "source-v2");
    }

    PassSummary drain2 = restarted.catchUp(TwoClusters.NS, null, drain, 0);

    assertThat(drain2.complete()).isTrue();
    assertThat(drain2.conflicts()).as("the three client-owned records refused").isEqualTo(3);
    Map<String, String> clientOwned = new HashMap<>();
    clientOwned.put(OURS_THEN_CLIENT_WRITE, "client-on-our-version");
    clientOwned.put(OURS_THEN_CLIENT_DELETE, null);
    clientOwned.put(CLIENT_BEFORE_DRAIN, "client-after-switch");
    for (int i = 0; i < LOADED; i++) {
      String k = "key-" + i;
      if (clientOwned.containsKey(k)) {
        assertThat(payload(k)).as("client's last word on %s kept", k).isEqualTo(clientOwned.get(k));
      } else {
        assertThat(payload(k)).as("%s follows the source", k).isEqualTo(sourcePayload(k));
      }
    }
    assertThat(payload(OURS_THEN_SOURCE)).as("our post-switch version updated after the restart")
        .isEqualTo("source-v2");
    assertThat(payload(UNTOUCHED_UNTIL_RESTART)).isEqualTo("source-v2");
  }

  private static Key key(String k) {
    return new Key(TwoClusters.NS, "load", k);
  }

  private void source(String k, String payload) {
    clusters.sourceClient.put(withKey, key(k), new Bin("payload", payload));
  }

  private void target(String k, String payload) {
    clusters.targetClient.put(withKey, key(k), new Bin("payload", payload));
  }

  private String payload(String k) {
    var r = clusters.targetClient.get(null, key(k));
    return r == null ? null : r.getString("payload");
  }

  private String sourcePayload(String k) {
    return clusters.sourceClient.get(null, key(k)).getString("payload");
  }

  private static int ownVersion(DataSource ds, String migration, WriteMode mode, String k) {
    byte[] digest = key(k).digest;
    Integer g = new JdbcCheckpointStore(ds).ownVersions(migration, mode.switchNanos(),
        TwoClusters.NS, Partition.getPartitionId(digest)).get(TwoClusters.hex(digest));
    return g == null ? 0 : g;
  }
}

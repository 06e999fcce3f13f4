package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.WritePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drain passes after a simulated switch never undo a client's write on the target. */
class SafeWriteEmulatorTest {

  private TwoClusters clusters;
  private final WritePolicy withKey = new WritePolicy();

  @BeforeEach
  void start() {
    clusters = new TwoClusters();
    clusters.source.loadRecords(TwoClusters.NS, "load", 500, 100);
    withKey.sendKey = true;
  }

  @AfterEach
  void stop() {
    clusters.close();
  }

  private static Key key(int i) {
    return new Key(TwoClusters.NS, "load", "key-" + i);
  }

  private String targetPayload(int i) {
    var r = clusters.targetClient.get(null, key(i));
    return r == null ? null : r.getString("payload");
  }

  @Test
  void clientWritesAfterTheSwitchSurviveDrainPassesWhileSourceUpdatesStillArrive() {
    TransferSettings settings = TwoClusters.settings();
    TransferPolicies policies = new TransferPolicies(settings);
    Key racing = key(5);
    AtomicBoolean armed = new AtomicBoolean();
    AtomicBoolean raced = new AtomicBoolean();
    // A source that lets the source record 'key-5' change right after the scan read it and before
    // the engine writes it: the case a comparison of the two sides' last-update times loses.
    RecordSource sourceRacingKey5 = new RecordSource() {
      final AerospikeRecordSource inner = new AerospikeRecordSource(clusters.sourceClient, policies);

      @Override
      public void scan(WorkUnit unit, byte[] after, long since, Consumer<RecordImage> handler) {
        inner.scan(unit, after, since, image -> {
          if (armed.get() && Arrays.equals(image.digest(), racing.digest)
              && raced.compareAndSet(false, true)) {
            clusters.sourceClient.put(withKey, racing, new Bin("payload", "source-v2"));
          }
          handler.accept(image);
        });
      }

      @Override
      public void scanDigests(WorkUnit unit, Consumer<byte[]> handler) {
        inner.scanDigests(unit, handler);
      }
    };
    CopyEngine engine = new CopyEngine("m-switch", sourceRacingKey5,
        new AerospikeRecordSource(clusters.targetClient, policies),
        new AerospikeRecordSink(clusters.targetClient, policies, Clock.systemUTC()),
        new InMemoryCheckpointStore(), settings, Clock.systemUTC());

    assertThat(engine.fullCopy(TwoClusters.NS, null, 500).complete()).isTrue();

    // --- the switch: clients now write the target ---
    Instant switchedAt = Instant.now();
    WriteMode drain = WriteMode.afterSwitch(switchedAt);
    await().atMost(Duration.ofSeconds(2))
        .until(() -> System.currentTimeMillis() > switchedAt.toEpochMilli());
    clusters.targetClient.put(withKey, key(1), new Bin("payload", "client-after-switch"));
    clusters.targetClient.put(withKey, key(6), new Bin("payload", "client-after-switch"));
    Key created = new Key(TwoClusters.NS, "load", "created-on-target");
    clusters.targetClient.put(withKey, created, new Bin("payload", "client-only"));
    // --- residual writes on the source after the switch ---
    clusters.sourceClient.put(withKey, key(1), new Bin("payload", "source-late"));
    clusters.sourceClient.put(withKey, key(2), new Bin("payload", "source-late"));
    clusters.sourceClient.put(withKey, key(5), new Bin("payload", "source-v1"));
    clusters.sourceClient.delete(null, key(3));
    clusters.sourceClient.delete(null, key(6));

    armed.set(true);
    PassSummary drain1 = engine.catchUp(TwoClusters.NS, null, drain, 0);
    assertThat(drain1.complete()).isTrue();
    assertThat(raced).isTrue();
    assertThat(drain1.conflicts()).as("key-1 refused").isGreaterThanOrEqualTo(1);
    assertThat(targetPayload(5)).as("drain 1 wrote what it scanned").isEqualTo("source-v1");

    PassSummary drain2 = engine.catchUp(TwoClusters.NS, null, drain, 0);
    assertThat(drain2.complete()).isTrue();
    PassSummary reconcile = engine.reconcile(TwoClusters.NS, null, drain);
    assertThat(reconcile.complete()).isTrue();

    assertThat(targetPayload(1)).as("client's update kept").isEqualTo("client-after-switch");
    assertThat(targetPayload(6)).as("client's update not deleted").isEqualTo("client-after-switch");
    assertThat(clusters.targetClient.get(null, created).getString("payload")).isEqualTo("client-only");
    assertThat(targetPayload(2)).as("untouched record follows the source").isEqualTo("source-late");
    assertThat(targetPayload(5)).as("update between scan and write arrives").isEqualTo("source-v2");
    assertThat(clusters.targetClient.exists(null, key(3))).as("source delete reconciled").isFalse();
    assertThat(reconcile.deleted()).isEqualTo(1);
    assertThat(reconcile.conflicts()).as("key-6 and the target-only record").isEqualTo(2);
  }

  /**
   * The switch instant falls inside the millisecond of a client's write on the target: servers keep
   * last-update times in milliseconds, so that write's stored time is before the exact switch
   * instant. It still counts as after the switch ({@link WriteMode#afterSwitch} rounds the switch
   * down to its millisecond), and a drain pass must not overwrite it.
   */
  @Test
  void aClientWriteInTheSwitchsOwnMillisecondIsNotOverwritten() {
    TransferSettings settings = TwoClusters.settings();
    TransferPolicies policies = new TransferPolicies(settings);
    CopyEngine engine = new CopyEngine("m-switch-ms", new AerospikeRecordSource(clusters.sourceClient, policies),
        new AerospikeRecordSource(clusters.targetClient, policies),
        new AerospikeRecordSink(clusters.targetClient, policies, Clock.systemUTC()),
        new InMemoryCheckpointStore(), settings, Clock.systemUTC());
    assertThat(engine.fullCopy(TwoClusters.NS, null, 500).complete()).isTrue();

    clusters.targetClient.put(withKey, key(1), new Bin("payload", "client-in-switch-ms"));
    var lut = clusters.targetClient.operate(null, key(1), com.aerospike.client.exp.ExpOperation.read("lut",
        com.aerospike.client.exp.Exp.build(com.aerospike.client.exp.Exp.lastUpdate()),
        com.aerospike.client.exp.ExpReadFlags.DEFAULT)).getLong("lut");
    assertThat(lut % 1_000_000L).as("the server keeps milliseconds").isZero();
    // the switch was taken 0.7 ms into the millisecond the client's write is stamped with
    WriteMode drain = WriteMode.afterSwitch(Instant.ofEpochSecond(0, lut + 700_000L));
    assertThat(drain.switchNanos()).isEqualTo(lut);

    clusters.sourceClient.put(withKey, key(1), new Bin("payload", "source-late"));
    PassSummary pass = engine.catchUp(TwoClusters.NS, null, drain, 0);
    assertThat(pass.complete()).isTrue();
    assertThat(pass.conflicts()).as("the copy write of key-1 refused").isGreaterThanOrEqualTo(1);
    assertThat(targetPayload(1)).as("the client's write kept").isEqualTo("client-in-switch-ms");
  }
}

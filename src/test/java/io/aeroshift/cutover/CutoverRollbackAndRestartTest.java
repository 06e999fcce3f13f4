package io.aeroshift.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import io.aeroshift.demo.SimulatedApplication;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.transfer.CopyEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Rollback with a live writer, and a service that dies mid-switch and mid-drain: what clients
 * acknowledged is never lost or undone, and the clients are switched once.
 */
class CutoverRollbackAndRestartTest {

  @Test
  void rollbackBringsTargetWritesBackAndNeverUndoesASourceWriteMadeAfterTheSwitchBack() throws Exception {
    try (CutoverWorld w = new CutoverWorld()) {
      CopyEngine engine = w.forwardEngine();
      assertThat(engine.fullCopy(CutoverWorld.NS, null, 0).complete()).isTrue();
      SimulatedApplication app = w.app("payments-api", "api", 300);
      await().atMost(Duration.ofSeconds(20)).until(() -> app.ledger().acknowledged() > 100);
      List<DeltaScope> scopes = List.of(new DeltaScope(engine, CutoverWorld.NS, null));
      Cutover cutover = new Cutover(CutoverWorld.MIGRATION, scopes, w.configMapSwitch(), w.probe(),
          CutoverEndToEndTest.settings(Duration.ofSeconds(60)), Clock.systemUTC());
      cutover.finalDelta();
      Instant switchAt = Instant.now();
      cutover.switchClients(switchAt, w.source.seeds(), w.targetSeeds);
      await().atMost(Duration.ofSeconds(10)).until(() -> app.ledger().starts() == 2);
      long firstOnTarget = app.firstSequenceOfStart();
      // the drain runs (the source is quiet long enough only after 60 s) while clients write the target
      CompletableFuture<DrainResult> draining = CompletableFuture.supplyAsync(() -> cutover.drain(switchAt,
          new Drain.Listener() { }));
      await().atMost(Duration.ofSeconds(20)).until(() -> app.ledger().acknowledged() > 300
          && app.ledger().lastValue().keySet().stream().filter(k -> seq(k) >= firstOnTarget).count() > 50);
      cutover.stop();
      assertThatThrownBy(() -> draining.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(DrainFailedException.class);

      String overwritten = app.ledger().lastValue().entrySet().stream()
          .filter(e -> seq(e.getKey()) >= firstOnTarget && e.getValue().isPresent()).map(Map.Entry::getKey)
          .findFirst().orElseThrow();
      Key overwrittenKey = new Key(CutoverWorld.NS, "orders", overwritten);
      AtomicReference<Instant> storedBack = new AtomicReference<>();
      Rollback rollback = new Rollback(CutoverWorld.MIGRATION, List.of(new DeltaScope(w.forwardEngine(),
          CutoverWorld.NS, null)), List.of(w.reverseScope()), w.configMapSwitch(), Duration.ofSeconds(30),
          Clock.systemUTC());
      RollbackReport report = rollback.run(switchAt, w.source.seeds(), w.targetSeeds, new Rollback.Listener() {
        @Override
        public void pointOfNoReturn(Instant switchBackAt) {
          storedBack.set(switchBackAt);
        }

        @Override
        public void switched(SwitchReceipt receipt) {
          // a client on the source writes a record the application wrote on the target, before the copy back
          w.sourceClient.put(null, overwrittenKey, new Bin("value", -1L));
        }
      });
      assertThat(report.switchBackAt()).isEqualTo(storedBack.get()).isAfter(switchAt);
      assertThat(w.configMapSeeds()).isEqualTo(String.join(",", w.source.seeds()));
      await().atMost(Duration.ofSeconds(10)).until(() -> app.ledger().starts() == 3);
      long back = app.ledger().acknowledged();
      await().atMost(Duration.ofSeconds(10)).until(() -> app.ledger().acknowledged() > back + 100);
      app.close();

      SimulatedApplication.Ledger ledger = app.ledger();
      assertThat(ledger.seeds()).isEqualTo(String.join(",", w.source.seeds()));
      assertThat(report.recordsCopiedBack()).isGreaterThan(50);
      assertThat(report.conflictsLeftAlone()).isGreaterThanOrEqualTo(1);
      // every acknowledged write, on either side, is on the source; the source write after the switch back won
      Map<String, Optional<Long>> expected = new java.util.HashMap<>(ledger.lastValue());
      expected.remove(overwritten);
      assertThat(Ledgers.lost(new SimulatedApplication.Ledger(expected, List.of(), 0, 0, Duration.ZERO, Duration.ZERO,
          0, null), w.source.hosts(), CutoverWorld.NS, "orders")).isEmpty();
      try (AerospikeClient reader = new AerospikeClient(CutoverWorld.clientPolicy(), w.source.hosts())) {
        Record r = reader.get(null, overwrittenKey);
        assertThat(r.getLong("value")).isEqualTo(-1L);
      }
      System.out.printf("rollback: copied back %d, conflicts left alone %d, longest write gap %d ms%n",
          report.recordsCopiedBack(), report.conflictsLeftAlone(), ledger.longestGap().toMillis());
    }
  }

  @Test
  void aServiceKilledMidSwitchAndMidDrainFinishesWithoutASecondSwitchOrALostWrite() throws Exception {
    try (CutoverWorld w = new CutoverWorld()) {
      assertThat(w.forwardEngine().fullCopy(CutoverWorld.NS, null, 0).complete()).isTrue();
      SimulatedApplication app = w.app("payments-api", "api", 300);
      await().atMost(Duration.ofSeconds(20)).until(() -> app.ledger().acknowledged() > 100);

      // first life: point of no return stored, the switch starts and the service dies before the rollout finished
      CopyEngine first = w.forwardEngine();
      Cutover dying = new Cutover(CutoverWorld.MIGRATION, List.of(new DeltaScope(first, CutoverWorld.NS, null)),
          w.configMapSwitch(), w.probe(), new Cutover.Settings(Duration.ofSeconds(5), 5, Duration.ZERO,
              new Drain.Settings(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMillis(200), 3)),
          Clock.systemUTC());
      dying.finalDelta();
      Instant stored = Instant.now();
      assertThatThrownBy(() -> dying.switchClients(stored, w.source.seeds(), w.targetSeeds))
          .isInstanceOfSatisfying(ClientSwitchException.class,
              e -> assertThat(e.failure().reason()).isEqualTo(FailureReason.CLIENT_SWITCH_FAILED));
      first.stop();

      // second life: the stored instant finishes the same switch; the pods are not restarted again
      Cutover second = new Cutover(CutoverWorld.MIGRATION, List.of(new DeltaScope(w.forwardEngine(), CutoverWorld.NS,
          null)), w.configMapSwitch(), w.probe(), CutoverEndToEndTest.settings(Duration.ofSeconds(60)),
          Clock.systemUTC());
      SwitchReceipt receipt = second.switchClients(stored, w.source.seeds(), w.targetSeeds);
      assertThat(receipt.detail()).contains("already held").contains("0 of 2 workload(s) restarted");
      await().atMost(Duration.ofSeconds(10)).until(() -> app.ledger().starts() == 2);
      CompletableFuture<DrainResult> draining = CompletableFuture.supplyAsync(() -> second.drain(stored,
          new Drain.Listener() { }));
      await().atMost(Duration.ofSeconds(20)).until(() -> app.ledger().acknowledged() > 400);
      second.stop(); // killed during the drain
      assertThatThrownBy(() -> draining.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(DrainFailedException.class);

      // third life: the drain resumes with the same switch instant and completes
      Cutover third = new Cutover(CutoverWorld.MIGRATION, List.of(new DeltaScope(w.forwardEngine(), CutoverWorld.NS,
          null)), w.configMapSwitch(), w.probe(), CutoverEndToEndTest.settings(Duration.ofSeconds(2)),
          Clock.systemUTC());
      DrainResult drained = third.drain(stored, new Drain.Listener() { });
      assertThat(drained.quietSince()).isAfter(stored);
      await().atMost(Duration.ofSeconds(10)).until(() -> app.ledger().acknowledged() > 600);
      app.close();
      assertThat(app.ledger().starts()).isEqualTo(2);
      assertThat(Ledgers.lost(app.ledger(), CutoverWorld.hosts(w.targetSeeds), CutoverWorld.NS, "orders")).isEmpty();
    }
  }

  private static long seq(String key) {
    return Long.parseLong(key.substring(key.lastIndexOf('-') + 1));
  }
}

package io.aeroshift.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.testsupport.RequiresPostgres;
import io.aeroshift.workflow.migration.WorkflowOnPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox with several replicas on one PostgreSQL: two relays (each with the channel and event
 * hub of its replica) relay concurrently written events, and each seq reaches a channel (the
 * broker) exactly once while both replicas' event streams get every event; relayed events older
 * than the retention are purged, unrelayed ones never.
 */
@ExtendWith(RequiresPostgres.class)
@QuarkusTest
@TestProfile(WorkflowOnPostgres.class)
class OutboxReplicasPostgresTest {
  @Inject EventOutbox outbox;
  @Inject OpenAppenders appenders;
  @Inject RelayCursor cursor;
  @Inject EventsConfig config;
  @Inject OutboxPurge purge;

  /** A replica's relay: its own hub, and a channel that records what reached it (the broker's view). */
  final class Replica {
    final OutboxRelay relay = new OutboxRelay();
    final EventHub hub = new EventHub();
    final List<Long> sent = new CopyOnWriteArrayList<>();

    Replica() {
      hub.config = config;
      hub.outbox = outbox;
      relay.outbox = outbox;
      relay.appenders = appenders;
      relay.cursor = cursor;
      relay.hub = hub;
      relay.registry = new SimpleMeterRegistry();
      relay.config = config;
      relay.emitter = new RecordingEmitter(this);
    }
  }

  /** The channel of one replica: records each seq, hands it to the replica's hub (as EventFanout does) and acknowledges. */
  static final class RecordingEmitter implements Emitter<String> {
    final Replica replica;

    RecordingEmitter(Replica replica) {
      this.replica = replica;
    }

    @Override
    public CompletionStage<Void> send(String payload) {
      throw new UnsupportedOperationException("the relay sends messages");
    }

    @Override
    public <M extends Message<? extends String>> void send(M message) {
      StoredEvent e = EventJson.stored(message.getPayload());
      replica.sent.add(e.seq());
      replica.hub.offer(e);
      message.ack();
    }

    @Override
    public void complete() {}

    @Override
    public void error(Exception e) {}

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean hasRequests() {
      return true;
    }
  }

  private long append(String migration, String to, Instant at) {
    QuarkusTransaction.requiringNew().run(() -> outbox.append(new MigrationEvent("TRANSITION", migration, "payments",
        "wave-1", null, to, null, "aeroshift", null, at, Map.of())));
    return outbox.after(0, Integer.MAX_VALUE).stream().filter(e -> e.event().migrationId().equals(migration)
        && e.event().to().equals(to)).mapToLong(StoredEvent::seq).max().orElseThrow();
  }

  @Test
  void twoRelaysPublishEachSeqOnceAndBothReplicasStreamsGetEveryEvent() throws Exception {
    Replica a = new Replica();
    Replica b = new Replica();
    String migration = "relay-" + UUID.randomUUID().toString().substring(0, 8);
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long last;
    CompletableFuture<Long> written = new CompletableFuture<>();
    Thread writer = new Thread(() -> {
      long seq = 0;
      for (int i = 0; i < 40; i++) {
        seq = append(migration, "STEP-" + i, Instant.now());
      }
      written.complete(seq);
    });
    for (Replica r : List.of(a, b)) {
      threads.add(new Thread(() -> {
        while (!written.isDone() || r.hub.released() < written.getNow(Long.MAX_VALUE)) {
          try {
            r.relay.relayOnce();
          } catch (RuntimeException e) {
            errors.add(e);
          }
        }
      }));
    }
    writer.start();
    threads.forEach(Thread::start);
    last = written.get(120, java.util.concurrent.TimeUnit.SECONDS);
    for (Thread t : threads) {
      t.join(120_000);
      assertThat(t.isAlive()).isFalse();
    }
    assertThat(errors).isEmpty();

    List<Long> ours = outbox.after(0, Integer.MAX_VALUE).stream().filter(e -> e.event().migrationId()
        .equals(migration)).map(StoredEvent::seq).toList();
    assertThat(ours).hasSize(40).last().isEqualTo(last);
    List<Long> sent = new ArrayList<>(a.sent);
    sent.addAll(b.sent);
    // each seq reached a channel once: no replica published what the other had
    assertThat(sent).doesNotHaveDuplicates().containsAll(ours);
    // and each replica's event streams got every event, in order, whichever relay published it
    for (Replica r : List.of(a, b)) {
      List<Long> streamed = r.hub.after(ours.get(0) - 1, 1000).stream().map(StoredEvent::seq)
          .filter(new HashSet<>(ours)::contains).toList();
      assertThat(streamed).containsExactlyElementsOf(ours);
    }
  }

  @Test
  void relayedEventsOlderThanTheRetentionArePurgedUnrelayedOnesNever() {
    Instant now = Instant.now();
    String migration = "purge-" + UUID.randomUUID().toString().substring(0, 8);
    Instant old = now.minus(config.retention()).minus(Duration.ofHours(1));
    long oldSeq = append(migration, "OLD", old);
    long recentSeq = append(migration, "RECENT", now.minus(config.retention()).plus(Duration.ofHours(1)));
    // not relayed yet: kept whatever its age. The purge is given a cursor just below the event
    // rather than the stored one: the application's own relay may relay it at any moment.
    outbox.purge(now.minus(config.retention()), oldSeq - 1);
    assertThat(outbox.between(oldSeq - 1, oldSeq, 1)).hasSize(1);

    Replica r = new Replica();
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> r.relay.relayOnce() >= recentSeq);
    assertThat(purge.purge(now)).isGreaterThanOrEqualTo(1);
    assertThat(outbox.between(oldSeq - 1, oldSeq, 1)).isEmpty();
    assertThat(outbox.between(recentSeq - 1, recentSeq, 1)).hasSize(1);
  }
}

package io.aeroshift.events;

import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.reactive.messaging.annotations.Broadcast;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows, in sequence order, to the channel {@value #CHANNEL}: in memory to
 * {@link EventFanout} (event streams, audit trail) and, when configured, to a broker. How far it may
 * go is {@link SequenceGaps}'s call; it waits for each pass to be acknowledged (bounded by
 * {@code aeroshift.events.publish-timeout}) before storing its position, so every event is
 * delivered at least once, in order, with its {@code seq} as the message id.
 */
@ApplicationScoped
public class OutboxRelay {

  public static final String CHANNEL = "aeroshift-events";
  static final String NAME = "default";
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  @Inject
  EventOutbox outbox;

  @Inject
  OpenAppenders appenders;

  @Inject
  RelayCursor cursor;

  @Inject
  EventHub hub;

  @Inject
  MeterRegistry registry;

  @Inject
  @Channel(CHANNEL)
  @Broadcast
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
  Emitter<String> emitter;

  @Inject EventsConfig config;

  /**
   * Skips passes until the application has started: the scheduler may fire before SmallRye Reactive
   * Messaging has wired the channel, and creating the relay then fails to inject its emitter.
   */
  @Singleton
  public static class NotStarted implements Scheduled.SkipPredicate {
    private volatile boolean started;

    void onStart(@Observes StartupEvent start) {
      started = true;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
      return !started;
    }
  }


  private final Clock clock = Clock.systemUTC();
  private volatile SequenceGaps gaps;
  private volatile boolean hubStarted;
  private volatile long published;
  private volatile Instant lastProgress = Instant.now();
  private volatile Instant failingSince;
  private Instant lastWarned;
  private volatile String lastError;

  /** One pass; the scheduler never runs two at once. */
  @Scheduled(every = "${aeroshift.events.relay-interval:0.2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = NotStarted.class)
  synchronized void pass() {
    Instant now = clock.instant();
    try {
      relayOnce();
      failingSince = null;
      lastError = null;
    } catch (RuntimeException e) {
      // the next pass starts again from the last acknowledged position; one warning a minute
      if (failingSince == null || lastWarned == null || Duration.between(lastWarned, now).toMinutes() >= 1) {
        LOG.warnf("event relay pass failed (retrying from seq %d): %s", published, e.toString());
        lastWarned = now;
      }
      failingSince = failingSince == null ? now : failingSince;
      lastError = e.toString();
    }
  }

  /**
   * Where the relay stands: its position, the gaps it holds, and a typed failure when it has made
   * no progress for {@code aeroshift.events.stall-after} (every pass failing, or rows waiting that
   * it does not release), null when healthy.
   */
  public record Status(long position, int heldGaps, Instant lastProgress, Failure failure) {}

  public Status status() {
    Instant now = clock.instant();
    Failure failure = null;
    if (Duration.between(lastProgress, now).compareTo(config.stallAfter()) >= 0) {
      String why = lastError != null ? "every pass fails since " + failingSince + ": " + lastError
          : "events wait behind seq " + (published + 1) + " (held gaps: " + (gaps == null ? 0 : gaps.heldGaps()) + ")";
      failure = Failure.of(FailureReason.STALLED, "event relay made no progress since " + lastProgress + "; " + why, now);
    }
    return new Status(published, gaps == null ? 0 : gaps.heldGaps(), lastProgress, failure);
  }

  /**
   * Relays what can be relayed now; returns the position reached. A pass holds the relay's cursor
   * row ({@link RelayCursor#claim}, {@code FOR UPDATE SKIP LOCKED}) from reading the position to
   * storing the new one, so of several replicas only one publishes a given seq to the channel (and
   * the broker behind it). A replica whose pass finds the row held, or behind the stored position,
   * hands the events the others published to its own event streams from the outbox.
   */
  public synchronized long relayOnce() {
    return QuarkusTransaction.requiringNew().call(() -> {
      OptionalLong claimed = cursor.claim(NAME, clock.instant());
      if (claimed.isEmpty()) {
        // another replica's pass holds the cursor: follow what it has stored so far
        catchUp(cursor.load(NAME));
        return published;
      }
      return relayFrom(claimed.getAsLong());
    });
  }

  private long relayFrom(long stored) {
    catchUp(stored);
    if (gaps.releasedUpTo() != stored) {
      // another replica relayed up to there: go on from its position
      gaps = new SequenceGaps(stored, config.gapGrace(), config.gapMaxHold());
      published = stored;
      lastProgress = clock.instant();
    }
    long from = gaps.releasedUpTo();
    Set<String> openBefore = appenders.now();
    Instant now = clock.instant();
    List<StoredEvent> rows = outbox.after(from, config.batch());
    Set<String> openAfter = appenders.now();
    SequenceGaps.Pass pass = gaps.advance(rows.stream().map(StoredEvent::seq).toList(), openBefore, openAfter, now);
    for (long seq : pass.forced()) {
      LOG.warnf("event relay: outbox seq %d stayed missing for %s with a transaction still open; taken as rolled back", seq, config.gapMaxHold());
    }
    Map<Long, StoredEvent> bySeq = rows.stream().collect(Collectors.toMap(StoredEvent::seq, Function.identity()));
    try {
      publish(pass.release().stream().map(bySeq::get).toList());
    } catch (RuntimeException e) {
      gaps = null; // re-read from the stored position: what was not acknowledged goes again
      throw e;
    }
    if (pass.releasedUpTo() != from) {
      cursor.save(NAME, pass.releasedUpTo(), now);
      published = pass.releasedUpTo();
    }
    if (pass.releasedUpTo() != from || (pass.held().isEmpty() && rows.size() < config.batch())) {
      lastProgress = now; // moved, or nothing left to move
    }
    return pass.releasedUpTo();
  }

  /**
   * Starts the relay at the stored position the first time, and hands this process's event
   * streams what other replicas published up to {@code stored} (not this one's channel: they
   * published it there already).
   */
  private void catchUp(long stored) {
    if (gaps == null) {
      long start = cursor.load(NAME);
      if (!hubStarted) {
        hub.start(start);
        hubStarted = true;
        Gauge.builder("aeroshift_events_relay_position", this, r -> r.published)
            .description("every outbox seq at or below this was relayed or settled as rolled back").register(registry);
        Gauge.builder("aeroshift_events_relay_held_gaps", this, r -> r.gaps == null ? 0 : r.gaps.heldGaps())
            .description("outbox seq gaps the relay waits on (a transaction still open)").register(registry);
      }
      gaps = new SequenceGaps(start, config.gapGrace(), config.gapMaxHold());
      published = start;
    }
    for (List<StoredEvent> batch = outbox.between(hub.released(), stored, config.batch()); !batch.isEmpty();
        batch = outbox.between(hub.released(), stored, config.batch())) {
      for (StoredEvent e : batch) {
        hub.offer(e);
      }
    }
    if (stored > published) {
      published = stored;
      lastProgress = clock.instant();
    }
  }

  private void publish(List<StoredEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    CompletableFuture<?>[] acks = new CompletableFuture<?>[events.size()];
    for (int i = 0; i < events.size(); i++) {
      StoredEvent e = events.get(i);
      CompletableFuture<Void> ack = new CompletableFuture<>();
      acks[i] = ack;
      Message<String> m = Message.of(EventJson.write(e), Metadata.of(rabbitMetadata(e)),
          () -> {
            ack.complete(null);
            return CompletableFuture.completedFuture(null);
          },
          failure -> {
            ack.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
          });
      emitter.send(m);
    }
    try {
      CompletableFuture.allOf(acks).get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("events up to seq " + events.get(events.size() - 1).seq()
          + " not acknowledged within " + config.publishTimeout(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("events not acknowledged: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing events", e);
    }
  }

  /** Ignored by other connectors; on RabbitMQ the seq is the message id and the routing key says what and whose. */
  private static OutgoingRabbitMQMetadata rabbitMetadata(StoredEvent e) {
    MigrationEvent ev = e.event();
    return OutgoingRabbitMQMetadata.builder()
        .withMessageId(Long.toString(e.seq()))
        .withContentType("application/json")
        .withDeliveryMode(2)
        .withRoutingKey(ev.type().toLowerCase() + "." + (ev.team() == null ? "-" : ev.team()))
        .withTimestamp(ev.at().atZone(ZoneOffset.UTC))
        .build();
  }
}

package io.aeroshift.events;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * One watcher's stream: the released events after a position, in sequence order, each once, then
 * the new ones as the relay releases them, with a heartbeat when nothing was sent for a while (so
 * proxies keep the connection open). Events the watcher may not see still move its position, so a
 * resume never reads them again.
 */
@ApplicationScoped
public class EventStream {

  /** An event to send, or a heartbeat when {@code event} is null. */
  public record Frame(StoredEvent event) {
    public boolean heartbeat() {
      return event == null;
    }
  }

  private static final int BATCH = 256;
  private static final int MAX_PER_TICK = 16 * BATCH;

  @Inject
  EventHub hub;

  @Inject EventsConfig config;

  @Inject EventOutbox outbox;

  /** The position a new watcher without a resume position starts from: now. */
  public long now() {
    return hub.released();
  }

  /**
   * The position a new watcher starts from to see the last {@code count} released events first
   * (those it may not see among them count too).
   */
  public long recent(int count) {
    return outbox.positionBefore(hub.released(), count);
  }

  /** Frames after {@code after}, of the events {@code visible} accepts; the first frame is a heartbeat. */
  public Multi<Frame> follow(long after, Predicate<MigrationEvent> visible) {
    AtomicLong position = new AtomicLong(after);
    AtomicLong lastSentNanos = new AtomicLong(System.nanoTime());
    return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(config.streamPoll())
        .onOverflow().drop()
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .onItem().transformToIterable(tick -> {
          List<Frame> out = new ArrayList<>();
          if (tick == 0) {
            out.add(new Frame(null)); // lets the client see the stream is open before any event
          }
          int read = 0;
          while (read < MAX_PER_TICK) {
            List<StoredEvent> batch = hub.after(position.get(), BATCH);
            for (StoredEvent e : batch) {
              position.set(e.seq());
              if (visible.test(e.event())) {
                out.add(new Frame(e));
              }
            }
            read += batch.size();
            if (batch.size() < BATCH) {
              break;
            }
          }
          long now = System.nanoTime();
          if (out.isEmpty() && now - lastSentNanos.get() >= config.heartbeat().toNanos()) {
            out.add(new Frame(null));
          }
          if (!out.isEmpty()) {
            lastSentNanos.set(now);
          }
          return out;
        });
  }
}

package io.aeroshift.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What this process has received from the relay channel: the released position and the most recent
 * events, from which the event streams read. A stream resuming further back than the recent events
 * reads the outbox, bounded by the released position, so it never sees an event the relay has not
 * settled (no gap can open behind it).
 */
@ApplicationScoped
public class EventHub {

  @Inject EventsConfig config;

  @Inject
  EventOutbox outbox;

  private final ArrayDeque<StoredEvent> recent = new ArrayDeque<>();
  /** Every released event above this is in {@link #recent}. */
  private long recentFloor;
  private long released;
  private boolean started;

  /** Sets the position the relay starts from (its stored cursor). */
  public synchronized void start(long releasedUpTo) {
    if (!started) {
      started = true;
      recentFloor = releasedUpTo;
      released = releasedUpTo;
    }
  }

  /**
   * Takes an event the relay published; false when it had it already (a redelivery after a failed
   * acknowledgement), which callers must not record twice.
   */
  public synchronized boolean offer(StoredEvent e) {
    if (!started || e.seq() <= released) {
      return false;
    }
    recent.addLast(e);
    released = e.seq();
    while (recent.size() > config.recent()) {
      recentFloor = recent.removeFirst().seq();
    }
    return true;
  }

  public synchronized long released() {
    return released;
  }

  /** Released events above {@code seq}, oldest first, at most {@code limit}. */
  public List<StoredEvent> after(long seq, int limit) {
    long upTo;
    synchronized (this) {
      if (seq >= recentFloor) {
        List<StoredEvent> out = new ArrayList<>();
        for (Iterator<StoredEvent> it = recent.iterator(); it.hasNext() && out.size() < limit;) {
          StoredEvent e = it.next();
          if (e.seq() > seq) {
            out.add(e);
          }
        }
        return out;
      }
      upTo = released;
    }
    return outbox.between(seq, upTo, limit);
  }
}

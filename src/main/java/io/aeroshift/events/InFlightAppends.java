package io.aeroshift.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transactions of this process that appended to the outbox and have not yet committed or rolled
 * back. A transaction is registered before its first insert takes a sequence number, so a
 * transaction holding a {@code seq} that is not yet visible is always listed ({@link SequenceGaps}
 * relies on it). On PostgreSQL the relay asks the server instead, which also sees other replicas.
 */
@ApplicationScoped
public class InFlightAppends {

  private final AtomicLong next = new AtomicLong(1);
  private final ConcurrentSkipListSet<Long> open = new ConcurrentSkipListSet<>();

  /** Registers an appending transaction; call {@link #closed} with the ticket when it completes. */
  public long opened() {
    long ticket = next.getAndIncrement();
    open.add(ticket);
    return ticket;
  }

  public void closed(long ticket) {
    open.remove(ticket);
  }

  /** The appending transactions open now. */
  public Set<String> open() {
    Set<String> out = new TreeSet<>();
    for (Long t : open) {
      out.add("local:" + t);
    }
    return out;
  }
}

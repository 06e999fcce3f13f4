package io.aeroshift.events;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Keeps the outbox bounded: relayed events older than {@code aeroshift.events.retention} are
 * deleted every {@code aeroshift.events.purge-interval}. The relay's stored position bounds it, so
 * an event not yet relayed stays whatever its age. Several replicas may purge at once: the delete
 * is the same for all.
 */
@ApplicationScoped
public class OutboxPurge {
  private static final Logger LOG = Logger.getLogger(OutboxPurge.class);

  @Inject EventOutbox outbox;
  @Inject RelayCursor cursor;
  @Inject EventsConfig config;

  private final Clock clock = Clock.systemUTC();

  @Scheduled(every = "${aeroshift.events.purge-interval:10m}", delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      purge(clock.instant());
    } catch (RuntimeException e) {
      LOG.warnf("outbox purge failed (tried again next time): %s", e.toString());
    }
  }

  /** Deletes the relayed events created before {@code now} minus the retention; returns how many. */
  public int purge(Instant now) {
    int n = outbox.purge(now.minus(config.retention()), cursor.load(OutboxRelay.NAME));
    if (n > 0) {
      LOG.infof("outbox purge: %d relayed event(s) older than %s deleted", n, config.retention());
    }
    return n;
  }
}

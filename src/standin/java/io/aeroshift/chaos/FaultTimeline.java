package io.aeroshift.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays a run's faults at their times from the start of the chaos stage: node stops and restarts,
 * dropped connections, latency windows, lost writes and clock skew through the {@link FaultSwitch}es;
 * kills of the service are handed to the run's process loop ({@link #takeDueKill}). Closing it
 * cancels what has not happened yet and ends every transient fault (stopped nodes start again).
 */
final class FaultTimeline implements AutoCloseable {
  private final FaultSwitch source;
  private final FaultSwitch target;
  private final long startNanos = System.nanoTime();
  private final List<Long> kills = new ArrayList<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "chaos-faults");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger applied = new AtomicInteger();
  private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());

  FaultTimeline(List<FaultEvent> events, FaultSwitch source, FaultSwitch target) {
    this.source = source;
    this.target = target;
    for (FaultEvent e : events) {
      if (e.kind() == FaultKind.KILL_SERVICE) {
        kills.add(e.atMillis());
      } else {
        schedule(e.atMillis(), () -> apply(e));
        if (e.forMillis() > 0) {
          schedule(e.atMillis() + e.forMillis(), () -> revert(e));
        }
      }
    }
  }

  private void schedule(long atMillis, Runnable r) {
    timer.schedule(() -> {
      try {
        r.run();
      } catch (RuntimeException ex) {
        errors.add("fault switch failed: " + ex.getMessage());
      }
    }, atMillis, TimeUnit.MILLISECONDS);
  }

  private FaultSwitch side(FaultEvent e) {
    return e.side().equals("source") ? source : target;
  }

  private void apply(FaultEvent e) {
    FaultSwitch s = side(e);
    switch (e.kind()) {
      case STOP_NODE -> {
        if (!s.running(e.node())) {
          return;
        }
        s.stopNode(e.node());
      }
      case DROP_CONNECTIONS -> s.set("drop-connections");
      case LATENCY -> s.set("latency-ms=" + e.amount());
      case LOST_WRITES -> s.set("lose-writes=" + (e.amount() / 1_000_000.0));
      case CLOCK_SKEW -> s.set("clock-offset-ms=" + e.amount() + ";node=" + e.node());
      case KILL_SERVICE -> throw new IllegalStateException("kills are the process loop's");
    }
    applied.incrementAndGet();
  }

  private void revert(FaultEvent e) {
    FaultSwitch s = side(e);
    switch (e.kind()) {
      case STOP_NODE -> s.startNode(e.node());
      case LATENCY -> s.set("latency-ms=0");
      default -> { }
    }
  }

  /** Milliseconds until the next planned kill (a large number when none is left). */
  synchronized long millisUntilNextKill() {
    long now = elapsedMillis();
    return kills.stream().mapToLong(k -> Math.max(0, k - now)).min().orElse(Long.MAX_VALUE / 4);
  }

  /** Whether a kill is due now; if so it is taken (counted as applied). */
  synchronized boolean takeDueKill() {
    long now = elapsedMillis();
    for (int i = 0; i < kills.size(); i++) {
      if (kills.get(i) <= now) {
        kills.remove(i);
        applied.incrementAndGet();
        return true;
      }
    }
    return false;
  }

  private long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  int applied() {
    return applied.get();
  }

  List<String> errors() {
    return List.copyOf(errors);
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(30, TimeUnit.SECONDS);
    source.startAll();
    target.startAll();
    source.set("latency-ms=0");
    target.set("latency-ms=0");
  }
}

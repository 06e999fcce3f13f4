package io.aeroshift.transfer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** Live counters of one pass; {@link #snapshot()} turns them into a {@link CopyProgress}. */
public final class ProgressTracker {

  private final String migrationId;
  private final int pass;
  private final PassKind kind;
  private final long estimatedTotal;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private final RateMeter meter;
  final LongAdder records = new LongAdder();
  final LongAdder bytes = new LongAdder();
  final LongAdder skippedExpired = new LongAdder();
  final LongAdder conflicts = new LongAdder();
  final LongAdder deleted = new LongAdder();
  final LongAdder inDoubt = new LongAdder();
  private final Map<Integer, PartitionState> states = new ConcurrentHashMap<>();

  public ProgressTracker(
      String migrationId, int pass, PassKind kind, long estimatedTotal, LongSupplier nanoClock) {
    this.migrationId = migrationId;
    this.pass = pass;
    this.kind = kind;
    this.estimatedTotal = estimatedTotal;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
    this.meter = new RateMeter(10_000_000_000L, nanoClock);
  }

  /** Seeds the counters from checkpoints of an earlier run of the same pass. */
  void seed(PartitionCheckpoint c) {
    records.add(c.records());
    bytes.add(c.bytes());
    skippedExpired.add(c.skippedExpired());
    conflicts.add(c.conflicts());
    deleted.add(c.deleted());
    inDoubt.add(c.inDoubt());
    states.put(c.partition(), c.state());
  }

  void state(int partition, PartitionState state) {
    states.put(partition, state);
  }

  /** The current progress. */
  public CopyProgress snapshot() {
    long done = records.sum();
    double rate = meter.observe(done);
    int finished = 0, failed = 0, running = 0;
    Map<Integer, PartitionState> copy = new HashMap<>(states);
    for (PartitionState s : copy.values()) {
      switch (s) {
        case DONE -> finished++;
        case FAILED -> failed++;
        case IN_PROGRESS -> running++;
        default -> { }
      }
    }
    return new CopyProgress(migrationId, pass, kind, done, bytes.sum(), skippedExpired.sum(),
        conflicts.sum(), deleted.sum(), inDoubt.sum(), copy.size(), finished, failed, running,
        rate, estimatedTotal, CopyProgress.eta(done, estimatedTotal, rate),
        Duration.ofNanos(nanoClock.getAsLong() - startNanos), copy);
  }
}

package io.aeroshift.transfer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/** Rate of a growing counter over a sliding window. Thread-safe; pure with an injected clock. */
public final class RateMeter {

  private record Sample(long nanos, long count) {}

  private final long windowNanos;
  private final LongSupplier nanoClock;
  private final Deque<Sample> samples = new ArrayDeque<>();

  public RateMeter(long windowNanos, LongSupplier nanoClock) {
    this.windowNanos = windowNanos;
    this.nanoClock = nanoClock;
  }

  /** Records the counter's current value and returns the rate per second over the window. */
  public synchronized double observe(long count) {
    long now = nanoClock.getAsLong();
    samples.addLast(new Sample(now, count));
    while (samples.size() > 2 && now - samples.peekFirst().nanos() > windowNanos) {
      samples.removeFirst();
    }
    Sample first = samples.peekFirst();
    long dt = now - first.nanos();
    if (dt <= 0) {
      return 0;
    }
    return (count - first.count()) * 1e9 / dt;
  }
}

package io.aeroshift.validation;

import java.util.concurrent.locks.LockSupport;

/**
 * A records-per-second limit shared by every scan a validation runs against one cluster, so
 * validating does not take the source's capacity away from production. Thread-safe.
 */
public final class RecordRateLimiter {

  public static final RecordRateLimiter UNLIMITED = new RecordRateLimiter(0);

  private final long perSecond;
  private long nextFreeNanos;

  /** @param perSecond records per second, 0 for no limit */
  public RecordRateLimiter(long perSecond) {
    if (perSecond < 0) {
      throw new IllegalArgumentException("records per second must be >= 0, was " + perSecond);
    }
    this.perSecond = perSecond;
    this.nextFreeNanos = System.nanoTime();
  }

  public long perSecond() {
    return perSecond;
  }

  /** Waits until one more record may be read. */
  public void acquire() {
    if (perSecond == 0) {
      return;
    }
    long wakeAt;
    synchronized (this) {
      long now = System.nanoTime();
      // At most one second of unused allowance carries over, so an idle limiter does not burst.
      long earliest = now - 1_000_000_000L;
      if (nextFreeNanos < earliest) {
        nextFreeNanos = earliest;
      }
      wakeAt = nextFreeNanos;
      nextFreeNanos += 1_000_000_000L / perSecond;
    }
    long wait;
    while ((wait = wakeAt - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}

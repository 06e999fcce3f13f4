package io.aeroshift.transfer;

import java.util.function.LongSupplier;

/**
 * Client-side rate limit of one migration in records per second and bytes per second, both
 * changeable while the copy runs. Two token buckets holding at most one second of budget, so a
 * pause is not followed by a burst larger than one second's worth.
 *
 * <p>Thread-safe. {@link #reserve} is pure arithmetic (testable with a fake clock); {@link
 * #acquire} sleeps for the reserved wait.
 */
public final class RateLimiter {

  /** No limit. */
  public static final long UNLIMITED = 0;

  private final LongSupplier nanoClock;
  private long recordsPerSecond;
  /** Written under the lock; volatile so {@link #limitsBytes} can read it on every write without it. */
  private volatile long bytesPerSecond;
  private double recordTokens;
  private double byteTokens;
  private long lastRefillNanos;

  /** A limiter on the system's monotonic clock; 0 means unlimited. */
  public RateLimiter(long recordsPerSecond, long bytesPerSecond) {
    this(recordsPerSecond, bytesPerSecond, System::nanoTime);
  }

  /** A limiter on the given monotonic nanosecond clock (tests). */
  public RateLimiter(long recordsPerSecond, long bytesPerSecond, LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.lastRefillNanos = nanoClock.getAsLong();
    setLimits(recordsPerSecond, bytesPerSecond);
  }

  /** Changes both limits; takes effect for the next reservation. 0 = unlimited. */
  public synchronized void setLimits(long recordsPerSecond, long bytesPerSecond) {
    if (recordsPerSecond < 0 || bytesPerSecond < 0) {
      throw new IllegalArgumentException(
          "rate limits must be >= 0 (0 = unlimited), were " + recordsPerSecond + " records/s and "
              + bytesPerSecond + " bytes/s");
    }
    refill();
    this.recordsPerSecond = recordsPerSecond;
    this.bytesPerSecond = bytesPerSecond;
    recordTokens = Math.min(recordTokens, recordsPerSecond);
    byteTokens = Math.min(byteTokens, bytesPerSecond);
  }

  public synchronized long recordsPerSecond() {
    return recordsPerSecond;
  }

  public synchronized long bytesPerSecond() {
    return bytesPerSecond;
  }

  /**
   * True while a bytes/s limit is set: only then do callers need the size of what they reserve
   * (reservations without a byte limit ignore it).
   */
  public boolean limitsBytes() {
    return bytesPerSecond > 0;
  }

  /**
   * Takes {@code records} and {@code bytes} from the buckets (which may go negative) and returns
   * how long the caller must wait, in nanoseconds, before using them.
   */
  public synchronized long reserve(int records, long bytes) {
    refill();
    long waitNanos = 0;
    if (recordsPerSecond > 0) {
      recordTokens -= records;
      if (recordTokens < 0) {
        waitNanos = Math.max(waitNanos, (long) (-recordTokens * 1e9 / recordsPerSecond));
      }
    }
    if (bytesPerSecond > 0) {
      byteTokens -= bytes;
      if (byteTokens < 0) {
        waitNanos = Math.max(waitNanos, (long) (-byteTokens * 1e9 / bytesPerSecond));
      }
    }
    return waitNanos;
  }

  /** Reserves and sleeps for the wait. */
  public void acquire(int records, long bytes) throws InterruptedException {
    long waitNanos = reserve(records, bytes);
    if (waitNanos > 0) {
      Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
    }
  }

  private void refill() {
    long now = nanoClock.getAsLong();
    long elapsed = now - lastRefillNanos;
    lastRefillNanos = now;
    if (elapsed <= 0) {
      return;
    }
    double seconds = elapsed / 1e9;
    if (recordsPerSecond > 0) {
      recordTokens = Math.min(recordsPerSecond, recordTokens + seconds * recordsPerSecond);
    }
    if (bytesPerSecond > 0) {
      byteTokens = Math.min(bytesPerSecond, byteTokens + seconds * bytesPerSecond);
    }
  }
}

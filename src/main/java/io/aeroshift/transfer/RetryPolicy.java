package io.aeroshift.transfer;

import java.time.Duration;

/**
 * How often and how patiently a failed scan or write is retried. Exponential backoff capped at
 * {@code maxBackoff}; {@code maxAttempts} counts the first try.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max");
    }
  }

  /** Eight attempts, 50 ms doubling to 2 s: rides out a node restart and a partition-map update. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(8, Duration.ofMillis(50), Duration.ofSeconds(2));
  }

  /** The pause before attempt {@code attempt + 1}, for {@code attempt} >= 1. */
  public Duration backoff(int attempt) {
    long initial = initialBackoff.toMillis();
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long millis = initial << shift;
    if (millis < initial || millis > maxBackoff.toMillis()) {
      millis = maxBackoff.toMillis();
    }
    return Duration.ofMillis(millis);
  }

  /** True when another attempt may follow attempt number {@code attempt}. */
  public boolean mayRetry(int attempt) {
    return attempt < maxAttempts;
  }
}

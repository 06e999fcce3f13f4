package io.aeroshift.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * Tells a run that makes no progress from one that is slow: fed a progress mark (anything that
 * only grows while work gets done, such as records plus finished partitions) at each tick, it
 * reports a stall once the mark has not moved for longer than the limit. Pure; not thread-safe
 * (one ticker feeds it).
 */
public final class StallDetector {
  private final Duration limit;
  private long mark = Long.MIN_VALUE;
  private Instant since;

  /** @param limit how long without progress counts as stalled; zero or negative disables the detector */
  public StallDetector(Duration limit) {
    this.limit = limit;
  }

  /** Records {@code progressMark} seen at {@code now}; true when it has not moved for longer than the limit. */
  public boolean stalled(long progressMark, Instant now) {
    if (progressMark != mark || since == null) {
      mark = progressMark;
      since = now;
      return false;
    }
    return !limit.isZero() && !limit.isNegative() && Duration.between(since, now).compareTo(limit) > 0;
  }

  /** How long the mark has stood still. */
  public Duration idle(Instant now) {
    return since == null ? Duration.ZERO : Duration.between(since, now);
  }

  public Duration limit() {
    return limit;
  }
}

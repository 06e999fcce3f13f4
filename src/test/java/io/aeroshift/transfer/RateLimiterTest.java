package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final AtomicLong now = new AtomicLong(0);

  @Test
  void unlimitedNeverWaits() {
    RateLimiter l = new RateLimiter(0, 0, now::get);
    for (int i = 0; i < 10_000; i++) {
      assertThat(l.reserve(1, 1_000_000)).isZero();
    }
  }

  @Test
  void recordsPerSecondSpacesReservations() {
    RateLimiter l = new RateLimiter(100, 0, now::get);
    // starts with an empty bucket: the 1st record waits 10 ms, the 100th waits 1 s
    long last = 0;
    for (int i = 0; i < 100; i++) {
      last = l.reserve(1, 0);
    }
    assertThat(last).isEqualTo(1_000_000_000L);
    now.addAndGet(1_000_000_000L);
    assertThat(l.reserve(1, 0)).isEqualTo(10_000_000L);
  }

  @Test
  void bytesPerSecondLimitsLargeRecords() {
    RateLimiter l = new RateLimiter(0, 1000, now::get);
    assertThat(l.reserve(1, 500)).isEqualTo(500_000_000L);
    assertThat(l.reserve(1, 500)).isEqualTo(1_000_000_000L);
  }

  @Test
  void limitChangesWhileRunning() {
    RateLimiter l = new RateLimiter(10, 0, now::get);
    assertThat(l.reserve(1, 0)).isEqualTo(100_000_000L);
    l.setLimits(1000, 0);
    now.addAndGet(1_000_000_000L);
    l.reserve(999, 0);
    assertThat(l.reserve(1, 0)).isLessThanOrEqualTo(1_000_000L);
    l.setLimits(0, 0);
    assertThat(l.reserve(1_000_000, 0)).isZero();
    assertThat(l.recordsPerSecond()).isZero();
  }

  @Test
  void idleTimeDoesNotBuildABurstBeyondOneSecond() {
    RateLimiter l = new RateLimiter(100, 0, now::get);
    now.addAndGet(3_600_000_000_000L);
    long wait = 0;
    for (int i = 0; i < 101; i++) {
      wait = l.reserve(1, 0);
    }
    assertThat(wait).isEqualTo(10_000_000L);
  }

  @Test
  void negativeLimitIsRejected() {
    assertThatThrownBy(() -> new RateLimiter(-1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("records/s");
  }
}

package io.aeroshift.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StallDetectorTest {
  private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

  @Test
  void aMarkThatStandsStillLongerThanTheLimitIsAStall() {
    StallDetector d = new StallDetector(Duration.ofSeconds(10));
    assertThat(d.stalled(5, T0)).isFalse();
    assertThat(d.stalled(5, T0.plusSeconds(10))).as("exactly the limit is not yet a stall").isFalse();
    assertThat(d.stalled(5, T0.plusSeconds(11))).isTrue();
    assertThat(d.idle(T0.plusSeconds(11))).isEqualTo(Duration.ofSeconds(11));
  }

  @Test
  void progressRestartsTheClock() {
    StallDetector d = new StallDetector(Duration.ofSeconds(10));
    d.stalled(5, T0);
    assertThat(d.stalled(6, T0.plusSeconds(9))).isFalse();
    assertThat(d.stalled(6, T0.plusSeconds(18))).isFalse();
    assertThat(d.stalled(6, T0.plusSeconds(20))).isTrue();
  }

  @Test
  void aZeroLimitNeverStalls() {
    StallDetector d = new StallDetector(Duration.ZERO);
    d.stalled(1, T0);
    assertThat(d.stalled(1, T0.plus(Duration.ofDays(3)))).isFalse();
  }
}

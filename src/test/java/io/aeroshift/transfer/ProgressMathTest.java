package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressMathTest {

  @Test
  void etaIsRemainingOverRate() {
    assertThat(CopyProgress.eta(250, 1250, 100.0)).isEqualTo(Duration.ofSeconds(10));
    assertThat(CopyProgress.eta(2000, 1250, 100.0)).isEqualTo(Duration.ZERO);
  }

  @Test
  void etaUnknownWithoutRateOrEstimate() {
    assertThat(CopyProgress.eta(0, 1000, 0)).isNull();
    assertThat(CopyProgress.eta(0, 0, 50)).isNull();
  }

  @Test
  void rateMeterUsesTheWindow() {
    AtomicLong now = new AtomicLong();
    RateMeter m = new RateMeter(10_000_000_000L, now::get);
    m.observe(0);
    now.set(2_000_000_000L);
    assertThat(m.observe(1000)).isEqualTo(500.0);
    now.set(30_000_000_000L);
    m.observe(1000);
    now.set(31_000_000_000L);
    assertThat(m.observe(1100)).isEqualTo(100.0);
  }

  @Test
  void trackerSnapshotCountsStatesAndRecords() {
    AtomicLong now = new AtomicLong();
    ProgressTracker t = new ProgressTracker("m", 1, PassKind.FULL, 1000, now::get);
    t.state(1, PartitionState.DONE);
    t.state(2, PartitionState.FAILED);
    t.state(3, PartitionState.IN_PROGRESS);
    t.state(4, PartitionState.PENDING);
    t.records.add(400);
    t.snapshot();
    now.set(4_000_000_000L);
    t.records.add(400);
    CopyProgress p = t.snapshot();
    assertThat(p.records()).isEqualTo(800);
    assertThat(p.partitionsDone()).isEqualTo(1);
    assertThat(p.partitionsFailed()).isEqualTo(1);
    assertThat(p.partitionsRunning()).isEqualTo(1);
    assertThat(p.partitionsTotal()).isEqualTo(4);
    assertThat(p.recordsPerSecond()).isEqualTo(100.0);
    assertThat(p.eta()).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.fractionDone()).isEqualTo(0.8);
  }

  @Test
  void retryBackoffDoublesUpToTheCap() {
    RetryPolicy r = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(500));
    assertThat(r.backoff(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(r.backoff(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(r.backoff(4)).isEqualTo(Duration.ofMillis(500));
    assertThat(r.backoff(60)).isEqualTo(Duration.ofMillis(500));
    assertThat(r.mayRetry(4)).isTrue();
    assertThat(r.mayRetry(5)).isFalse();
  }
}

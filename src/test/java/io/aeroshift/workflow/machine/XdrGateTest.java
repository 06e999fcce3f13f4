package io.aeroshift.workflow.machine;

import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.transfer.xdr.XdrMonitor;
import io.aeroshift.transfer.xdr.XdrNodeStats;
import io.aeroshift.transfer.xdr.XdrSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class XdrGateTest {
  private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
  private static final PlanSettings PLAN = new PlanSettings(5, Duration.ofMinutes(60), 3, Duration.ofMinutes(10), 0, 0);
  private static final XdrSettings SETTINGS = XdrSettings.direct("dc1", List.of("10.0.0.1:3000"), List.of("test"))
      .withLimits(Duration.ofSeconds(5), 10, Duration.ofSeconds(60));

  private static XdrNodeStats node(long lag, long queue, long pending, long abandoned, int connected) {
    return new XdrNodeStats("n1", true, lag, queue, 0, pending, 100, abandoned, 0, 0, connected);
  }

  private static XdrMonitor.Observation observe(XdrNodeStats n, XdrMonitor.WatchState before) {
    return XdrMonitor.evaluate(SETTINGS, List.of(n), T0, before);
  }

  @Test
  void aRewindInProgressIsNotReadyAndItsLagIsUnknown() {
    XdrMonitor.Observation o = observe(node(500_000_000, 0, 4000, 0, 1), XdrMonitor.WatchState.initial());
    assertThat(XdrGate.blockers(o, PLAN)).extracting(CutoverBlocker::reason).containsExactly("XDR_REWIND");
    assertThat(XdrGate.lagSeconds(o)).isEqualTo(-1);
  }

  @Test
  void aDcThatStopsShippingIsABlockerWithItsReason() {
    XdrMonitor.Observation first = observe(node(0, 0, 0, 0, 1), XdrMonitor.WatchState.initial());
    XdrMonitor.Observation o = observe(node(0, 0, 0, 3, 1), first.next());
    assertThat(XdrGate.blockers(o, PLAN)).singleElement().satisfies(b -> {
      assertThat(b.reason()).isEqualTo("XDR_BLOCKED");
      assertThat(b.detail()).contains("abandoned records rose from 0 to 3");
    });
    assertThat(XdrGate.lagSeconds(o)).isEqualTo(-1);
  }

  @Test
  void caughtUpIsReadyUnlessTheLagIsAboveThePlansLimit() {
    XdrMonitor.Observation ok = observe(node(2, 0, 0, 0, 1), XdrMonitor.WatchState.initial());
    assertThat(XdrGate.blockers(ok, PLAN)).isEmpty();
    assertThat(XdrGate.lagSeconds(ok)).isEqualTo(2);
    assertThat(XdrGate.progress(ok).fractionDone()).isEqualTo(1.0);
    XdrMonitor.Observation slow = observe(node(8, 0, 0, 0, 1), XdrMonitor.WatchState.initial());
    assertThat(XdrGate.blockers(slow, PLAN)).extracting(CutoverBlocker::reason).containsExactly("LAG");
  }

  @Test
  void queuedChangesAndNoObservationAreNotReady() {
    XdrMonitor.Observation queued = observe(node(1, 20, 0, 0, 1), XdrMonitor.WatchState.initial());
    assertThat(XdrGate.blockers(queued, PLAN)).extracting(CutoverBlocker::reason).containsExactly("XDR_CATCHING_UP");
    assertThat(XdrGate.blockers(null, PLAN)).extracting(CutoverBlocker::reason).containsExactly("XDR_UNOBSERVED");
  }
}

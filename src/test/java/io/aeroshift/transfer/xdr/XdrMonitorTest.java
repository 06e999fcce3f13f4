package io.aeroshift.transfer.xdr;

import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.outcome.FailureReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class XdrMonitorTest {
  private static final XdrSettings S = XdrSettings.direct("dc1", List.of("h:3000"), List.of("test"))
      .withLimits(Duration.ofSeconds(5), 2, Duration.ofSeconds(30));
  private static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");

  private static XdrNodeStats node(String name, String stats) {
    return XdrNodeStats.parse(name, stats);
  }

  private static final String CAUGHT_UP = "lag=0;in_queue=0;in_progress=0;success=10;abandoned=0;not_found=1;recoveries_pending=0;nodes=3";

  @Test
  void readyOnlyWhenEveryNodeIsDrainedConnectedAndUnderTheLag() {
    XdrMonitor.Observation o = XdrMonitor.evaluate(S, List.of(node("A", CAUGHT_UP), node("B", CAUGHT_UP)), T0,
        XdrMonitor.WatchState.initial());
    assertThat(o.ready()).isTrue();
    assertThat(o.shipped()).isEqualTo(20);
    assertThat(o.notFound()).isEqualTo(2);
    XdrMonitor.Observation lagging = XdrMonitor.evaluate(S, List.of(node("A", CAUGHT_UP.replace("lag=0", "lag=3"))), T0, o.next());
    assertThat(lagging.state()).isEqualTo(XdrMonitor.State.CATCHING_UP);
    assertThat(lagging.reason()).contains("lag 3 s");
  }

  @Test
  void aRewindInProgressIsNeverReadyEvenWithZeroLag() {
    XdrMonitor.Observation first = XdrMonitor.evaluate(S,
        List.of(node("A", CAUGHT_UP.replace("recoveries_pending=0", "recoveries_pending=4096"))), T0, XdrMonitor.WatchState.initial());
    assertThat(first.ready()).isFalse();
    assertThat(first.reason()).contains("rewind in progress");
    XdrMonitor.Observation later = XdrMonitor.evaluate(S,
        List.of(node("A", CAUGHT_UP.replace("recoveries_pending=0", "recoveries_pending=1024"))), T0.plusSeconds(1), first.next());
    assertThat(later.recoveredFraction()).isEqualTo(0.75);
  }

  @Test
  void abandonedRisingIsABlocker() {
    XdrMonitor.Observation first = XdrMonitor.evaluate(S, List.of(node("A", CAUGHT_UP.replace("abandoned=0", "abandoned=2"))), T0,
        XdrMonitor.WatchState.initial());
    assertThat(first.ready()).isTrue(); // what was abandoned before the watch started is the baseline
    XdrMonitor.Observation next = XdrMonitor.evaluate(S, List.of(node("A", CAUGHT_UP.replace("abandoned=0", "abandoned=5"))),
        T0.plusSeconds(1), first.next());
    assertThat(next.state()).isEqualTo(XdrMonitor.State.BLOCKED);
    assertThat(next.blocker().reason()).isEqualTo(FailureReason.XDR_FAILED);
    assertThat(next.blocker().detail()).contains("from 2 to 5");
  }

  @Test
  void noConnectedDestinationBecomesABlockerAfterTheStallLimitNotBefore() {
    String cut = "lag=40;in_queue=7;in_progress=0;success=10;abandoned=0;recoveries_pending=0;nodes=0;retry_no_node=9";
    XdrMonitor.Observation first = XdrMonitor.evaluate(S, List.of(node("A", cut)), T0, XdrMonitor.WatchState.initial());
    assertThat(first.state()).isEqualTo(XdrMonitor.State.CATCHING_UP);
    XdrMonitor.Observation before = XdrMonitor.evaluate(S, List.of(node("A", cut)), T0.plusSeconds(29), first.next());
    assertThat(before.state()).isEqualTo(XdrMonitor.State.CATCHING_UP);
    XdrMonitor.Observation after = XdrMonitor.evaluate(S, List.of(node("A", cut)), T0.plusSeconds(30), before.next());
    assertThat(after.state()).isEqualTo(XdrMonitor.State.BLOCKED);
    assertThat(after.blocker().reason()).isEqualTo(FailureReason.TARGET_UNREACHABLE);
    assertThat(after.blocker().detail()).contains("[A]").contains("7 changes wait");
    // reconnecting clears it
    XdrMonitor.Observation back = XdrMonitor.evaluate(S, List.of(node("A", CAUGHT_UP)), T0.plusSeconds(31), after.next());
    assertThat(back.ready()).isTrue();
  }

  @Test
  void aNodeWithoutTheDcIsNotReady() {
    XdrMonitor.Observation o = XdrMonitor.evaluate(S, List.of(node("A", CAUGHT_UP), node("B", "ERROR:4:DC not found")), T0,
        XdrMonitor.WatchState.initial());
    assertThat(o.ready()).isFalse();
    assertThat(o.reason()).contains("not configured on [B]");
  }

  @Test
  void preflightGathersEveryProblemAndNamesTheOtherModesForCommunity() {
    Optional<io.aeroshift.outcome.Failure> f = XdrPreflight.evaluate(List.of(
        new XdrPreflight.NodeFacts("A", "Aerospike Community Edition", "6.4.0.10", "ERROR:25:enterprise only"),
        new XdrPreflight.NodeFacts("B", "Aerospike Enterprise Edition", "4.9.0.3", "asdb-xdr=true")), S, T0);
    assertThat(f).hasValueSatisfying(x -> {
      assertThat(x.reason()).isEqualTo(FailureReason.XDR_NOT_AVAILABLE);
      assertThat(x.detail()).contains("node A runs Aerospike Community Edition").contains("node B runs 4.9.0.3")
          .contains("SCAN_COPY or BACKUP_RESTORE");
    });
    assertThat(XdrPreflight.evaluate(List.of(new XdrPreflight.NodeFacts("A", "Aerospike Enterprise Edition", "7.2.0.6",
        "feature-key-version=2;asdb-xdr=true;asdb-change-notification=false")), S, T0)).isEmpty();
  }
}

package io.aeroshift.workflow.machine;

import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.outcome.FailureReason;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The wave's decisions: copy and cutover slots, bytes/s per source, cutover windows, stop-the-wave. */
class WaveSchedulerTest {
  // a Monday
  static final Instant MONDAY_NOON = Instant.parse("2026-12-07T12:00:00Z");

  static Wave wave(WaveState state, WaveLimits limits) {
    return new Wave("w", limits, state, null, "engineer", MONDAY_NOON);
  }

  static WaveMember member(String id, String source, Phase phase) {
    return new WaveMember(id, source, phase, false, null);
  }

  @Test
  void noWaveIsOpen() {
    assertThat(WaveScheduler.gate(null, List.of(), "a", MONDAY_NOON)).isEqualTo(WaveGate.OPEN);
  }

  @Test
  void copySlotsGoToTheEarliestWaitingMigrations() {
    Wave w = wave(WaveState.RUNNING, new WaveLimits(2, 1, 0, List.of(), true));
    List<WaveMember> members = List.of(member("a", "s1", Phase.COPYING), member("b", "s2", Phase.PLANNED),
        member("c", "s3", Phase.PLANNED));
    assertThat(WaveScheduler.gate(w, members, "b", MONDAY_NOON).mayCopy()).isTrue();
    WaveGate c = WaveScheduler.gate(w, members, "c", MONDAY_NOON);
    assertThat(c.mayCopy()).isFalse();
    assertThat(c.copyBlocker()).contains("1 of maxConcurrentCopies 2");
    assertThat(c.waveRunning()).isTrue();
  }

  @Test
  void aFullWaveBlocksNewCopiesUntilOneEndsCopying() {
    Wave w = wave(WaveState.RUNNING, new WaveLimits(1, 1, 0, List.of(), true));
    assertThat(WaveScheduler.gate(w, List.of(member("a", "s", Phase.CATCHING_UP), member("b", "s", Phase.PLANNED)),
        "b", MONDAY_NOON).mayCopy()).isFalse();
    assertThat(WaveScheduler.gate(w, List.of(member("a", "s", Phase.VALIDATING), member("b", "s", Phase.PLANNED)),
        "b", MONDAY_NOON).mayCopy()).isTrue();
  }

  @Test
  void aReadyWaveOnlyLetsStartedMigrationsTakeSlots() {
    Wave w = wave(WaveState.READY, new WaveLimits(1, 1, 0, List.of(), true));
    List<WaveMember> members = List.of(member("a", "s", Phase.PLANNED), new WaveMember("b", "s", Phase.PLANNED, true,
        null));
    assertThat(WaveScheduler.gate(w, members, "b", MONDAY_NOON).mayCopy()).isTrue();
    assertThat(WaveScheduler.gate(w, members, "b", MONDAY_NOON).waveRunning()).isFalse();
  }

  @Test
  void aPausedOrStoppedWaveStartsNothing() {
    for (WaveState s : List.of(WaveState.PAUSED, WaveState.STOPPED)) {
      WaveGate g = WaveScheduler.gate(wave(s, WaveLimits.DEFAULT), List.of(member("a", "s", Phase.PLANNED)), "a",
          MONDAY_NOON);
      assertThat(g.mayCopy()).isFalse();
      assertThat(g.mayCutover()).isFalse();
    }
  }

  @Test
  void bytesPerSecondAreSharedAmongTheSourcesCopies() {
    Wave w = wave(WaveState.RUNNING, new WaveLimits(4, 1, 90_000, List.of(), true));
    List<WaveMember> members = List.of(member("a", "s1", Phase.COPYING), member("b", "s1", Phase.CATCHING_UP),
        member("c", "s1", Phase.PLANNED), member("d", "s2", Phase.COPYING));
    assertThat(WaveScheduler.gate(w, members, "c", MONDAY_NOON).bytesPerSecond()).isEqualTo(30_000);
    assertThat(WaveScheduler.gate(w, members, "d", MONDAY_NOON).bytesPerSecond()).isEqualTo(90_000);
    assertThat(WaveScheduler.gate(wave(WaveState.RUNNING, WaveLimits.DEFAULT), members, "d", MONDAY_NOON)
        .bytesPerSecond()).isZero();
  }

  @Test
  void cutoverOnlyInsideAWindow() {
    CutoverWindow weekdayLunch = new CutoverWindow(Set.of(DayOfWeek.MONDAY), LocalTime.of(11, 0), LocalTime.of(13, 0));
    Wave w = wave(WaveState.RUNNING, new WaveLimits(2, 1, 0, List.of(weekdayLunch), true));
    List<WaveMember> members = List.of(member("a", "s", Phase.APPROVED));
    assertThat(WaveScheduler.gate(w, members, "a", MONDAY_NOON).mayCutover()).isTrue();
    assertThat(WaveScheduler.gate(w, members, "a", MONDAY_NOON.plusSeconds(3600)).cutoverBlocker())
        .contains("outside the cutover windows");
    assertThat(WaveScheduler.gate(w, members, "a", MONDAY_NOON.plusSeconds(86_400)).mayCutover()).isFalse();
  }

  @Test
  void aRunningWaveThatSaysSoCutsOverByItself() {
    List<WaveMember> members = List.of(member("a", "s", Phase.APPROVED));
    Wave auto = wave(WaveState.RUNNING, new WaveLimits(2, 1, 0, List.of(), true, true));
    assertThat(WaveScheduler.gate(auto, members, "a", MONDAY_NOON).autoCutover()).isTrue();
    assertThat(WaveScheduler.gate(wave(WaveState.PAUSED, auto.limits()), members, "a", MONDAY_NOON).autoCutover())
        .isFalse();
    assertThat(WaveScheduler.gate(wave(WaveState.RUNNING, new WaveLimits(2, 1, 0, List.of(), true)), members, "a",
        MONDAY_NOON).autoCutover()).isFalse();
  }

  @Test
  void aWindowAcrossMidnightBelongsToItsStartDay() {
    CutoverWindow night = new CutoverWindow(Set.of(DayOfWeek.SUNDAY), LocalTime.of(22, 0), LocalTime.of(2, 0));
    assertThat(night.contains(Instant.parse("2026-12-06T23:00:00Z"))).isTrue(); // Sunday 23:00
    assertThat(night.contains(Instant.parse("2026-12-07T01:00:00Z"))).isTrue(); // Monday 01:00
    assertThat(night.contains(Instant.parse("2026-12-07T23:00:00Z"))).isFalse(); // Monday 23:00
    assertThat(night.contains(Instant.parse("2026-12-06T01:00:00Z"))).isFalse(); // Sunday 01:00
  }

  @Test
  void cutoverSlotsAreLimited() {
    Wave w = wave(WaveState.RUNNING, new WaveLimits(2, 1, 0, List.of(), true));
    List<WaveMember> members = List.of(member("a", "s", Phase.DRAINING), member("b", "s", Phase.APPROVED));
    assertThat(WaveScheduler.gate(w, members, "b", MONDAY_NOON).cutoverBlocker())
        .contains("1 of maxConcurrentCutovers 1");
    assertThat(WaveScheduler.gate(w, members, "a", MONDAY_NOON).mayCutover()).isTrue();
  }

  @Test
  void aValidationFailureStopsTheWaveWhenItSaysSo() {
    List<WaveMember> members = List.of(member("a", "s", Phase.COPYING),
        new WaveMember("b", "s", Phase.FAILED, true, FailureReason.DATA_MISMATCH));
    assertThat(WaveScheduler.stopReason(wave(WaveState.RUNNING, WaveLimits.DEFAULT), members))
        .contains("migration b failed validation");
    assertThat(WaveScheduler.stopReason(wave(WaveState.RUNNING, new WaveLimits(2, 1, 0, List.of(), false)), members))
        .isEmpty();
    assertThat(WaveScheduler.stopReason(wave(WaveState.STOPPED, WaveLimits.DEFAULT), members)).isEmpty();
    List<WaveMember> outage = List.of(new WaveMember("b", "s", Phase.FAILED, true, FailureReason.SOURCE_UNREACHABLE));
    assertThat(WaveScheduler.stopReason(wave(WaveState.RUNNING, WaveLimits.DEFAULT), outage)).isEmpty();
  }
}

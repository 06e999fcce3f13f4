package io.aeroshift.workflow.machine;

import io.aeroshift.outcome.FailureReason;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The wave's decisions, pure: which migration may take a copy slot or cut over now, its share of
 * the source's bytes/s, and when the wave stops. Copy slots go to waiting migrations in the order
 * of their ids, so two reconcilers deciding at once pick the same ones.
 */
public final class WaveScheduler {
  private WaveScheduler() {}

  /** What {@code wave} allows migration {@code id} now; {@link WaveGate#OPEN} without a wave. */
  public static WaveGate gate(Wave wave, List<WaveMember> members, String id, Instant now) {
    if (wave == null) {
      return WaveGate.OPEN;
    }
    WaveMember self = members.stream().filter(m -> m.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(id + " is not in wave " + wave.name()));
    boolean running = wave.state() == WaveState.RUNNING;
    return new WaveGate(running, copyBlocker(wave, members, self), cutoverBlocker(wave, members, self, now),
        bytesShare(wave, members, self), running && wave.limits().autoCutover());
  }

  private static String copyBlocker(Wave wave, List<WaveMember> members, WaveMember self) {
    if (wave.state() == WaveState.PAUSED || wave.state() == WaveState.STOPPED) {
      return "wave " + wave.name() + " is " + wave.state()
          + (wave.stoppedBecause() == null ? "" : ": " + wave.stoppedBecause());
    }
    if (self.phase() != Phase.PLANNED) {
      return null;
    }
    long busy = members.stream().filter(m -> m.phase().copying()).count();
    long free = wave.limits().maxConcurrentCopies() - busy;
    boolean running = wave.state() == WaveState.RUNNING;
    List<String> next = members.stream().filter(m -> m.phase() == Phase.PLANNED && (running || m.started()))
        .map(WaveMember::id).sorted(Comparator.naturalOrder()).limit(Math.max(free, 0)).toList();
    if (next.contains(self.id())) {
      return null;
    }
    return "wave " + wave.name() + ": " + busy + " of maxConcurrentCopies " + wave.limits().maxConcurrentCopies()
        + " copies running" + (free > 0 ? ", earlier migrations first" : "");
  }

  private static String cutoverBlocker(Wave wave, List<WaveMember> members, WaveMember self, Instant now) {
    if (wave.state() == WaveState.PAUSED || wave.state() == WaveState.STOPPED) {
      return "wave " + wave.name() + " is " + wave.state();
    }
    List<CutoverWindow> windows = wave.limits().cutoverWindows();
    if (!windows.isEmpty() && windows.stream().noneMatch(w -> w.contains(now))) {
      return "outside the cutover windows of wave " + wave.name() + ": " + windows;
    }
    long busy = members.stream().filter(m -> !m.id().equals(self.id()) && m.phase().cuttingOver()).count();
    if (busy >= wave.limits().maxConcurrentCutovers()) {
      return "wave " + wave.name() + ": " + busy + " of maxConcurrentCutovers "
          + wave.limits().maxConcurrentCutovers() + " cutovers running";
    }
    return null;
  }

  /** The source's bytes/s divided among its copying migrations (this one counted), 0 = no limit. */
  private static long bytesShare(Wave wave, List<WaveMember> members, WaveMember self) {
    long limit = wave.limits().bytesPerSecondPerSource();
    if (limit == 0) {
      return 0;
    }
    long sharing = members.stream().filter(m -> m.source() != null && m.source().equals(self.source()))
        .filter(m -> m.id().equals(self.id()) || m.phase().copying()).count();
    return Math.max(1, limit / Math.max(sharing, 1));
  }

  /** Why the wave must stop now, if it must: a migration failed validation and the wave says stop. */
  public static Optional<String> stopReason(Wave wave, List<WaveMember> members) {
    if (wave == null || !wave.limits().stopOnValidationFailure() || wave.state() == WaveState.STOPPED) {
      return Optional.empty();
    }
    return members.stream().filter(m -> m.phase() == Phase.FAILED && m.failure() == FailureReason.DATA_MISMATCH)
        .map(m -> "migration " + m.id() + " failed validation").sorted().findFirst();
  }
}

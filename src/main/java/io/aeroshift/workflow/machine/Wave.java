package io.aeroshift.workflow.machine;

import java.time.Instant;
import java.util.Objects;

/** A wave as stored: its limits and state; its migrations are those whose {@code wave} names it. */
public record Wave(String name, WaveLimits limits, WaveState state, String stoppedBecause, String createdBy,
    Instant createdAt) {
  public Wave {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(state, "state");
  }

  public Wave withState(WaveState value, String because) {
    return new Wave(name, limits, value, because, createdBy, createdAt);
  }
}

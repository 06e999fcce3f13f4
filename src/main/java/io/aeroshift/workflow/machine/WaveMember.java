package io.aeroshift.workflow.machine;

import io.aeroshift.outcome.FailureReason;

/**
 * What the wave scheduler needs of one of its migrations.
 *
 * @param failure the reason it failed (FAILED), else null
 */
public record WaveMember(String id, String source, Phase phase, boolean started, FailureReason failure) {
  public static WaveMember of(Migration m) {
    return new WaveMember(m.id(), m.source(), m.phase(), m.started(),
        m.failure() == null ? null : m.failure().reason());
  }
}

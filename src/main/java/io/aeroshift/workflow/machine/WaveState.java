package io.aeroshift.workflow.machine;

/**
 * Where a wave is. READY: defined, not started. RUNNING: its PLANNED migrations start within its
 * limits. PAUSED: its active migrations were paused on request. STOPPED: stopped because a
 * migration failed validation ({@code stopOnValidationFailure}); {@code resume} runs it again.
 */
public enum WaveState {
  READY,
  RUNNING,
  PAUSED,
  STOPPED
}

package io.aeroshift.workflow.machine;

/**
 * What the migration's wave allows it now (decided by {@link WaveScheduler}).
 *
 * @param waveRunning the wave was started (its PLANNED migrations start without their own command)
 * @param copyBlocker why it may not take a copy slot now, null when it may
 * @param cutoverBlocker why it may not cut over now (slots, window), null when it may
 * @param bytesPerSecond its share of the wave's bytes/s per source cluster, 0 = no wave limit
 */
public record WaveGate(boolean waveRunning, String copyBlocker, String cutoverBlocker, long bytesPerSecond) {
  /** No wave, or a wave without limits. */
  public static final WaveGate OPEN = new WaveGate(false, null, null, 0);

  public boolean mayCopy() {
    return copyBlocker == null;
  }

  public boolean mayCutover() {
    return cutoverBlocker == null;
  }
}

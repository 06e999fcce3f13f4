package io.aeroshift.workflow.machine;

/**
 * What the migration's wave allows it now (decided by {@link WaveScheduler}).
 *
 * @param waveRunning the wave was started (its PLANNED migrations start without their own command)
 * @param copyBlocker why it may not take a copy slot now, null when it may
 * @param cutoverBlocker why it may not cut over now (slots, window), null when it may
 * @param bytesPerSecond its share of the wave's bytes/s per source cluster, 0 = no wave limit
 * @param autoCutover the wave cuts its approved migrations over by itself when nothing blocks them
 */
public record WaveGate(boolean waveRunning, String copyBlocker, String cutoverBlocker, long bytesPerSecond,
    boolean autoCutover) {
  /** No wave, or a wave without limits. */
  public static final WaveGate OPEN = new WaveGate(false, null, null, 0);

  public WaveGate(boolean waveRunning, String copyBlocker, String cutoverBlocker, long bytesPerSecond) {
    this(waveRunning, copyBlocker, cutoverBlocker, bytesPerSecond, false);
  }

  public boolean mayCopy() {
    return copyBlocker == null;
  }

  public boolean mayCutover() {
    return cutoverBlocker == null;
  }
}

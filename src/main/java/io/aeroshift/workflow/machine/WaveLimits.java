package io.aeroshift.workflow.machine;

import java.util.List;

/**
 * A wave's limits.
 *
 * @param maxConcurrentCopies migrations provisioning, copying or catching up at once
 * @param maxConcurrentCutovers migrations cutting over or draining at once
 * @param bytesPerSecondPerSource copy bytes/s per source cluster, shared by that source's copies (0 = none)
 * @param cutoverWindows when cutover may start (empty = any time)
 * @param stopOnValidationFailure stop the whole wave when one migration fails validation
 * @param autoCutover an APPROVED migration cuts over by itself once nothing blocks it (inside a
 *     cutover window when the wave has windows), without an engineer's {@code cutover}
 */
public record WaveLimits(int maxConcurrentCopies, int maxConcurrentCutovers, long bytesPerSecondPerSource,
    List<CutoverWindow> cutoverWindows, boolean stopOnValidationFailure, boolean autoCutover) {

  public WaveLimits(int maxConcurrentCopies, int maxConcurrentCutovers, long bytesPerSecondPerSource,
      List<CutoverWindow> cutoverWindows, boolean stopOnValidationFailure) {
    this(maxConcurrentCopies, maxConcurrentCutovers, bytesPerSecondPerSource, cutoverWindows,
        stopOnValidationFailure, false);
  }

  public static final WaveLimits DEFAULT = new WaveLimits(2, 1, 0, List.of(), true);

  public WaveLimits {
    if (maxConcurrentCopies < 1 || maxConcurrentCutovers < 1) {
      throw new IllegalArgumentException("maxConcurrentCopies and maxConcurrentCutovers must be at least 1");
    }
    if (bytesPerSecondPerSource < 0) {
      throw new IllegalArgumentException("bytesPerSecondPerSource must be >= 0 (0 = no limit)");
    }
    cutoverWindows = cutoverWindows == null ? List.of() : List.copyOf(cutoverWindows);
  }
}

package io.aeroshift.jobs;

import java.util.List;

/**
 * The target of a validation or copy request: exactly one of a registered cluster ({@code
 * {"cluster":"name"}}) and plain seeds ({@code {"seeds":["host:port"]}}, no credentials).
 */
public record TargetRef(String cluster, List<String> seeds) {

  /**
   * The stored form of a run's target, checked: exactly one of the cluster name and the seeds; the
   * seeds copied. The one check of {@link CopyRunSpec} and {@link ValidationRunSpec}.
   */
  static List<String> checkedSeeds(String targetCluster, List<String> targetSeeds) {
    if ((targetCluster == null) == (targetSeeds == null || targetSeeds.isEmpty())) {
      throw new IllegalArgumentException("exactly one of targetCluster and targetSeeds");
    }
    return targetSeeds == null ? null : List.copyOf(targetSeeds);
  }

  /** A run's target as shown: its registered name or its seeds joined by commas. */
  static String shown(String targetCluster, List<String> targetSeeds) {
    return targetCluster != null ? targetCluster : String.join(",", targetSeeds);
  }
}

package io.aeroshift.cutover;

import java.time.Instant;
import java.util.List;

/** Every source node's activity at one instant. */
public record ActivitySample(Instant at, List<NodeActivity> nodes) {
  public ActivitySample {
    nodes = List.copyOf(nodes);
  }
}

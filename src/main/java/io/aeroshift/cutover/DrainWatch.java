package io.aeroshift.cutover;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides from successive activity samples whether the source has gone quiet (pure). A node is
 * quiet between two samples when its write counter did not move and it had no client connection
 * beyond the service's own in either. Anything that cannot be proven quiet counts as activity: a
 * first sample (no rate yet), a node that did not answer, a counter that went backwards (the node
 * restarted), a node that appeared or vanished.
 */
public final class DrainWatch {

  /**
   * The drain's view after a sample.
   *
   * @param quietSince since when every node has been quiet, null while some node is active
   * @param blockers the active nodes
   */
  public record Status(Instant quietSince, List<ResidualWriter> blockers) {
    public Status {
      blockers = List.copyOf(blockers);
    }

    /** How long the source has been quiet at {@code now}. */
    public Duration quietFor(Instant now) {
      return quietSince == null ? Duration.ZERO : Duration.between(quietSince, now);
    }
  }

  private ActivitySample previous;
  private Instant quietSince;

  public Status observe(ActivitySample sample) {
    Map<String, NodeActivity> before = new HashMap<>();
    if (previous != null) {
      previous.nodes().forEach(n -> before.put(n.node(), n));
    }
    List<ResidualWriter> blockers = new ArrayList<>();
    double seconds = previous == null ? 0 : Math.max(1e-3, Duration.between(previous.at(), sample.at()).toNanos() / 1e9);
    for (NodeActivity now : sample.nodes()) {
      NodeActivity then = before.remove(now.node());
      if (!now.answered()) {
        blockers.add(new ResidualWriter(now.node(), 0, 0, "node did not answer: its writes cannot be ruled out"));
        continue;
      }
      String note = null;
      double rate = 0;
      if (previous == null) {
        note = "first sample: write rate not known yet";
      } else if (then == null || !then.answered()) {
        note = "node not seen in the previous sample";
      } else if (now.writes() < then.writes()) {
        note = "write counter went backwards (node restarted)";
      } else {
        rate = (now.writes() - then.writes()) / seconds;
      }
      int connections = Math.max(now.residualConnections(), then == null ? 0 : then.residualConnections());
      if (note != null || rate > 0 || connections > 0) {
        blockers.add(new ResidualWriter(now.node(), rate, connections, note));
      }
    }
    for (NodeActivity gone : before.values()) {
      blockers.add(new ResidualWriter(gone.node(), 0, 0, "node left the cluster since the previous sample"));
    }
    if (!blockers.isEmpty()) {
      quietSince = null;
    } else if (quietSince == null) {
      quietSince = previous.at();
    }
    previous = sample;
    return new Status(quietSince, blockers);
  }
}

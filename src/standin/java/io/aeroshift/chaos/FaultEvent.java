package io.aeroshift.chaos;

/**
 * One fault of a run's plan.
 *
 * @param kind what is injected
 * @param side "source" or "target" (the service for {@link FaultKind#KILL_SERVICE})
 * @param node node index for node faults, else -1
 * @param atMillis when, after the chaos stage started
 * @param forMillis how long a transient fault lasts (0: instantaneous or until the repair stage)
 * @param amount latency in ms, a lost-writes fraction in millionths, or a clock offset in ms
 */
public record FaultEvent(FaultKind kind, String side, int node, long atMillis, long forMillis, long amount) {

  /** A short human-readable form for the run's log line. */
  public String describe() {
    return switch (kind) {
      case KILL_SERVICE -> "kill -9 service at " + atMillis + "ms";
      case STOP_NODE -> "stop " + side + " node " + node + " at " + atMillis + "ms for " + forMillis + "ms";
      case DROP_CONNECTIONS -> "drop " + side + " connections at " + atMillis + "ms";
      case LATENCY -> side + " latency " + amount + "ms at " + atMillis + "ms for " + forMillis + "ms";
      case LOST_WRITES -> side + " loses " + (amount / 10_000.0) + "% of writes";
      case CLOCK_SKEW -> side + " node " + node + " clock " + (amount >= 0 ? "+" : "") + amount + "ms";
    };
  }
}

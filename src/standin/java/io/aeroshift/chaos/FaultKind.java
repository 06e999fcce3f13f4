package io.aeroshift.chaos;

/** The faults a chaos run injects. */
public enum FaultKind {
  /** kill -9 of the service process, then the same command started again. */
  KILL_SERVICE,
  /** A node of one side stops, and starts again after a while. */
  STOP_NODE,
  /** Every client connection of one side is closed at once. */
  DROP_CONNECTIONS,
  /** Every data command of one side is delayed for a while. */
  LATENCY,
  /** The target acknowledges a fraction of writes and deletes and loses them (until the repair). */
  LOST_WRITES,
  /** One node's clock runs ahead or behind (until the repair). */
  CLOCK_SKEW
}

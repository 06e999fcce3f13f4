package io.aeroshift.transfer;

/** Receives progress; called from worker threads, so implementations must be thread-safe and quick. */
public interface ProgressListener {

  /** A partition reached a final state (done or failed). */
  default void partitionFinished(PartitionCheckpoint checkpoint) {}

  /** A pass finished (every partition done or failed, or the engine was stopped). */
  default void passFinished(PassSummary summary) {}

  /** No-op listener. */
  ProgressListener NONE = new ProgressListener() {};
}

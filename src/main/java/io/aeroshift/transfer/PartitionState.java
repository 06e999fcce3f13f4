package io.aeroshift.transfer;

/** Where one partition of one pass stands. */
public enum PartitionState {
  PENDING,
  IN_PROGRESS,
  DONE,
  /** Could not complete (reason in the checkpoint); never silently skipped. */
  FAILED;

  public boolean finished() {
    return this == DONE || this == FAILED;
  }
}

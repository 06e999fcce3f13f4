package io.aeroshift.cutover;

import io.aeroshift.outcome.Failure;
import java.util.List;

/** A drain that could not end: deadline with writers still active, passes that keep failing, a stop. */
public final class DrainFailedException extends RuntimeException {
  private final transient Failure failure;
  private final List<ResidualWriter> blockers;

  public DrainFailedException(Failure failure, List<ResidualWriter> blockers) {
    super(failure.describe());
    this.failure = failure;
    this.blockers = List.copyOf(blockers);
  }

  public Failure failure() {
    return failure;
  }

  /** The residual writers when it ended. */
  public List<ResidualWriter> blockers() {
    return blockers;
  }
}

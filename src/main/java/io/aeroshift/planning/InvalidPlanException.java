package io.aeroshift.planning;

import java.util.List;
import java.util.stream.Collectors;

/** A plan was rejected; carries every error found, not only the first. Nothing was applied. */
public class InvalidPlanException extends RuntimeException {
  private final List<PlanError> errors;

  public InvalidPlanException(List<PlanError> errors) {
    super(errors.size() + " error(s) in plan:\n"
        + errors.stream().map(PlanError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<PlanError> errors() {
    return errors;
  }
}

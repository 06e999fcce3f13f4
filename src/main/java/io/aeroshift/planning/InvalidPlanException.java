package io.aeroshift.planning;

import io.aeroshift.outcome.RequestRefused;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plan was rejected; carries every error found, not only the first. Nothing was applied.
 * Answered as 400 INVALID_PLAN (a resource refusing a stored plan's preview answers 422 with the
 * same members): the detail names the first three errors, {@code message} and {@code errors}
 * (file, path, reason of each) are the members plan errors always had, {@code field} the path of a
 * single error.
 */
public class InvalidPlanException extends RequestRefused {
  private final List<PlanError> errors;

  public InvalidPlanException(List<PlanError> errors) {
    super(400, "INVALID_PLAN", detail(errors), errors.size() == 1 ? errors.get(0).path() : null, members(errors));
    this.errors = List.copyOf(errors);
  }

  public List<PlanError> errors() {
    return errors;
  }

  /** Every error, one a line (for logs and the command line; the answer's detail names three). */
  @Override
  public String getMessage() {
    return errors.size() + " error(s) in plan:\n" + errors.stream().map(PlanError::toString).collect(Collectors.joining("\n"));
  }

  private static String detail(List<PlanError> errors) {
    return errors.size() + " error(s) in plan: "
        + errors.stream().limit(3).map(x -> x.path() + ": " + x.reason()).collect(Collectors.joining("; "))
        + (errors.size() > 3 ? "; ..." : "");
  }

  private static Map<String, Object> members(List<PlanError> errors) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("message", errors.size() + " error(s) in plan");
    m.put("errors", List.copyOf(errors));
    return m;
  }
}

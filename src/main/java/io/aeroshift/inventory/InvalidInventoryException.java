package io.aeroshift.inventory;

import java.util.List;
import java.util.stream.Collectors;

/** The inventory (a file, a request) was rejected as a whole; nothing of it was stored. */
public class InvalidInventoryException extends RuntimeException {
  private final transient List<InventoryProblem> problems;

  public InvalidInventoryException(List<InventoryProblem> problems) {
    super("invalid inventory, nothing stored:\n"
        + problems.stream().map(InventoryProblem::format).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<InventoryProblem> problems() {
    return problems;
  }
}

package io.aeroshift.inventory;

import io.aeroshift.outcome.RequestRefused;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The inventory (a file, a request) was rejected as a whole; nothing of it was stored. Answered as
 * 422 INVALID_INVENTORY with every problem under {@code problems} (source, line when known,
 * cluster, field, reason).
 */
public class InvalidInventoryException extends RequestRefused {
  private final transient List<InventoryProblem> problems;

  public InvalidInventoryException(List<InventoryProblem> problems) {
    super(422, "INVALID_INVENTORY", "invalid inventory, nothing stored:\n"
        + problems.stream().map(InventoryProblem::format).collect(Collectors.joining("\n")), null,
        Map.of("problems", problems.stream().map(InvalidInventoryException::item).toList()));
    this.problems = List.copyOf(problems);
  }

  public List<InventoryProblem> problems() {
    return problems;
  }

  /** One problem as the answer shows it: members without a value left out, line 0 (unknown) too. */
  private static Map<String, Object> item(InventoryProblem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", p.source());
    if (p.line() > 0) {
      m.put("line", p.line());
    }
    if (p.cluster() != null) {
      m.put("cluster", p.cluster());
    }
    if (p.field() != null) {
      m.put("field", p.field());
    }
    m.put("reason", p.reason());
    return m;
  }
}

package io.aeroshift.planning;

import java.util.List;

/**
 * The planner's sizing of the target, with the reasoning behind each figure.
 *
 * @param nodes AerospikeCluster {@code size}
 * @param racks racks (1 = AKO's default rack 0)
 * @param cpuMillis CPU request and limit per pod, in millicores
 * @param memoryBytes memory request and limit per pod
 * @param workDirBytes the work-directory volume
 * @param namespaces per-namespace decisions
 * @param notes one line per decision: the rule and the numbers behind it
 * @param warnings capacity warnings (source over headroom, etc.)
 */
public record CapacityPlan(
    int nodes,
    int racks,
    long cpuMillis,
    long memoryBytes,
    long workDirBytes,
    List<NamespacePlan> namespaces,
    List<String> notes,
    List<PlanWarning> warnings) {

  public CapacityPlan {
    namespaces = List.copyOf(namespaces);
    notes = List.copyOf(notes);
    warnings = List.copyOf(warnings);
  }

  public NamespacePlan namespace(String name) {
    return namespaces.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }
}

package io.aeroshift.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The quick check: objects per namespace and set on both sides, from numbers the caller read over
 * info (pure; no I/O here).
 */
public final class CountCheck {

  private CountCheck() {}

  /**
   * One side's object count for a namespace/set, summed over the nodes that answered.
   *
   * @param set the set name, "" for the namespace's records without a set
   * @param summedObjects the sum of the per-node object counts
   * @param replicationFactor the namespace's replication factor on that side
   * @param nodes how many nodes were counted
   * @param countsIncludeReplicas true when each node's count includes replica copies (the
   *     {@code objects} of {@code sets/<ns>} does), so the sum is divided by the effective
   *     replication factor min(rf, nodes)
   */
  public record SideCount(
      String namespace,
      String set,
      long summedObjects,
      int replicationFactor,
      int nodes,
      boolean countsIncludeReplicas) {

    public SideCount {
      if (replicationFactor < 1) {
        throw new IllegalArgumentException(
            "replication factor of " + namespace + " must be >= 1, was " + replicationFactor);
      }
      if (summedObjects < 0 || nodes < 0) {
        throw new IllegalArgumentException("counts of " + namespace + "/" + set + " must be >= 0");
      }
    }

    /** Distinct records on the side. */
    public long uniqueObjects() {
      if (!countsIncludeReplicas || nodes == 0) {
        return summedObjects;
      }
      int effective = Math.max(1, Math.min(replicationFactor, nodes));
      return Math.round(summedObjects / (double) effective);
    }
  }

  /**
   * The comparison of one namespace/set.
   *
   * @param differencePercent |source - target| as a percentage of the larger count (0 when both 0)
   */
  public record CountFinding(
      String namespace,
      String set,
      long sourceObjects,
      long targetObjects,
      double differencePercent,
      boolean withinTolerance) {}

  /** Compares every namespace/set present on either side; a set absent on one side counts 0 there. */
  public static List<CountFinding> compare(
      List<SideCount> source, List<SideCount> target, double tolerancePercent) {
    if (tolerancePercent < 0) {
      throw new IllegalArgumentException("count tolerance must be >= 0 %, was " + tolerancePercent);
    }
    Map<String, long[]> byKey = new TreeMap<>();
    Map<String, String[]> names = new TreeMap<>();
    for (SideCount c : source) {
      String k = c.namespace() + "\u0000" + c.set();
      byKey.computeIfAbsent(k, x -> new long[2])[0] += c.uniqueObjects();
      names.put(k, new String[] {c.namespace(), c.set()});
    }
    for (SideCount c : target) {
      String k = c.namespace() + "\u0000" + c.set();
      byKey.computeIfAbsent(k, x -> new long[2])[1] += c.uniqueObjects();
      names.put(k, new String[] {c.namespace(), c.set()});
    }
    List<CountFinding> out = new ArrayList<>();
    byKey.forEach(
        (k, v) -> {
          long max = Math.max(v[0], v[1]);
          double pct = max == 0 ? 0 : 100.0 * Math.abs(v[0] - v[1]) / max;
          String[] n = names.get(k);
          out.add(new CountFinding(n[0], n[1], v[0], v[1], pct, pct <= tolerancePercent + 1e-9));
        });
    return out;
  }
}

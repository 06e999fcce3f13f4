package io.aeroshift.transfer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Hands out work units so that at most {@code perNode} scans run against any one source node and
 * at most {@code total} in all. The node of a partition is asked again at hand-out time, so a
 * partition whose master moved (node stopped) goes to its new node.
 *
 * <p>Units wait in one queue per node, so a hand-out costs a look at each node, not at each
 * waiting unit: with every worker waiting on a saturated node (a one-node source: 16 workers, 4
 * scans per node) a scan of the whole queue on every release was a quarter of a pass's CPU in the
 * demo service. Units of a saturated node are asked for their node again when {@link #poll()}
 * finds nothing eligible, and by {@link #take()} at most every {@link #RESWEEP_MILLIS} while it
 * waits: a node whose scans hang does not hold back partitions whose master moved elsewhere.
 *
 * <p>Thread-safe; {@link #take()} blocks until a unit is eligible or none is left.
 */
public final class PartitionScheduler {

  /** How often a waiting {@link #take()} asks the queued units for their node again. */
  static final long RESWEEP_MILLIS = 200;

  /** Maps a partition id to the name of the source node holding its master, or null if unknown. */
  @FunctionalInterface
  public interface NodeResolver extends IntFunction<String> {}

  /** Queued units by the node they were last resolved to ("null": unknown), in partition order. */
  private final Map<String, Deque<WorkUnit>> queues = new LinkedHashMap<>();
  private final NodeResolver nodes;
  private final int perNode;
  private final int total;
  private final Map<String, Integer> inFlightByNode = new HashMap<>();
  private final Map<WorkUnit, String> nodeOfRunning = new HashMap<>();
  private long lastSweepNanos = System.nanoTime();
  private boolean closed;

  public PartitionScheduler(
      Collection<WorkUnit> units, NodeResolver nodes, int perNode, int total) {
    if (perNode < 1 || total < 1) {
      throw new IllegalArgumentException("perNode and total must be >= 1");
    }
    this.nodes = Objects.requireNonNull(nodes, "nodes");
    this.perNode = perNode;
    this.total = total;
    for (WorkUnit unit : units) {
      queues.computeIfAbsent(nodeOf(unit), n -> new ArrayDeque<>()).addLast(unit);
    }
  }

  /**
   * The next eligible unit, or null when the queue is empty (or the scheduler closed). Blocks
   * while every queued unit's node is at its limit.
   */
  public synchronized WorkUnit take() throws InterruptedException {
    while (true) {
      if (closed || queued() == 0) {
        return null;
      }
      WorkUnit unit = next(System.nanoTime() - lastSweepNanos >= RESWEEP_MILLIS * 1_000_000L);
      if (unit != null) {
        return unit;
      }
      wait(RESWEEP_MILLIS); // a node's master may change without a release
    }
  }

  /** The next eligible unit without blocking, or null (pure hand-out logic, for tests). */
  public synchronized WorkUnit poll() {
    return next(true);
  }

  /**
   * A unit of a node under its limit, its node asked again as it is handed out; when there is
   * none and {@code mayResweep}, every queued unit is asked for its node once and it tries again.
   */
  private WorkUnit next(boolean mayResweep) {
    if (closed || nodeOfRunning.size() >= total) {
      return null;
    }
    WorkUnit unit = nextOfNodesUnderLimit();
    if (unit == null && mayResweep) {
      resweep();
      unit = nextOfNodesUnderLimit();
    }
    return unit;
  }

  /** A unit of the least busy node under its limit that has one queued. */
  private WorkUnit nextOfNodesUnderLimit() {
    // each move is a master that moved since its unit was queued; a resolver that keeps
    // changing its answer cannot hold the hand-out for longer than one look at every unit
    for (int moves = 0, most = queued(); moves <= most; moves++) {
      String chosen = null;
      int fewest = perNode;
      for (Map.Entry<String, Deque<WorkUnit>> e : queues.entrySet()) {
        int inFlight = inFlightByNode.getOrDefault(e.getKey(), 0);
        if (!e.getValue().isEmpty() && inFlight < fewest) {
          chosen = e.getKey();
          fewest = inFlight;
        }
      }
      if (chosen == null) {
        return null;
      }
      WorkUnit unit = queues.get(chosen).pollFirst();
      String node = nodeOf(unit);
      if (node.equals(chosen)) {
        inFlightByNode.merge(node, 1, Integer::sum);
        nodeOfRunning.put(unit, node);
        return unit;
      }
      // its master moved since it was queued: it waits in its new node's queue
      queues.computeIfAbsent(node, n -> new ArrayDeque<>()).addFirst(unit);
    }
    return null;
  }

  private void resweep() {
    lastSweepNanos = System.nanoTime();
    List<WorkUnit> all = new ArrayList<>(queued());
    queues.values().forEach(q -> {
      all.addAll(q);
      q.clear();
    });
    all.sort(Comparator.comparingInt(WorkUnit::partition));
    for (WorkUnit unit : all) {
      queues.computeIfAbsent(nodeOf(unit), n -> new ArrayDeque<>()).addLast(unit);
    }
  }

  private int queued() {
    int n = 0;
    for (Deque<WorkUnit> q : queues.values()) {
      n += q.size();
    }
    return n;
  }

  private String nodeOf(WorkUnit unit) {
    return String.valueOf(nodes.apply(unit.partition()));
  }

  /** Marks a unit handed out by {@link #take()} or {@link #poll()} as finished. */
  public synchronized void release(WorkUnit unit) {
    String node = nodeOfRunning.remove(unit);
    if (node != null) {
      inFlightByNode.computeIfPresent(node, (k, v) -> v <= 1 ? null : v - 1);
    }
    notifyAll();
  }

  /** Stops handing out units; blocked takers return null. */
  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** Units not yet handed out. */
  public synchronized int remaining() {
    return queued();
  }

  /** Units handed out and not released, per node. */
  public synchronized Map<String, Integer> inFlightByNode() {
    return Map.copyOf(inFlightByNode);
  }
}

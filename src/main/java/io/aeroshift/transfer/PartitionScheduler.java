package io.aeroshift.transfer;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Hands out work units so that at most {@code perNode} scans run against any one source node and
 * at most {@code total} in all. The node of a partition is asked at hand-out time, so a partition
 * whose master moved (node stopped) goes to its new node.
 *
 * <p>Thread-safe; {@link #take()} blocks until a unit is eligible or none is left.
 */
public final class PartitionScheduler {

  /** Maps a partition id to the name of the source node holding its master, or null if unknown. */
  @FunctionalInterface
  public interface NodeResolver extends IntFunction<String> {}

  private final Deque<WorkUnit> queue;
  private final NodeResolver nodes;
  private final int perNode;
  private final int total;
  private final Map<String, Integer> inFlightByNode = new HashMap<>();
  private final Map<WorkUnit, String> nodeOfRunning = new HashMap<>();
  private boolean closed;

  public PartitionScheduler(
      Collection<WorkUnit> units, NodeResolver nodes, int perNode, int total) {
    if (perNode < 1 || total < 1) {
      throw new IllegalArgumentException("perNode and total must be >= 1");
    }
    this.queue = new ArrayDeque<>(units);
    this.nodes = Objects.requireNonNull(nodes, "nodes");
    this.perNode = perNode;
    this.total = total;
  }

  /**
   * The next eligible unit, or null when the queue is empty (or the scheduler closed). Blocks
   * while every queued unit's node is at its limit.
   */
  public synchronized WorkUnit take() throws InterruptedException {
    while (true) {
      if (closed || queue.isEmpty()) {
        return null;
      }
      WorkUnit unit = poll();
      if (unit != null) {
        return unit;
      }
      wait(200); // a node's master may change without a release: re-resolve periodically
    }
  }

  /** The next eligible unit without blocking, or null (pure hand-out logic, for tests). */
  public synchronized WorkUnit poll() {
    if (closed || nodeOfRunning.size() >= total) {
      return null;
    }
    for (Iterator<WorkUnit> it = queue.iterator(); it.hasNext(); ) {
      WorkUnit unit = it.next();
      String node = String.valueOf(nodes.apply(unit.partition()));
      if (inFlightByNode.getOrDefault(node, 0) < perNode) {
        it.remove();
        inFlightByNode.merge(node, 1, Integer::sum);
        nodeOfRunning.put(unit, node);
        return unit;
      }
    }
    return null;
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
    return queue.size();
  }

  /** Units handed out and not released, per node. */
  public synchronized Map<String, Integer> inFlightByNode() {
    return Map.copyOf(inFlightByNode);
  }
}

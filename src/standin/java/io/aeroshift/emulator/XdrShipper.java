package io.aeroshift.emulator;

import io.aeroshift.emulator.EmulatedCluster.NamespaceRuntime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Ships queued changes of every running node's DCs, one round per DC every {@code period-ms}.
 * Each node ships what it queued (the changes of partitions it mastered when they were written)
 * and recovers the partitions it masters for a rewind. A change ships the record's state at ship
 * time (XDR reads the record when it ships, so several writes coalesce), a missing record ships as
 * a delete. Nothing is dropped while the destination is unreachable: the queue waits, {@code nodes}
 * is 0 and {@code retry_no_node} counts the rounds that found no destination.
 */
final class XdrShipper implements AutoCloseable {
  private static final int RECOVERIES_PER_ROUND = 256;
  private static final int SHIPS_PER_ROUND = 5_000;

  private final EmulatedCluster cluster;
  private Thread thread;
  private volatile boolean closed;

  XdrShipper(EmulatedCluster cluster) {
    this.cluster = cluster;
  }

  synchronized void ensureRunning() {
    if (thread != null || closed) return;
    thread = new Thread(this::run, "emulator-xdr-" + cluster.nodeId(0));
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (thread != null) thread.interrupt();
  }

  private void run() {
    Map<XdrDc, Long> lastRound = new java.util.WeakHashMap<>();
    while (!closed) {
      long now = System.currentTimeMillis();
      for (EmulatedNode node : cluster.nodes) {
        if (!node.running()) continue;
        List<XdrDc> dcs;
        synchronized (node.xdrDcs) {
          dcs = new ArrayList<>(node.xdrDcs.values());
        }
        for (XdrDc dc : dcs) {
          Long last = lastRound.get(dc);
          if (last != null && now - last < dc.periodMillis()) continue;
          lastRound.put(dc, now);
          try {
            round(node, dc);
          } catch (RuntimeException e) {
            System.getLogger(XdrShipper.class.getName()).log(System.Logger.Level.WARNING, "xdr round of DC " + dc.name + " failed", e);
          }
        }
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void round(EmulatedNode node, XdrDc dc) {
    List<XdrDestination> destinations = new ArrayList<>();
    boolean connector;
    List<String> addresses;
    synchronized (node.xdrDcs) {
      if (node.xdrDcs.get(dc.name) != dc) return;
      connector = dc.connector();
      addresses = new ArrayList<>(dc.nodeAddressPorts);
    }
    for (String a : addresses) {
      XdrDestination d = XdrDestination.Registry.resolve(a);
      // a plain DC cannot speak to a proxy, nor a connector DC to a node: the connection fails
      if (d != null && d.connector() == connector && d.reachable()) destinations.add(d);
    }
    dc.connectedNodes = destinations.size();
    boolean anyWork;
    synchronized (node.xdrDcs) {
      anyWork = false;
      for (XdrDc.DcNamespace ns : dc.namespaces.values()) anyWork |= !ns.queue.isEmpty() || !ns.recoveriesPending.isEmpty();
    }
    if (destinations.isEmpty()) {
      if (anyWork) dc.retryNoNode.incrementAndGet();
      return;
    }
    XdrDestination dest = destinations.get(0);
    recover(node, dc);
    ship(node, dc, dest);
  }

  /**
   * Queues the records of up to RECOVERIES_PER_ROUND rewind partitions this node masters. Lock
   * order: a client write holds its partition's lock and then queues its change under the node's
   * XDR lock ({@link XdrService#submit}), so the recovery never takes a partition lock while it
   * holds the XDR lock (that inversion deadlocked a node under live writes, and every later info
   * call to it timed out). A partition leaves {@code recoveries_pending} only once its records are
   * queued, so the statistics never show a finished rewind with records still unqueued.
   */
  private void recover(EmulatedNode node, XdrDc dc) {
    boolean[] running = cluster.runningNodes();
    for (XdrDc.DcNamespace ns : namespaces(node, dc)) {
      NamespaceRuntime runtime = cluster.namespace(ns.name);
      List<Integer> batch;
      synchronized (node.xdrDcs) {
        batch = new ArrayList<>();
        Iterator<Integer> it = ns.recoveriesPending.iterator();
        while (batch.size() < RECOVERIES_PER_ROUND && it.hasNext()) batch.add(it.next());
      }
      long now = System.currentTimeMillis();
      for (int pid : batch) {
        int[] owners = cluster.partitionMap.owners(pid, 1, running);
        boolean mine = owners.length > 0 && owners[0] == node.index && runtime != null;
        List<StoredRecord> records = mine ? recoverable(runtime.store.partitions[pid], ns.rewindFromMillis, now) : List.of();
        synchronized (node.xdrDcs) {
          for (StoredRecord r : records) ns.enqueue(r.digest, r.setName, now);
          if (ns.recoveriesPending.remove(pid) && mine) dc.recoveries.incrementAndGet();
        }
      }
    }
  }

  private static List<XdrDc.DcNamespace> namespaces(EmulatedNode node, XdrDc dc) {
    synchronized (node.xdrDcs) {
      return new ArrayList<>(dc.namespaces.values());
    }
  }

  /** The partition's live records last updated at or after the rewind point; takes only the partition's lock. */
  private static List<StoredRecord> recoverable(Partition p, long rewindFromMillis, long now) {
    List<StoredRecord> out = new ArrayList<>();
    byte[] after = null;
    while (true) {
      List<StoredRecord> slice;
      synchronized (p) {
        slice = p.slice(after, 512);
      }
      for (StoredRecord r : slice) {
        if (r.lastUpdateMillis >= rewindFromMillis && !r.expiredAt(now)) out.add(r);
      }
      if (slice.size() < 512) return out;
      after = slice.get(slice.size() - 1).digest;
    }
  }

  private void ship(EmulatedNode node, XdrDc dc, XdrDestination dest) {
    int budget = SHIPS_PER_ROUND;
    long shipped = 0;
    long started = System.nanoTime();
    for (String nsName : namespaceNames(node, dc)) {
      NamespaceRuntime runtime = cluster.namespace(nsName);
      while (budget-- > 0) {
        XdrDc.Pending next;
        String remote;
        synchronized (node.xdrDcs) {
          XdrDc.DcNamespace ns = dc.namespaces.get(nsName);
          if (ns == null || ns.queue.isEmpty()) break;
          Iterator<XdrDc.Pending> it = ns.queue.values().iterator();
          next = it.next();
          it.remove();
          String r = ns.options.get("remote-namespace");
          remote = r == null || r.equals("null") ? nsName : r;
        }
        StoredRecord current;
        Partition p = runtime.store.partition(next.digest());
        long now = System.currentTimeMillis();
        synchronized (p) {
          current = p.get(next.digest());
        }
        if (current != null && current.expiredAt(now)) current = null;
        XdrDestination.Outcome outcome = current != null ? dest.write(remote, current) : dest.delete(remote, next.set(), next.digest());
        switch (outcome) {
          case SHIPPED:
            dc.success.incrementAndGet();
            dc.lastShipMillis = current != null ? current.lastUpdateMillis : now;
            shipped++;
            break;
          case NOT_FOUND:
            dc.notFound.incrementAndGet();
            shipped++;
            break;
          case ABANDONED:
            dc.abandoned.incrementAndGet();
            break;
          case UNREACHABLE:
          default:
            // back to the head of the queue: nothing is lost while the destination is away
            synchronized (node.xdrDcs) {
              XdrDc.DcNamespace ns = dc.namespaces.get(nsName);
              if (ns != null) requeueFirst(ns, next);
            }
            dc.retryConnReset.incrementAndGet();
            return;
        }
      }
    }
    long elapsedNanos = Math.max(1, System.nanoTime() - started);
    dc.throughput = shipped * 1_000_000_000L / elapsedNanos;
  }

  private static List<String> namespaceNames(EmulatedNode node, XdrDc dc) {
    synchronized (node.xdrDcs) {
      return new ArrayList<>(dc.namespaces.keySet());
    }
  }

  private static void requeueFirst(XdrDc.DcNamespace ns, XdrDc.Pending p) {
    java.util.LinkedHashMap<String, XdrDc.Pending> copy = new java.util.LinkedHashMap<>();
    copy.put(java.util.HexFormat.of().formatHex(p.digest()), p);
    copy.putAll(ns.queue);
    ns.queue.clear();
    ns.queue.putAll(copy);
  }
}

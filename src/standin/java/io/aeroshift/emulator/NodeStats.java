package io.aeroshift.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters one node reports in statistics and namespace info, named as the real server names them. */
final class NodeStats {
  /** The index of the node these are the counters of (its clock: {@link Faults#clockOffset}). */
  final int node;
  final AtomicInteger clientConnections = new AtomicInteger();
  final AtomicLong connectionsOpened = new AtomicLong();
  final AtomicLong connectionsClosed = new AtomicLong();
  final long startMillis = System.currentTimeMillis();
  private final Map<String, Map<String, LongAdder>> perNamespace = new ConcurrentHashMap<>();

  NodeStats(int node) {
    this.node = node;
  }

  void inc(String namespace, String counter) {
    Map<String, LongAdder> c = counters(namespace);
    LongAdder a = c.get(counter);
    if (a == null) a = c.computeIfAbsent(counter, k -> new LongAdder());
    a.increment();
  }

  void add(String namespace, String counter, long n) {
    counters(namespace).computeIfAbsent(counter, k -> new LongAdder()).add(n);
  }

  long get(String namespace, String counter) {
    LongAdder a = counters(namespace).get(counter);
    return a == null ? 0 : a.sum();
  }

  private Map<String, LongAdder> counters(String namespace) {
    Map<String, LongAdder> c = perNamespace.get(namespace);
    return c != null ? c : perNamespace.computeIfAbsent(namespace, k -> new ConcurrentHashMap<>());
  }
}

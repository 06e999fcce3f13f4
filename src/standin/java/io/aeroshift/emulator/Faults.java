package io.aeroshift.emulator;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Fault injection for the data path (AS_MSG commands). Info and admin messages are left alone so
 * the client can still tend the cluster, as it could against a real slow or failing node.
 */
public final class Faults {
  private volatile long latencyNanos;
  private volatile double errorFraction;
  private volatile int errorCode;
  private volatile double dropFraction;
  private volatile double loseWritesFraction;
  private final AtomicLong lostWrites = new AtomicLong();
  private final java.util.function.Consumer<ClientConnection> dropAllExcept;
  /** Per node: milliseconds its clock is ahead (negative: behind) of the machine's. */
  private final AtomicLongArray clockOffsetMillis;

  Faults(int nodes, java.util.function.Consumer<ClientConnection> dropAllExcept) {
    this.dropAllExcept = dropAllExcept;
    this.clockOffsetMillis = new AtomicLongArray(nodes);
  }

  /** Delays every data command by this much before it is answered. */
  public Faults latency(Duration latency) {
    this.latencyNanos = latency.toNanos();
    return this;
  }

  /**
   * Answers this fraction (0..1) of data commands with {@code resultCode} instead of executing them
   * (e.g. 14 KEY_BUSY, 18 DEVICE_OVERLOAD, 9 TIMEOUT which the client retries).
   */
  public Faults failFraction(double fraction, int resultCode) {
    if (fraction < 0 || fraction > 1) throw new IllegalArgumentException("fail fraction must be 0..1, got " + fraction);
    if (resultCode <= 0 || resultCode > 255) throw new IllegalArgumentException("result code must be 1..255, got " + resultCode);
    this.errorCode = resultCode;
    this.errorFraction = fraction;
    return this;
  }

  /** Closes the connection without answering for this fraction (0..1) of data commands. */
  public Faults dropFraction(double fraction) {
    if (fraction < 0 || fraction > 1) throw new IllegalArgumentException("drop fraction must be 0..1, got " + fraction);
    this.dropFraction = fraction;
    return this;
  }

  /**
   * Loses this fraction (0..1) of record writes and deletes after acknowledging them, as when a
   * node acknowledges and dies before the change reaches storage: the record is not stored, or not
   * deleted. Validation must find every such record missing, stale or extra; that is what this
   * fault is for. A lost delete is checked as a delete is (not found, generation, filter) and
   * answered as it would have been. A lost write is not looked at beyond its parse (no precondition
   * check, the reply carries generation 1), so with 1.0 a node costs only its transport, which the
   * emulator benchmark uses to show what the client and the machine allow. Applies to single-record
   * and batch commands; writes that also read run normally (their reply needs the record).
   */
  public Faults loseWritesFraction(double fraction) {
    if (fraction < 0 || fraction > 1) throw new IllegalArgumentException("lose-writes fraction must be 0..1, got " + fraction);
    this.loseWritesFraction = fraction;
    return this;
  }

  /** Writes and deletes acknowledged but lost by {@link #loseWritesFraction} since the cluster started. */
  public long lostWrites() {
    return lostWrites.get();
  }

  /** Closes every client connection of every running node now (the nodes keep listening). */
  public Faults dropAllConnections() {
    dropAllExcept.accept(null);
    return this;
  }

  /** Closes every client connection but {@code asking} (the one that asked for it, to get its answer). */
  void dropAllConnectionsExcept(ClientConnection asking) {
    dropAllExcept.accept(asking);
  }

  /**
   * Sets node {@code node}'s clock this far ahead of the machine's (negative: behind). A node
   * stamps the last-update time of the writes it executes, computes void times and judges expiry
   * with its own clock, as a server does with its host's clock; records written through a skewed
   * node carry skewed last-update times (what a catch-up filter on {@code lastUpdate} or a
   * validation cut-off then sees).
   */
  public Faults clockOffset(int node, Duration offset) {
    if (node < 0 || node >= clockOffsetMillis.length()) {
      throw new IllegalArgumentException("node index " + node + " out of 0.." + (clockOffsetMillis.length() - 1));
    }
    clockOffsetMillis.set(node, offset.toMillis());
    return this;
  }

  /** Node {@code node}'s clock offset in milliseconds (0 when none was set). */
  public long clockOffsetMillis(int node) {
    return clockOffsetMillis.get(node);
  }

  /** The current latency added to each data command. */
  public Duration latency() {
    return Duration.ofNanos(latencyNanos);
  }

  /** The fraction of data commands whose connection is closed without an answer. */
  public double dropFraction() {
    return dropFraction;
  }

  /** The fraction of writes and deletes acknowledged and lost. */
  public double loseWritesFraction() {
    return loseWritesFraction;
  }

  /** Removes every fault, clock offsets included. */
  public Faults clear() {
    latencyNanos = 0;
    errorFraction = 0;
    dropFraction = 0;
    loseWritesFraction = 0;
    for (int i = 0; i < clockOffsetMillis.length(); i++) clockOffsetMillis.set(i, 0);
    return this;
  }

  /** The time on node {@code node}'s clock. */
  long nowMillis(int node) {
    return System.currentTimeMillis() + clockOffsetMillis.get(node);
  }

  long latencyNanos() {
    return latencyNanos;
  }

  /** The injected result code for this command, or 0. */
  int injectedError() {
    double f = errorFraction;
    return f > 0 && ThreadLocalRandom.current().nextDouble() < f ? errorCode : 0;
  }

  /** True when this write or delete is to be acknowledged and lost; counts it. */
  boolean loseThisWrite() {
    double f = loseWritesFraction;
    if (f > 0 && (f >= 1 || ThreadLocalRandom.current().nextDouble() < f)) {
      lostWrites.incrementAndGet();
      return true;
    }
    return false;
  }

  boolean dropThisCommand() {
    double f = dropFraction;
    return f > 0 && ThreadLocalRandom.current().nextDouble() < f;
  }
}

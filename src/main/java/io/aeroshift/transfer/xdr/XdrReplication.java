package io.aeroshift.transfer.xdr;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.InfoPolicy;
import io.aeroshift.discovery.InfoCommands;
import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.transfer.AerospikeErrors;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * XDR copy mode against one source cluster, through the official client's info calls on every
 * source node: preflight, setup (idempotent: each node gets only what it lacks, so a re-run or a
 * run after a node restart completes the configuration), monitoring, teardown. Failures are typed
 * ({@link Failure}); nothing here waits longer than the settings allow.
 *
 * <p>The job runner or the migration workflow drives it: {@link #start()} once (and again after a
 * restart), {@link #observe()} on each check, {@link #teardown()} after the drain or on rollback.
 */
public final class XdrReplication {
  private static final System.Logger LOG = System.getLogger(XdrReplication.class.getName());
  private static final long POLL_MILLIS = 100;

  private final IAerospikeClient source;
  private final XdrSettings settings;
  private final Clock clock;
  private XdrMonitor.WatchState watch = XdrMonitor.WatchState.initial();

  public XdrReplication(IAerospikeClient source, XdrSettings settings, Clock clock) {
    this.source = source;
    this.settings = settings;
    this.clock = clock;
  }

  public XdrSettings settings() {
    return settings;
  }

  private InfoPolicy infoPolicy() {
    InfoPolicy p = new InfoPolicy();
    p.timeout = (int) Math.min(Math.max(500, settings.reachTimeout().toMillis()), 5_000);
    return p;
  }

  private Node[] nodes() {
    Node[] nodes = source.getNodes();
    if (nodes.length == 0) throw new AerospikeException(com.aerospike.client.ResultCode.SERVER_NOT_AVAILABLE, "no source node");
    return nodes;
  }

  /** Edition, version and feature keys of every node; empty when XDR can be used. */
  public Optional<Failure> preflight() {
    try {
      List<XdrPreflight.NodeFacts> facts = new ArrayList<>();
      for (Node n : nodes()) {
        facts.add(new XdrPreflight.NodeFacts(n.getName(), read(n, InfoCommands.EDITION), read(n, InfoCommands.BUILD),
            read(n, "feature-key")));
      }
      return XdrPreflight.evaluate(facts, settings, clock.instant());
    } catch (AerospikeException e) {
      return Optional.of(sourceFailure(e));
    }
  }

  /**
   * Preflight, then on every node: the DC, its parameters and destinations; waits (at most the
   * reach timeout) until every node is connected to the destination; then the namespaces with the
   * rewind. A failure after the first change removes what this run configured, so a refused or
   * unreachable setup leaves nothing behind.
   */
  public Optional<Failure> start() {
    Optional<Failure> pre = preflight();
    if (pre.isPresent()) return pre;
    try {
      for (Node n : nodes()) {
        Optional<Failure> f = run(n, XdrCommands.setup(settings, dcConfig(n)));
        if (f.isPresent()) return undo(f.get());
      }
      Optional<Failure> reach = awaitConnected();
      if (reach.isPresent()) return undo(reach.get());
      for (Node n : nodes()) {
        Optional<Failure> f = run(n, XdrCommands.namespaces(settings, dcConfig(n)));
        if (f.isPresent()) return undo(f.get());
      }
      LOG.log(System.Logger.Level.INFO, "XDR DC " + settings.dcName() + " ships " + settings.namespaces() + " to "
          + settings.destinations() + (settings.connector() ? " (proxy)" : "") + " from " + nodes().length + " nodes");
      return Optional.empty();
    } catch (AerospikeException e) {
      return Optional.of(sourceFailure(e));
    }
  }

  private Optional<Failure> undo(Failure cause) {
    Optional<Failure> left = teardown();
    if (left.isPresent()) {
      return Optional.of(new Failure(cause.reason(), cause.errorClass(),
          cause.detail() + "; removing the partial XDR configuration failed too: " + left.get().detail(), cause.at()));
    }
    return Optional.of(cause);
  }

  /** Every node reports at least one destination node connected, within the reach timeout. */
  private Optional<Failure> awaitConnected() {
    Instant deadline = clock.instant().plus(settings.reachTimeout());
    while (true) {
      List<String> notConnected = new ArrayList<>();
      for (Node n : nodes()) {
        XdrNodeStats s = stats(n);
        if (!s.present() || s.connectedNodes() == 0) notConnected.add(n.getName());
      }
      if (notConnected.isEmpty()) return Optional.empty();
      if (!clock.instant().isBefore(deadline)) {
        return Optional.of(Failure.of(FailureReason.TARGET_UNREACHABLE, "source nodes " + notConnected
            + " could not connect DC " + settings.dcName() + " to " + settings.destinations()
            + (settings.connector() ? " (XDR proxy)" : "") + " within " + settings.reachTimeout().toSeconds() + " s", clock.instant()));
      }
      sleep();
    }
  }

  /** Statistics of every node, aggregated with the readiness verdict. */
  public XdrMonitor.Observation observe() {
    List<XdrNodeStats> stats = new ArrayList<>();
    try {
      for (Node n : nodes()) stats.add(stats(n));
    } catch (AerospikeException e) {
      Failure f = sourceFailure(e);
      return new XdrMonitor.Observation(clock.instant(), XdrMonitor.State.BLOCKED, f.detail(), f, 0, 0, 0, 0, 0, 0, 0, 0,
          List.of(), watch);
    }
    XdrMonitor.Observation o = XdrMonitor.evaluate(settings, stats, clock.instant(), watch);
    watch = o.next();
    return o;
  }

  /** Removes the DC's namespaces, destinations and the DC from every node, then checks nothing is left. */
  public Optional<Failure> teardown() {
    try {
      for (Node n : nodes()) {
        Optional<Failure> f = run(n, XdrCommands.teardown(settings.dcName(), dcConfig(n)));
        if (f.isPresent()) return f;
      }
      Map<String, XdrDcConfig> left = configOnEveryNode();
      left.values().removeIf(c -> !c.exists());
      if (!left.isEmpty()) {
        return Optional.of(Failure.of(FailureReason.XDR_FAILED, "DC " + settings.dcName() + " still configured on "
            + left.keySet() + " after teardown", clock.instant()));
      }
      return Optional.empty();
    } catch (AerospikeException e) {
      return Optional.of(sourceFailure(e));
    }
  }

  /** This DC's configuration on each node (absent where the node does not have it). */
  public Map<String, XdrDcConfig> configOnEveryNode() {
    Map<String, XdrDcConfig> out = new LinkedHashMap<>();
    for (Node n : nodes()) out.put(n.getName(), dcConfig(n));
    return out;
  }

  private XdrDcConfig dcConfig(Node n) {
    String all = read(n, "get-config:context=xdr");
    if (!XdrDcConfig.dcNames(all).contains(settings.dcName())) return XdrDcConfig.ABSENT;
    return XdrDcConfig.parse(read(n, "get-config:context=xdr;dc=" + settings.dcName()));
  }

  private XdrNodeStats stats(Node n) {
    return XdrNodeStats.parse(n.getName(), read(n, "get-stats:context=xdr;dc=" + settings.dcName()));
  }

  /**
   * A read-only info call, retried twice on a transient failure (connection, timeout). Changes
   * ({@code set-config}) are never retried blindly: a failed change fails the run, and the
   * re-run reads the configuration and sends only what is still missing.
   */
  private String read(Node n, String command) {
    for (int attempt = 1; ; attempt++) {
      try {
        return Info.request(infoPolicy(), n, command);
      } catch (AerospikeException e) {
        if (attempt == 3 || AerospikeErrors.classify(e) != io.aeroshift.outcome.ErrorClass.RETRIABLE) throw e;
        sleep();
      }
    }
  }

  private Optional<Failure> run(Node n, List<String> commands) {
    for (String c : commands) {
      String reply = Info.request(infoPolicy(), n, c);
      if (reply == null || !reply.trim().equalsIgnoreCase("ok")) {
        return Optional.of(Failure.of(FailureReason.XDR_FAILED, "node " + n.getName() + " refused '" + c + "': " + reply,
            clock.instant()));
      }
    }
    return Optional.empty();
  }

  private Failure sourceFailure(AerospikeException e) {
    return new Failure(FailureReason.SOURCE_UNREACHABLE, AerospikeErrors.classify(e),
        "source info call failed: " + e.getMessage(), clock.instant());
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for XDR", e);
    }
  }
}

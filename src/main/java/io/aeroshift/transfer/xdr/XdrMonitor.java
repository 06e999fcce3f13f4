package io.aeroshift.transfer.xdr;

import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the statistics of every source node into progress, lag and a readiness verdict; pure.
 * Ready means every node has the DC, is connected to the destination, has no recovery pending (a
 * rewind in progress is never ready: its lag is meaningless), nothing queued or in flight, and a
 * lag at or under the settings' limit. A DC that stops shipping is a blocker with its reason:
 * abandoned records rising (the destination refuses them), or no destination node connected for
 * longer than the stall limit.
 */
public final class XdrMonitor {

  /** What the watch remembers between observations. */
  public record WatchState(long abandonedBaseline, long maxRecoveriesPending, Map<String, Instant> disconnectedSince) {
    public WatchState {
      disconnectedSince = Map.copyOf(disconnectedSince);
    }

    public static WatchState initial() {
      return new WatchState(-1, 0, Map.of());
    }
  }

  public enum State { READY, CATCHING_UP, BLOCKED }

  /**
   * One observation: totals over nodes (lag is the worst node's), the verdict and its reason, the
   * blocker when blocked, and the state to pass to the next observation.
   */
  public record Observation(
      Instant at,
      State state,
      String reason,
      Failure blocker,
      long lagSeconds,
      long inQueue,
      long inProgress,
      long recoveriesPending,
      double recoveredFraction,
      long shipped,
      long notFound,
      long abandoned,
      List<XdrNodeStats> nodes,
      WatchState next) {

    public boolean ready() {
      return state == State.READY;
    }
  }

  private XdrMonitor() {}

  public static Observation evaluate(XdrSettings settings, List<XdrNodeStats> nodes, Instant at, WatchState previous) {
    long lag = 0, inQueue = 0, inProgress = 0, pending = 0, shipped = 0, notFound = 0, abandoned = 0;
    List<String> missing = new ArrayList<>();
    List<String> disconnected = new ArrayList<>();
    Map<String, Instant> since = new HashMap<>();
    for (XdrNodeStats n : nodes) {
      if (!n.present()) {
        missing.add(n.node());
        continue;
      }
      lag = Math.max(lag, n.lag());
      inQueue += n.inQueue();
      inProgress += n.inProgress();
      pending += n.recoveriesPending();
      shipped += n.success();
      notFound += n.notFound();
      abandoned += n.abandoned();
      if (n.connectedNodes() == 0) {
        disconnected.add(n.node());
        since.put(n.node(), previous.disconnectedSince().getOrDefault(n.node(), at));
      }
    }
    long baseline = previous.abandonedBaseline() < 0 ? abandoned : previous.abandonedBaseline();
    long maxPending = Math.max(previous.maxRecoveriesPending(), pending);
    WatchState next = new WatchState(baseline, maxPending, since);
    double recovered = maxPending == 0 ? 1.0 : 1.0 - (double) pending / maxPending;

    State state;
    String reason;
    Failure blocker = null;
    Instant stalledSince = since.values().stream().min(Instant::compareTo).orElse(null);
    if (abandoned > baseline) {
      state = State.BLOCKED;
      reason = "abandoned records rose from " + baseline + " to " + abandoned + ": the destination refuses what DC "
          + settings.dcName() + " ships";
      blocker = Failure.of(FailureReason.XDR_FAILED, reason, at);
    } else if (stalledSince != null && !Duration.between(stalledSince, at).minus(settings.stallLimit()).isNegative()) {
      state = State.BLOCKED;
      reason = "DC " + settings.dcName() + " has had no destination node connected since " + stalledSince + " on " + disconnected
          + " (destination " + settings.destinations() + " unreachable); " + inQueue + " changes wait";
      blocker = Failure.of(FailureReason.TARGET_UNREACHABLE, reason, at);
    } else if (!missing.isEmpty()) {
      state = State.CATCHING_UP;
      reason = "DC " + settings.dcName() + " is not configured on " + missing + " (restarted?): set up again";
    } else if (!disconnected.isEmpty()) {
      state = State.CATCHING_UP;
      reason = "no destination node connected on " + disconnected;
    } else if (pending > 0) {
      state = State.CATCHING_UP;
      reason = "rewind in progress: " + pending + " partition recoveries pending";
    } else if (inQueue > 0 || inProgress > 0) {
      state = State.CATCHING_UP;
      reason = inQueue + " queued and " + inProgress + " in flight";
    } else if (lag > settings.readyLagSeconds()) {
      state = State.CATCHING_UP;
      reason = "lag " + lag + " s above " + settings.readyLagSeconds() + " s";
    } else {
      state = State.READY;
      reason = "caught up: lag " + lag + " s, nothing queued on " + nodes.size() + " nodes";
    }
    return new Observation(at, state, reason, blocker, lag, inQueue, inProgress, pending, recovered, shipped, notFound,
        abandoned, List.copyOf(nodes), next);
  }
}

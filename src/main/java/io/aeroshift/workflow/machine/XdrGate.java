package io.aeroshift.workflow.machine;

import io.aeroshift.transfer.xdr.XdrMonitor;
import java.util.ArrayList;
import java.util.List;

/**
 * How the workflow reads an XDR copy (copy mode XDR) from its last observation of every source
 * node's XDR statistics ({@code io.aeroshift.jobs.Jobs#xdr}); pure. XDR has no delta passes: the
 * lag comes from the statistics, and the readiness gate is the replication's own verdict. A
 * rewind in progress (the initial copy) is never ready and its lag is unknown (the server
 * measures it from the rewind point); a DC that stopped shipping is a blocker with its reason.
 */
public final class XdrGate {
  private XdrGate() {}

  /** The copy's progress: the rewind's recovered fraction, records shipped so far. */
  public static Progress progress(XdrMonitor.Observation o) {
    return o == null ? Progress.NONE : new Progress(o.recoveredFraction(), o.shipped(), 0, -1);
  }

  /** Seconds the target is behind; -1 while unknown (no observation yet, a rewind running, blocked). */
  public static long lagSeconds(XdrMonitor.Observation o) {
    if (o == null || o.recoveriesPending() > 0 || o.state() == XdrMonitor.State.BLOCKED) {
      return -1;
    }
    return o.lagSeconds();
  }

  /** Why the replication does not let the migration go on to validation and cutover; empty when it does. */
  public static List<CutoverBlocker> blockers(XdrMonitor.Observation o, PlanSettings plan) {
    List<CutoverBlocker> out = new ArrayList<>();
    if (o == null) {
      out.add(new CutoverBlocker("XDR_UNOBSERVED", "the XDR copy has not reported its statistics yet"));
      return out;
    }
    switch (o.state()) {
      case BLOCKED -> out.add(new CutoverBlocker("XDR_BLOCKED", o.reason()));
      case CATCHING_UP -> out.add(new CutoverBlocker(o.recoveriesPending() > 0 ? "XDR_REWIND" : "XDR_CATCHING_UP",
          o.reason()));
      case READY -> {
        if (o.lagSeconds() > plan.maxLagSeconds()) {
          out.add(new CutoverBlocker("LAG", "XDR lag " + o.lagSeconds() + " s is above cutover.maxLagSeconds "
              + plan.maxLagSeconds()));
        }
      }
    }
    return out;
  }
}

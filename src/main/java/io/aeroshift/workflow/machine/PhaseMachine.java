package io.aeroshift.workflow.machine;

import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.transfer.xdr.XdrMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The step function: stored migration + the command to consume (if any) + what was observed + the
 * time -> the migration to save, the actions to run, what happened and when to look again. No I/O:
 * every decision of the workflow is here and unit-tested transition by transition.
 *
 * <p>A job's id is part of the saved state before its action runs (the Aerospike client's
 * {@code TxnRoll} marks roll-forward before rolling forward): after a restart the reconciler
 * observes the job unknown and the step issues the same job again, which resumes from its
 * checkpoints rather than starting a second copy.
 */
public final class PhaseMachine {
  /** The reconciler's name in history and events. */
  public static final String SYSTEM = "aeroshift";

  private final Duration poll;

  /** @param poll how soon to look again while a job runs or AKO works */
  public PhaseMachine(Duration poll) {
    this.poll = poll;
  }

  /**
   * One step.
   *
   * @param command the oldest stored command not yet consumed, or null
   */
  public Step step(Migration migration, StoredCommand command, Observations seen, PlanSettings plan, Instant now) {
    Draft d = new Draft(migration, plan, now);
    if (command != null) {
      consume(d, command, seen, plan);
    }
    advance(d, seen, plan);
    return d.build();
  }

  /**
   * The XDR copy of an XDR plan: the job COPYING starts (the full copy's id), watched through the
   * catch-up, validation, approval, cutover and drain, torn down after the drain.
   */
  public static String xdrJobId(Migration m) {
    return m.newJobId(JobKind.FULL_COPY, 0);
  }

  /**
   * Why the migration may not cut over now; for an XDR plan also what its replication says
   * ({@link XdrGate#blockers}: a rewind running, a DC that stopped shipping, the lag).
   */
  public static List<CutoverBlocker> cutoverBlockers(Migration m, WaveGate gate, PlanSettings plan,
      XdrMonitor.Observation xdr, Instant now) {
    List<CutoverBlocker> out = cutoverBlockers(m, gate, plan, now);
    if (plan.xdr()) {
      for (CutoverBlocker b : XdrGate.blockers(xdr, plan)) {
        if (out.stream().noneMatch(o -> o.reason().equals(b.reason()))) {
          out.add(b);
        }
      }
    }
    return out;
  }

  /**
   * Why the migration may not cut over now; empty when it may ({@code canCutover}). Reads an XDR
   * plan's lag as the last step stored it; the step itself adds the replication's own blockers.
   */
  public static List<CutoverBlocker> cutoverBlockers(Migration m, WaveGate gate, PlanSettings plan, Instant now) {
    List<CutoverBlocker> out = new ArrayList<>();
    if (m.phase() != Phase.APPROVED) {
      out.add(new CutoverBlocker("PHASE", "phase is " + m.phase() + "; cutover starts from APPROVED"));
    }
    if (m.approval() == null) {
      out.add(new CutoverBlocker("NOT_APPROVED", "no owner of team " + m.team() + " has approved"));
    }
    out.addAll(evidenceBlockers(m, plan, now));
    if (m.lagSeconds() < 0) {
      out.add(new CutoverBlocker("LAG_UNKNOWN", "no catch-up pass has measured the lag yet"));
    } else if (m.lagSeconds() > plan.maxLagSeconds()) {
      out.add(new CutoverBlocker("LAG", "lag " + m.lagSeconds() + " s is above cutover.maxLagSeconds "
          + plan.maxLagSeconds()));
    }
    if (!gate.mayCutover()) {
      out.add(new CutoverBlocker("WAVE", gate.cutoverBlocker()));
    }
    return out;
  }

  /** Why an owner may not approve now (evidence missing, failed or stale); empty when they may. */
  public static List<CutoverBlocker> approvalBlockers(Migration m, PlanSettings plan, Instant now) {
    List<CutoverBlocker> out = new ArrayList<>();
    if (m.phase() != Phase.AWAITING_APPROVAL) {
      out.add(new CutoverBlocker("PHASE", "phase is " + m.phase() + "; approval is given in AWAITING_APPROVAL"));
    }
    out.addAll(evidenceBlockers(m, plan, now));
    return out;
  }

  private static List<CutoverBlocker> evidenceBlockers(Migration m, PlanSettings plan, Instant now) {
    ValidationRecord latest = m.lastValidation();
    ValidationRecord evidence = m.approval() != null ? m.approval().evidence() : latest;
    if (latest == null) {
      return List.of(new CutoverBlocker("NO_VALIDATION", "no validation has finished"));
    }
    List<CutoverBlocker> out = new ArrayList<>();
    if (!latest.passed()) {
      out.add(new CutoverBlocker("VALIDATION_FAILED", "validation " + latest.id() + " found "
          + latest.differences() + " difference(s)"));
    }
    if (stale(evidence, plan, now)) {
      out.add(new CutoverBlocker("EVIDENCE_STALE", "validation " + evidence.id() + " finished at " + evidence.at()
          + ", more than " + plan.validationMaxAge().toMinutes() + " minute(s) ago"));
    }
    return out;
  }

  private static boolean stale(ValidationRecord evidence, PlanSettings plan, Instant now) {
    return evidence.at().plus(plan.validationMaxAge()).isBefore(now);
  }

  // ---------- commands ----------

  private void consume(Draft d, StoredCommand c, Observations seen, PlanSettings plan) {
    Migration m = d.m;
    if (!m.phase().accepts(m.resumeTo()).contains(c.command())) {
      d.refuse(c, "phase " + m.phase() + " accepts " + m.phase().accepts(m.resumeTo()));
      return;
    }
    switch (c.command()) {
      case START -> {
        d.m = m.withStarted();
        d.take(c, null);
      }
      case PAUSE -> {
        d.stopJob();
        d.stopXdr();
        d.m = d.m.withResumeTo(m.phase());
        d.take(c, null);
        d.transition(Phase.PAUSED, c, "paused in " + m.phase());
      }
      case RESUME -> {
        d.take(c, null);
        d.transition(m.resumeTo(), c, "resumed");
      }
      case ABORT -> {
        d.stopJob();
        d.stopXdr();
        d.take(c, null);
        d.transition(Phase.ABORTED, c, c.reason() == null ? "aborted" : c.reason());
      }
      case RETRY -> {
        Phase back = m.resumeTo();
        d.m = m.withFailure(null).withAttempt(m.attempt() + 1).withJob(null, null)
            .withCatchUpPasses(back == Phase.CATCHING_UP ? 0 : m.catchUpPasses());
        d.take(c, null);
        d.transition(back, c, "retry " + (m.attempt() + 1) + " after " + describe(m.failure()));
      }
      case APPROVE -> {
        List<CutoverBlocker> blockers = approvalBlockers(m, plan, d.now);
        if (!blockers.isEmpty()) {
          d.refuse(c, blockers.get(0).detail());
          return;
        }
        d.m = m.withApproval(new Approval(c.by(), d.now, m.lastValidation()));
        d.take(c, null);
        d.transition(Phase.APPROVED, c, "approved on validation " + m.lastValidation().id());
      }
      case REJECT -> {
        d.stopJob();
        d.stopXdr();
        String why = c.by() + " rejected the cutover" + (c.reason() == null ? "" : ": " + c.reason());
        d.m = d.m.withApproval(null).withResumeTo(Phase.VALIDATING)
            .withFailure(Failure.of(FailureReason.APPROVAL_REJECTED, why, d.now));
        d.take(c, null);
        d.transition(Phase.FAILED, c, why);
      }
      case CUTOVER -> {
        List<CutoverBlocker> blockers = cutoverBlockers(m, seen.wave(), plan, seen.xdr(), d.now);
        if (!blockers.isEmpty()) {
          d.refuse(c, blockers.get(0).reason() + ": " + blockers.get(0).detail());
          return;
        }
        d.take(c, null);
        startCutover(d, c, "cutover");
      }
      case ROLLBACK -> {
        d.stopJob();
        d.stopXdr();
        // the switch back's point of no return, saved before any client is moved back
        d.m = d.m.withCutover(d.m.cutover().withSwitchBackAt(d.now).withResidualWriters(List.of()));
        d.take(c, null);
        d.transition(Phase.ROLLING_BACK, c, c.reason() == null ? "rollback" : c.reason());
        d.startJob(JobKind.ROLLBACK, new Action.RollBack(d.m.newJobId(JobKind.ROLLBACK, 0)));
      }
      case VALIDATE -> {
        d.stopJob();
        d.take(c, null);
        startValidation(d);
      }
      case CONFIRM_SWITCH -> {
        d.m = m.withCutover(m.cutover().withConfirmation(m.phase() == Phase.ROLLING_BACK, c.by()));
        d.take(c, m.phase() == Phase.ROLLING_BACK ? "clients use the source again" : "clients use the target");
      }
    }
  }

  /**
   * APPROVED -> CUTTING_OVER: the point of no return is saved with the switch instant before any
   * client is touched; the client-switch job (final delta, lag check, switch) runs after the save.
   */
  private void startCutover(Draft d, StoredCommand c, String why) {
    d.stopJob();
    d.m = d.m.withSwitchedAt(d.now).withCutover(CutoverState.NONE);
    d.transition(Phase.CUTTING_OVER, c, why);
    d.startJob(JobKind.CLIENT_SWITCH, new Action.SwitchClients(d.m.newJobId(JobKind.CLIENT_SWITCH, 0)));
  }

  // ---------- phases ----------

  private void advance(Draft d, Observations seen, PlanSettings plan) {
    JobView job = seen.job() != null && seen.job().id().equals(d.m.jobId()) ? seen.job() : null;
    switch (d.m.phase()) {
      case PLANNED -> planned(d, seen.wave());
      case PROVISIONING -> provisioning(d, seen, plan);
      case COPYING -> {
        if (plan.xdr()) {
          xdrCopying(d, seen, plan);
        } else {
          copying(d, job, seen.wave(), plan);
        }
      }
      case CATCHING_UP -> {
        if (plan.xdr()) {
          xdrCatchingUp(d, seen, plan);
        } else {
          catchingUp(d, job, seen.wave(), plan);
        }
      }
      case VALIDATING -> {
        if (!plan.xdr() || xdrShipping(d, seen, plan)) {
          validating(d, job);
        }
      }
      case AWAITING_APPROVAL, APPROVED -> {
        if (!plan.xdr() || xdrShipping(d, seen, plan)) {
          awaitingCutover(d, job, seen, plan);
        }
      }
      case CUTTING_OVER -> {
        if (!plan.xdr() || xdrShipping(d, seen, plan)) {
          cutoverJob(d, job, Phase.DRAINING, plan);
        }
      }
      case DRAINING -> {
        if (d.m.jobKind() == JobKind.XDR_TEARDOWN) {
          xdrTeardown(d, job);
        } else if (!plan.xdr() || xdrShipping(d, seen, plan)) {
          cutoverJob(d, job, Phase.COMPLETED, plan);
        }
      }
      case ROLLING_BACK -> cutoverJob(d, job, Phase.ROLLED_BACK, plan);
      case PAUSED, FAILED -> d.waitFor(null, "waiting for a command in " + d.m.phase());
      case COMPLETED, ABORTED, ROLLED_BACK -> finalPhase(d, seen);
    }
  }

  /**
   * A final migration has nothing left to do but remove the backup files its copies made. The step
   * that makes it final looks again after a poll (what it observed was observed before); a step of
   * a final migration asks for the removal while backup files are seen, and looks again until none
   * are, so a restart before the removal removes them then.
   */
  private void finalPhase(Draft d, Observations seen) {
    if (seen.backupsLeft()) {
      d.actions.add(new Action.RemoveBackups());
      d.waitFor(d.now.plus(poll), d.m.phase() + " is final; removing the backup files of its copies");
    } else if (!d.startedIn.terminal()) {
      d.waitFor(d.now.plus(poll), d.m.phase() + " is final; looking for backup files of its copies to remove");
    } else {
      d.waitFor(null, d.m.phase() + " is final");
    }
  }

  private void planned(Draft d, WaveGate wave) {
    if (!d.m.started() && !wave.waveRunning()) {
      d.waitFor(null, "waiting for start (or its wave to start)");
      return;
    }
    if (!wave.mayCopy()) {
      d.waitFor(d.now.plus(poll), wave.copyBlocker());
      return;
    }
    d.transition(Phase.PROVISIONING, null, "target applied");
    d.actions.add(new Action.ApplyTarget());
    d.waitFor(d.now.plus(poll), "waiting for AKO to make the target ready");
  }

  private void provisioning(Draft d, Observations seen, PlanSettings plan) {
    TargetState t = seen.target();
    if (t instanceof TargetState.Ready ready) {
      d.m = d.m.withEndpoints(ready.endpoints());
      d.milestone("TARGET_READY", "target ready at " + ready.endpoints(), Map.of("endpoints", ready.endpoints()));
      d.transition(Phase.COPYING, null, "target ready");
      startCopy(d, JobKind.FULL_COPY, 0, seen.wave(), plan);
    } else if (t instanceof TargetState.Failed failed) {
      d.fail(failed.failure(), Phase.PROVISIONING);
    } else if (d.m.phaseSince().plus(plan.provisioningTimeout()).isBefore(d.now)) {
      String why = t instanceof TargetState.Pending p ? p.reason() : "not applied";
      d.fail(Failure.of(FailureReason.PROVISIONING_FAILED, "target not ready after "
          + plan.provisioningTimeout().toSeconds() + " s: " + why, d.now), Phase.PROVISIONING);
    } else {
      if (t instanceof TargetState.Absent && !d.applied()) {
        d.actions.add(new Action.ApplyTarget());
      }
      d.waitFor(d.now.plus(poll), t instanceof TargetState.Pending p ? "AKO: " + p.reason() : "target applied");
    }
  }

  private void copying(Draft d, JobView job, WaveGate wave, PlanSettings plan) {
    if (d.m.jobId() == null || d.m.jobKind() != JobKind.FULL_COPY) {
      startCopy(d, JobKind.FULL_COPY, 0, wave, plan);
      return;
    }
    if (watching(d, job, () -> d.actions.add(copyAction(d.m.jobId(), JobKind.FULL_COPY, wave, plan)))) {
      return;
    }
    switch (job.state()) {
      case SUCCEEDED -> {
        Progress p = job.progress();
        d.m = d.m.withProgress(new Progress(1.0, p.recordsCopied(), 0, 0));
        d.milestone("COPY_FINISHED", "full copy finished: " + p.recordsCopied() + " records",
            Map.of("recordsCopied", p.recordsCopied()));
        d.transition(Phase.CATCHING_UP, null, "full copy finished");
        startCopy(d, JobKind.DELTA_PASS, 1, wave, plan);
      }
      case FAILED -> d.fail(job.failure(), Phase.COPYING);
      default -> throw new IllegalStateException(job.state().name());
    }
  }

  private void catchingUp(Draft d, JobView job, WaveGate wave, PlanSettings plan) {
    if (d.m.jobId() == null || d.m.jobKind() != JobKind.DELTA_PASS) {
      startCopy(d, JobKind.DELTA_PASS, d.m.catchUpPasses() + 1, wave, plan);
      return;
    }
    if (watching(d, job, () -> d.actions.add(copyAction(d.m.jobId(), JobKind.DELTA_PASS, wave, plan)))) {
      return;
    }
    if (job.state() == JobView.JobState.FAILED) {
      d.fail(job.failure(), Phase.CATCHING_UP);
      return;
    }
    JobView.DeltaPass delta = job.delta() != null ? job.delta() : new JobView.DeltaPass(0, 0, 0, 0);
    int passes = d.m.catchUpPasses() + 1;
    long lag = lagSeconds(delta);
    Progress p = d.m.progress();
    d.m = d.m.withCatchUpPasses(passes).withLag(lag)
        .withProgress(new Progress(p.fractionDone(), p.recordsCopied() + delta.records(), 0, 0));
    d.milestone("DELTA_PASS", "delta pass " + passes + ": " + delta.records() + " records in "
        + delta.durationMillis() + " ms", Map.of("pass", passes, "records", delta.records(),
        "deleted", delta.deleted(), "durationMillis", delta.durationMillis(), "lagSeconds", lag));
    if (converged(delta, plan)) {
      d.transition(Phase.VALIDATING, null, "caught up: last delta " + delta.records() + " records in "
          + delta.durationMillis() + " ms, within " + plan.maxLagSeconds() + " s");
      startValidation(d);
    } else if (passes >= plan.maxCatchUpPasses()) {
      d.m = d.m.withCatchUpPasses(0);
      d.fail(Failure.of(FailureReason.STALLED, passes + " delta passes did not converge: the last copied "
          + delta.records() + " records in " + delta.durationMillis() + " ms; cutover.maxLagSeconds is "
          + plan.maxLagSeconds(), d.now), Phase.CATCHING_UP);
    } else {
      startCopy(d, JobKind.DELTA_PASS, passes + 1, wave, plan);
    }
  }

  private void validating(Draft d, JobView job) {
    if (d.m.jobId() == null || d.m.jobKind() != JobKind.VALIDATION) {
      startValidation(d);
      return;
    }
    if (watching(d, job, () -> d.actions.add(new Action.StartValidation(d.m.jobId())))) {
      return;
    }
    if (job.state() == JobView.JobState.FAILED) {
      d.fail(job.failure(), Phase.VALIDATING);
      return;
    }
    ValidationRecord v = withLag(job.validation(), d.m.lagSeconds());
    d.m = d.m.withValidation(v).withJob(null, null);
    if (v.passed()) {
      d.milestone("VALIDATION_PASSED", "validation " + v.id() + " passed", evidenceData(v));
      d.transition(Phase.AWAITING_APPROVAL, null, "validation " + v.id() + " passed");
    } else {
      d.milestone("VALIDATION_FAILED", "validation " + v.id() + " found " + v.differences() + " difference(s)",
          evidenceData(v));
      d.fail(Failure.of(FailureReason.DATA_MISMATCH, "validation " + v.id() + " found " + v.differences()
          + " difference(s)", d.now), Phase.CATCHING_UP);
    }
  }

  private void awaitingCutover(Draft d, JobView job, Observations seen, PlanSettings plan) {
    WaveGate wave = seen.wave();
    if (d.m.jobKind() == JobKind.VALIDATION && d.m.jobId() != null) {
      if (watching(d, job, () -> d.actions.add(new Action.StartValidation(d.m.jobId())))) {
        return;
      }
      if (job.state() == JobView.JobState.FAILED) {
        d.m = d.m.withJob(null, null);
        d.milestone("VALIDATION_ERROR", "validation could not run: " + describe(job.failure()), Map.of());
      } else {
        ValidationRecord v = withLag(job.validation(), d.m.lagSeconds());
        d.m = d.m.withValidation(v).withJob(null, null);
        if (!v.passed()) {
          d.milestone("VALIDATION_FAILED", "validation " + v.id() + " found " + v.differences()
              + " difference(s)", evidenceData(v));
          voidApproval(d, "validation " + v.id() + " failed with " + v.differences() + " difference(s)");
          return;
        }
        d.milestone("VALIDATION_PASSED", "validation " + v.id() + " passed", evidenceData(v));
      }
    }
    ValidationRecord evidence = d.m.approval() != null ? d.m.approval().evidence() : d.m.lastValidation();
    if (evidence == null || stale(evidence, plan, d.now)) {
      voidApproval(d, evidence == null ? "no evidence" : "evidence " + evidence.id() + " from " + evidence.at()
          + " is older than " + plan.validationMaxAge().toMinutes() + " minute(s)");
      return;
    }
    if (d.m.phase() == Phase.APPROVED && wave.autoCutover() && d.m.jobId() == null
        && cutoverBlockers(d.m, wave, plan, seen.xdr(), d.now).isEmpty()) {
      startCutover(d, null, "the wave cuts over by itself inside its cutover window");
      return;
    }
    Instant stale = evidence.at().plus(plan.validationMaxAge()).plusMillis(1);
    // a wave that cuts over by itself looks again soon: its window or a cutover slot may open
    d.waitFor(d.m.phase() == Phase.APPROVED && wave.autoCutover() && d.now.plus(poll).isBefore(stale)
        ? d.now.plus(poll) : stale,
        d.m.phase() == Phase.APPROVED ? "waiting for cutover" : "waiting for an owner of team " + d.m.team());
  }

  private void voidApproval(Draft d, String why) {
    if (d.m.approval() != null) {
      d.milestone("APPROVAL_VOID", "approval by " + d.m.approval().by() + " is void: " + why,
          Map.of("approvedBy", d.m.approval().by(), "evidence", d.m.approval().evidence().id()));
      d.m = d.m.withApproval(null);
    }
    d.transition(Phase.VALIDATING, null, why);
    startValidation(d);
  }

  private void cutoverJob(Draft d, JobView job, Phase after, PlanSettings plan) {
    if (job != null && job.cutover() != null && job.state() == JobView.JobState.RUNNING
        && d.m.jobKind() == JobKind.DRAIN) {
      d.m = d.m.withCutover(d.m.cutover().withResidualWriters(job.cutover().residualWriters()));
    }
    if (d.m.jobId() == null) {
      Phase p = d.m.phase();
      JobKind kind = p == Phase.CUTTING_OVER ? JobKind.CLIENT_SWITCH : p == Phase.DRAINING ? JobKind.DRAIN
          : JobKind.ROLLBACK;
      d.startJob(kind, cutoverAction(kind, d.m.newJobId(kind, 0)));
      return;
    }
    if (watching(d, job, () -> d.actions.add(cutoverAction(d.m.jobKind(), d.m.jobId())))) {
      return;
    }
    if (job.state() == JobView.JobState.FAILED) {
      d.fail(job.failure(), d.m.phase());
      return;
    }
    JobView.CutoverStep done = job.cutover();
    d.m = d.m.withJob(null, null);
    if (d.m.phase() == Phase.DRAINING && done != null && done.finalValidation() != null) {
      drained(d, done, plan);
      return;
    }
    if (d.m.phase() == Phase.ROLLING_BACK && done != null && done.rollback() != null) {
      d.m = d.m.withCutover(d.m.cutover().withRollback(done.rollback()));
      d.milestone("ROLLED_BACK", "clients back on the source; " + done.rollback().recordsCopiedBack()
          + " record(s) copied back, " + done.rollback().conflictsLeftAlone() + " conflict(s) left alone",
          Map.of("switchBackAt", done.rollback().switchBackAt().toString(),
              "recordsCopiedBack", done.rollback().recordsCopiedBack()));
    }
    if (d.m.phase() == Phase.CUTTING_OVER && done != null && done.switched() != null) {
      d.m = d.m.withCutover(d.m.cutover().withSwitched(done.switched()));
    }
    d.transition(after, null, d.m.phase() + " done");
    if (after == Phase.DRAINING) {
      d.milestone("CLIENTS_SWITCHED", "clients use the target (switch instant " + d.m.switchedAt() + ")",
          Map.of("switchAt", String.valueOf(d.m.switchedAt())));
      d.startJob(JobKind.DRAIN, new Action.Drain(d.m.newJobId(JobKind.DRAIN, 0)));
    }
  }

  /**
   * The drain and its final validation finished: COMPLETED with the report when the validation
   * passed (client writes on the target after the switch are counted apart by the job), else a
   * rollback when the plan says so, else FAILED with {@code DATA_MISMATCH} (retry or rollback).
   */
  private void drained(Draft d, JobView.CutoverStep done, PlanSettings plan) {
    ValidationRecord v = done.finalValidation();
    d.m = d.m.withValidation(v).withCutover(d.m.cutover().withResidualWriters(List.of()).withReport(done.report()));
    if (v.passed()) {
      d.milestone("FINAL_VALIDATION_PASSED", "final validation " + v.id() + " passed", evidenceData(v));
      if (plan.xdr()) {
        // the source is quiet and the target validated: XDR has shipped its last change
        d.m = d.m.withJob(xdrJobId(d.m), JobKind.XDR_TEARDOWN);
        d.actions.add(new Action.FinishXdr(d.m.jobId()));
        d.issued = true;
        d.waitFor(d.now.plus(poll), "tearing down the XDR copy " + d.m.jobId());
        return;
      }
      d.transition(Phase.COMPLETED, null, "drained; final validation " + v.id() + " passed");
      return;
    }
    String why = "final validation " + v.id() + " found " + v.differences() + " unexpected difference(s)";
    d.milestone("FINAL_VALIDATION_FAILED", why, evidenceData(v));
    if (plan.rollbackOnValidationFailure()) {
      d.m = d.m.withCutover(d.m.cutover().withSwitchBackAt(d.now));
      d.transition(Phase.ROLLING_BACK, null, why + "; the plan rolls back");
      d.startJob(JobKind.ROLLBACK, new Action.RollBack(d.m.newJobId(JobKind.ROLLBACK, 0)));
      return;
    }
    d.fail(Failure.of(FailureReason.DATA_MISMATCH, why, d.now), Phase.DRAINING);
  }

  // ---------- copy mode XDR ----------

  /**
   * COPYING an XDR plan: one XDR copy, set up with {@code rewind=all}; the copy is done when the
   * rewind has recovered every partition. Its preflight refusals (Community source, no feature
   * key, destination unreachable within the plan's timeout) fail the job, so the migration.
   */
  private void xdrCopying(Draft d, Observations seen, PlanSettings plan) {
    if (!xdrJobId(d.m).equals(d.m.jobId())) {
      startCopy(d, JobKind.FULL_COPY, 0, seen.wave(), plan);
      return;
    }
    if (!xdrShipping(d, seen, plan)) {
      return;
    }
    XdrMonitor.Observation o = seen.xdr();
    d.m = d.m.withProgress(XdrGate.progress(o));
    if (o != null && o.recoveriesPending() == 0 && o.state() != XdrMonitor.State.BLOCKED) {
      d.milestone("COPY_FINISHED", "XDR rewind finished: " + o.shipped() + " records shipped",
          Map.of("recordsCopied", o.shipped()));
      d.transition(Phase.CATCHING_UP, null, "XDR rewind finished");
      d.waitFor(d.now.plus(poll), "XDR ships changes as they are made");
      return;
    }
    d.waitFor(d.now.plus(poll), because(XdrGate.blockers(o, plan)));
  }

  /** CATCHING_UP an XDR plan: no delta passes; on to validation once XdrGate lets it (lag within the plan). */
  private void xdrCatchingUp(Draft d, Observations seen, PlanSettings plan) {
    if (!xdrShipping(d, seen, plan)) {
      return;
    }
    XdrMonitor.Observation o = seen.xdr();
    d.m = d.m.withProgress(XdrGate.progress(o));
    List<CutoverBlocker> blockers = XdrGate.blockers(o, plan);
    if (blockers.isEmpty()) {
      d.milestone("XDR_CAUGHT_UP", "XDR lag " + d.m.lagSeconds() + " s, nothing queued",
          Map.of("lagSeconds", d.m.lagSeconds(), "shipped", o.shipped()));
      d.transition(Phase.VALIDATING, null, "caught up: XDR lag " + d.m.lagSeconds() + " s within "
          + plan.maxLagSeconds() + " s");
      startValidation(d);
      return;
    }
    d.waitFor(d.now.plus(poll), because(blockers));
  }

  /**
   * The XDR copy while other jobs run beside it: its lag is stored; failed (blocked, preflight
   * refused) the migration fails; lost (a restart) it is started again and sets up idempotently.
   * False when this step has nothing more to decide.
   */
  private boolean xdrShipping(Draft d, Observations seen, PlanSettings plan) {
    String id = xdrJobId(d.m);
    JobView x = seen.xdrJob() != null && seen.xdrJob().id().equals(id) ? seen.xdrJob() : null;
    Phase retryFrom = d.m.phase() == Phase.COPYING ? Phase.COPYING : Phase.CATCHING_UP;
    if (d.m.jobId() == null && retryFrom == Phase.CATCHING_UP && d.m.phase() == Phase.CATCHING_UP) {
      d.m = d.m.withJob(id, JobKind.FULL_COPY);
    }
    if (x != null && x.state() == JobView.JobState.FAILED) {
      d.fail(x.failure(), retryFrom);
      return false;
    }
    if (x != null && x.state() == JobView.JobState.SUCCEEDED) {
      d.fail(Failure.of(FailureReason.INCOMPLETE, "the XDR copy " + id + " ended before the drain", d.now), retryFrom);
      return false;
    }
    if (x == null || x.state() != JobView.JobState.RUNNING) {
      d.m = d.m.withLag(-1);
      if (!d.issued) {
        d.actions.add(copyAction(id, JobKind.FULL_COPY, seen.wave(), plan));
        d.issued = true;
      }
      d.waitFor(d.now.plus(poll), "XDR copy " + id + " (re)started");
      return false;
    }
    d.m = d.m.withLag(XdrGate.lagSeconds(seen.xdr()));
    return true;
  }

  /** DRAINING an XDR plan after the drain passed: COMPLETED once the XDR copy is torn down. */
  private void xdrTeardown(Draft d, JobView job) {
    if (job != null && job.state() == JobView.JobState.SUCCEEDED) {
      d.m = d.m.withJob(null, null);
      d.milestone("XDR_TORN_DOWN", "XDR removed from every source node", Map.of());
      d.transition(Phase.COMPLETED, null, "drained; final validation " + d.m.lastValidation().id()
          + " passed; XDR torn down");
      return;
    }
    if (job != null && job.state() == JobView.JobState.FAILED) {
      d.fail(job.failure(), Phase.DRAINING);
      return;
    }
    if (job != null && job.state() == JobView.JobState.RUNNING && !d.issued) {
      d.actions.add(new Action.FinishXdr(d.m.jobId()));
      d.issued = true;
    } else if ((job == null || job.state() != JobView.JobState.RUNNING) && !d.issued) {
      // lost with its process: started again it sets up (idempotently) and is finished next step
      d.actions.add(new Action.StartCopy(d.m.jobId(), JobKind.FULL_COPY, 0, 0));
      d.issued = true;
    }
    d.waitFor(d.now.plus(poll), "tearing down the XDR copy " + d.m.jobId());
  }

  private static String because(List<CutoverBlocker> blockers) {
    return blockers.isEmpty() ? "XDR shipping" : blockers.get(0).reason() + ": " + blockers.get(0).detail();
  }

  private static Action cutoverAction(JobKind kind, String jobId) {
    return switch (kind) {
      case CLIENT_SWITCH -> new Action.SwitchClients(jobId);
      case DRAIN -> new Action.Drain(jobId);
      default -> new Action.RollBack(jobId);
    };
  }

  /**
   * Handles a job still under way: running (wait), or unknown/stopped (issue it again: it resumes).
   * Returns false when it ended (succeeded or failed) and the caller decides.
   */
  private boolean watching(Draft d, JobView job, Runnable reissue) {
    if (job == null || job.state() == JobView.JobState.UNKNOWN || job.state() == JobView.JobState.STOPPED) {
      if (!d.issued) {
        reissue.run();
        d.issued = true;
      }
      d.waitFor(d.now.plus(poll), "job " + d.m.jobId() + " (re)started");
      return true;
    }
    if (job.state() == JobView.JobState.RUNNING) {
      if (d.m.jobKind() == JobKind.FULL_COPY) {
        d.m = d.m.withProgress(job.progress());
      }
      d.waitFor(d.now.plus(poll), "job " + d.m.jobId() + " running");
      return true;
    }
    return false;
  }

  private void startCopy(Draft d, JobKind kind, int pass, WaveGate wave, PlanSettings plan) {
    d.startJob(kind, copyAction(d.m.newJobId(kind, pass), kind, wave, plan));
  }

  private static Action copyAction(String jobId, JobKind kind, WaveGate wave, PlanSettings plan) {
    return new Action.StartCopy(jobId, kind, plan.recordsPerSecond(), min(plan.bytesPerSecond(),
        wave.bytesPerSecond()));
  }

  /** The smaller of two limits where 0 means none. */
  static long min(long a, long b) {
    return a == 0 ? b : b == 0 ? a : Math.min(a, b);
  }

  private void startValidation(Draft d) {
    String id = d.m.newJobId(JobKind.VALIDATION, 0) + "-t" + d.now.toEpochMilli();
    d.startJob(JobKind.VALIDATION, new Action.StartValidation(id));
  }

  /** Seconds the target trails the source after a pass: the pass's duration, rounded up. */
  static long lagSeconds(JobView.DeltaPass delta) {
    return (delta.durationMillis() + 999) / 1000;
  }

  /**
   * Caught up when the last pass took at most {@code maxLagSeconds} and its delta, copied at the
   * rate it was, takes no longer either: the next pass (or the cutover's final one) is as short.
   */
  static boolean converged(JobView.DeltaPass delta, PlanSettings plan) {
    long limitMillis = plan.maxLagSeconds() * 1000;
    if (delta.durationMillis() > limitMillis) {
      return false;
    }
    return delta.recordsPerSecond() <= 0 || delta.records() / delta.recordsPerSecond() * 1000 <= limitMillis;
  }

  private static ValidationRecord withLag(ValidationRecord v, long lag) {
    return new ValidationRecord(v.id(), v.passed(), v.at(), v.sourceRecords(), v.targetRecords(), v.differences(),
        Math.max(lag, 0));
  }

  private static Map<String, Object> evidenceData(ValidationRecord v) {
    return Map.of("validationId", v.id(), "passed", v.passed(), "sourceRecords", v.sourceRecords(),
        "targetRecords", v.targetRecords(), "differences", v.differences(), "at", v.at().toString());
  }

  private static String describe(Failure f) {
    return f == null ? "no recorded failure" : f.describe();
  }

  private static String jobIdOf(Action action) {
    if (action instanceof Action.StartCopy a) {
      return a.jobId();
    } else if (action instanceof Action.StartValidation a) {
      return a.jobId();
    } else if (action instanceof Action.SwitchClients a) {
      return a.jobId();
    } else if (action instanceof Action.Drain a) {
      return a.jobId();
    } else if (action instanceof Action.RollBack a) {
      return a.jobId();
    } else if (action instanceof Action.FinishXdr a) {
      return a.jobId();
    }
    throw new IllegalArgumentException("not a job: " + action);
  }

  /** The step being built. */
  private final class Draft {
    Migration m;
    /** The phase before this step. */
    final Phase startedIn;
    final PlanSettings plan;
    final Instant now;
    final List<Action> actions = new ArrayList<>();
    final List<StepEvent> events = new ArrayList<>();
    Instant next;
    String because;
    boolean issued;

    Draft(Migration m, PlanSettings plan, Instant now) {
      this.m = m;
      this.startedIn = m.phase();
      this.plan = plan;
      this.now = now;
    }

    void transition(Phase to, StoredCommand c, String reason) {
      Phase from = m.phase();
      if (!from.next(m.resumeTo()).contains(to)) {
        throw new IllegalStateException("no transition " + from + " -> " + to);
      }
      m = m.toPhase(to, now);
      events.add(new StepEvent.Transition(from, to, c == null ? null : c.command(), c == null ? SYSTEM : c.by(),
          reason));
    }

    void take(StoredCommand c, String reason) {
      events.add(new StepEvent.CommandTaken(c.command(), c.by(), true, reason));
    }

    void refuse(StoredCommand c, String reason) {
      events.add(new StepEvent.CommandTaken(c.command(), c.by(), false, reason));
    }

    void milestone(String name, String reason, Map<String, Object> data) {
      events.add(new StepEvent.Milestone(name, reason, data));
    }

    void startJob(JobKind kind, Action action) {
      m = m.withJob(jobIdOf(action), kind);
      actions.add(action);
      issued = true;
      waitFor(now.plus(poll), "job " + m.jobId() + " started");
    }

    void stopJob() {
      if (m.jobId() != null) {
        actions.add(new Action.StopJob(m.jobId()));
      }
    }

    /** Tears down an XDR plan's copy (pause, abort, reject, rollback, failure); the drain's teardown is FinishXdr. */
    void stopXdr() {
      if (plan.xdr() && m.phase().ordinal() >= Phase.COPYING.ordinal() && !xdrJobId(m).equals(m.jobId())) {
        actions.add(new Action.StopJob(xdrJobId(m)));
      }
    }

    boolean applied() {
      return actions.stream().anyMatch(a -> a instanceof Action.ApplyTarget);
    }

    void fail(Failure f, Phase retryFrom) {
      stopJob();
      stopXdr();
      Failure failure = f != null ? f : Failure.of(FailureReason.INTERNAL, "a job failed without a reason", now);
      m = m.withFailure(failure).withResumeTo(retryFrom).withJob(null, null).withProgress(m.progress().idle());
      transition(Phase.FAILED, null, failure.describe());
    }

    void waitFor(Instant at, String why) {
      next = at;
      because = why;
    }

    Step build() {
      return new Step(m.withNextCheckAt(next), actions, events, next, because);
    }
  }
}

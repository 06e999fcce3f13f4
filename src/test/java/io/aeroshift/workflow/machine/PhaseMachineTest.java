package io.aeroshift.workflow.machine;

import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One test per transition of the phase machine and per refused command. */
class PhaseMachineTest {
  static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  static final Duration POLL = Duration.ofSeconds(2);
  static final PlanSettings PLAN = new PlanSettings(5, Duration.ofMinutes(60), 3, Duration.ofMinutes(10), 1000,
      5_000_000);
  static final PhaseMachine MACHINE = new PhaseMachine(POLL);
  static final Observations IDLE = new Observations(TargetState.ABSENT, null, WaveGate.OPEN);

  static Migration planned() {
    return Migration.planned("m1", "payments-ce-to-ee", "payments-ce", "payments", "wave-1", "engineer", T0);
  }

  static Migration at(Phase phase) {
    return planned().toPhase(phase, T0);
  }

  static Migration withJob(Phase phase, JobKind kind, String job) {
    return at(phase).withJob(job, kind);
  }

  static ValidationRecord passed(Instant at) {
    return new ValidationRecord("v1", true, at, 100, 100, 0, 1);
  }

  static Migration awaiting(Instant evidenceAt) {
    return at(Phase.AWAITING_APPROVAL).withValidation(passed(evidenceAt)).withLag(1);
  }

  static Migration approved(Instant evidenceAt) {
    Migration m = awaiting(evidenceAt);
    return m.withApproval(new Approval("owner-payments", evidenceAt, m.lastValidation())).toPhase(Phase.APPROVED, T0);
  }

  static StoredCommand cmd(Command c, String by) {
    return new StoredCommand(1, "m1", c, by, T0, null);
  }

  static Step step(Migration m, Command c, Observations seen) {
    return MACHINE.step(m, c == null ? null : cmd(c, c.ownersOnly() ? "owner-payments" : "engineer"), seen, PLAN,
        T0.plusSeconds(1));
  }

  static Observations job(JobView j) {
    return new Observations(TargetState.ABSENT, j, WaveGate.OPEN);
  }

  static List<StepEvent.Transition> transitions(Step s) {
    return s.events().stream().filter(e -> e instanceof StepEvent.Transition).map(e -> (StepEvent.Transition) e)
        .toList();
  }

  static void assertMoved(Step s, Phase from, Phase to) {
    assertThat(transitions(s)).extracting(StepEvent.Transition::from, StepEvent.Transition::to)
        .contains(org.assertj.core.groups.Tuple.tuple(from, to));
    assertThat(s.migration().phase()).isEqualTo(to);
  }

  @Nested
  class Planned {
    @Test
    void startMovesToProvisioningAndAppliesTheTarget() {
      Step s = step(planned(), Command.START, IDLE);
      assertMoved(s, Phase.PLANNED, Phase.PROVISIONING);
      assertThat(s.actions()).containsExactly(new Action.ApplyTarget());
      assertThat(s.migration().started()).isTrue();
    }

    @Test
    void aRunningWaveStartsItWithoutACommand() {
      Step s = step(planned(), null, new Observations(TargetState.ABSENT, null, new WaveGate(true, null, null, 0)));
      assertMoved(s, Phase.PLANNED, Phase.PROVISIONING);
    }

    @Test
    void waitsForStartWithoutAWave() {
      Step s = step(planned(), null, IDLE);
      assertThat(s.migration().phase()).isEqualTo(Phase.PLANNED);
      assertThat(s.next()).isNull();
    }

    @Test
    void aFullWaveKeepsItPlannedAndSaysWhy() {
      Step s = step(planned(), Command.START,
          new Observations(TargetState.ABSENT, null, new WaveGate(true, "2 of 2 copies running", null, 0)));
      assertThat(s.migration().phase()).isEqualTo(Phase.PLANNED);
      assertThat(s.migration().started()).isTrue();
      assertThat(s.because()).contains("2 of 2");
      assertThat(s.next()).isEqualTo(T0.plusSeconds(1).plus(POLL));
    }

    @Test
    void abortEndsIt() {
      assertMoved(step(planned(), Command.ABORT, IDLE), Phase.PLANNED, Phase.ABORTED);
    }
  }

  @Nested
  class Provisioning {
    @Test
    void readyTargetStartsTheFullCopy() {
      Step s = step(at(Phase.PROVISIONING), null,
          new Observations(new TargetState.Ready(List.of("10.0.0.1:3000")), null, WaveGate.OPEN));
      assertMoved(s, Phase.PROVISIONING, Phase.COPYING);
      assertThat(s.migration().targetEndpoints()).containsExactly("10.0.0.1:3000");
      assertThat(s.actions()).singleElement().isInstanceOfSatisfying(Action.StartCopy.class, a -> {
        assertThat(a.kind()).isEqualTo(JobKind.FULL_COPY);
        assertThat(a.jobId()).isEqualTo(s.migration().jobId());
      });
    }

    @Test
    void pendingTargetWaits() {
      Step s = step(at(Phase.PROVISIONING), null,
          new Observations(new TargetState.Pending("phase InProgress"), null, WaveGate.OPEN));
      assertThat(s.migration().phase()).isEqualTo(Phase.PROVISIONING);
      assertThat(s.actions()).isEmpty();
      assertThat(s.because()).contains("InProgress");
    }

    @Test
    void absentTargetIsAppliedAgain() {
      Step s = step(at(Phase.PROVISIONING), null, IDLE);
      assertThat(s.actions()).containsExactly(new Action.ApplyTarget());
    }

    @Test
    void refusedTargetFails() {
      Failure f = Failure.of(FailureReason.PROVISIONING_FAILED, "admission: bad image", T0);
      Step s = step(at(Phase.PROVISIONING), null, new Observations(new TargetState.Failed(f), null, WaveGate.OPEN));
      assertMoved(s, Phase.PROVISIONING, Phase.FAILED);
      assertThat(s.migration().failure()).isEqualTo(f);
      assertThat(s.migration().resumeTo()).isEqualTo(Phase.PROVISIONING);
    }

    @Test
    void notReadyWithinTheTimeoutFailsTyped() {
      Step s = MACHINE.step(at(Phase.PROVISIONING), null,
          new Observations(new TargetState.Pending("1 of 3 pods"), null, WaveGate.OPEN), PLAN,
          T0.plus(Duration.ofMinutes(11)));
      assertMoved(s, Phase.PROVISIONING, Phase.FAILED);
      assertThat(s.migration().failure().reason()).isEqualTo(FailureReason.PROVISIONING_FAILED);
      assertThat(s.migration().failure().detail()).contains("1 of 3 pods");
    }

    @Test
    void pauseKeepsThePhaseToResume() {
      Step s = step(at(Phase.PROVISIONING), Command.PAUSE, IDLE);
      assertMoved(s, Phase.PROVISIONING, Phase.PAUSED);
      assertThat(s.migration().resumeTo()).isEqualTo(Phase.PROVISIONING);
    }

    @Test
    void abortEndsIt() {
      assertMoved(step(at(Phase.PROVISIONING), Command.ABORT, IDLE), Phase.PROVISIONING, Phase.ABORTED);
    }
  }

  @Nested
  class Copying {
    Migration copying = withJob(Phase.COPYING, JobKind.FULL_COPY, "m1-full-copy-a1");

    @Test
    void finishedCopyStartsTheFirstDeltaPass() {
      Step s = step(copying, null, job(JobView.copied("m1-full-copy-a1", new Progress(1, 500, 0, 0))));
      assertMoved(s, Phase.COPYING, Phase.CATCHING_UP);
      assertThat(s.migration().progress().recordsCopied()).isEqualTo(500);
      assertThat(s.actions()).singleElement().isInstanceOfSatisfying(Action.StartCopy.class,
          a -> assertThat(a.kind()).isEqualTo(JobKind.DELTA_PASS));
      assertThat(s.events()).anyMatch(e -> e instanceof StepEvent.Milestone m && m.name().equals("COPY_FINISHED"));
    }

    @Test
    void runningCopyRecordsProgress() {
      Step s = step(copying, null, job(JobView.running("m1-full-copy-a1", new Progress(0.4, 200, 50, 6))));
      assertThat(s.migration().phase()).isEqualTo(Phase.COPYING);
      assertThat(s.migration().progress().recordsCopied()).isEqualTo(200);
      assertThat(s.actions()).isEmpty();
    }

    @Test
    void unknownJobAfterARestartIsIssuedAgainWithTheSameId() {
      Step s = step(copying, null, job(JobView.unknown("m1-full-copy-a1")));
      assertThat(s.actions()).singleElement().isInstanceOfSatisfying(Action.StartCopy.class,
          a -> assertThat(a.jobId()).isEqualTo("m1-full-copy-a1"));
      assertThat(s.migration().phase()).isEqualTo(Phase.COPYING);
    }

    @Test
    void failedCopyFailsWithItsFailure() {
      Failure f = Failure.of(FailureReason.SOURCE_UNREACHABLE, "no node", T0);
      Step s = step(copying, null, job(JobView.failed("m1-full-copy-a1", f)));
      assertMoved(s, Phase.COPYING, Phase.FAILED);
      assertThat(s.migration().failure()).isEqualTo(f);
      assertThat(s.migration().resumeTo()).isEqualTo(Phase.COPYING);
    }

    @Test
    void pauseStopsTheJob() {
      Step s = step(copying, Command.PAUSE, job(JobView.running("m1-full-copy-a1", Progress.NONE)));
      assertMoved(s, Phase.COPYING, Phase.PAUSED);
      assertThat(s.actions()).containsExactly(new Action.StopJob("m1-full-copy-a1"));
      assertThat(s.migration().jobId()).isEqualTo("m1-full-copy-a1");
    }

    @Test
    void abortStopsTheJob() {
      Step s = step(copying, Command.ABORT, job(JobView.running("m1-full-copy-a1", Progress.NONE)));
      assertMoved(s, Phase.COPYING, Phase.ABORTED);
      assertThat(s.actions()).containsExactly(new Action.StopJob("m1-full-copy-a1"));
    }
  }

  @Nested
  class CatchingUp {
    Migration catching = withJob(Phase.CATCHING_UP, JobKind.DELTA_PASS, "m1-delta-pass-a1-p1");

    @Test
    void aShortDeltaPassEndsTheCatchUpAndStartsTheValidation() {
      Step s = step(catching, null, job(JobView.delta("m1-delta-pass-a1-p1",
          new JobView.DeltaPass(10, 0, 800, 1000))));
      assertMoved(s, Phase.CATCHING_UP, Phase.VALIDATING);
      assertThat(s.migration().lagSeconds()).isEqualTo(1);
      assertThat(s.actions()).singleElement().isInstanceOf(Action.StartValidation.class);
    }

    @Test
    void aLongDeltaPassIsFollowedByAnother() {
      Step s = step(catching, null, job(JobView.delta("m1-delta-pass-a1-p1",
          new JobView.DeltaPass(90_000, 0, 30_000, 3000))));
      assertThat(s.migration().phase()).isEqualTo(Phase.CATCHING_UP);
      assertThat(s.migration().catchUpPasses()).isEqualTo(1);
      assertThat(s.migration().lagSeconds()).isEqualTo(30);
      assertThat(s.actions()).singleElement().isInstanceOfSatisfying(Action.StartCopy.class,
          a -> assertThat(a.jobId()).isEqualTo("m1-delta-pass-a1-p2"));
    }

    @Test
    void aDeltaTooBigToCopyWithinTheLagIsNotConverged() {
      // the pass was quick, but its delta at the measured rate takes 10 s > 5 s
      assertThat(PhaseMachine.converged(new JobView.DeltaPass(10_000, 0, 1000, 1000), PLAN)).isFalse();
      assertThat(PhaseMachine.converged(new JobView.DeltaPass(4_000, 0, 1000, 1000), PLAN)).isTrue();
    }

    @Test
    void passesThatNeverConvergeFailAsStalled() {
      Migration third = catching.withCatchUpPasses(2);
      Step s = step(third, null, job(JobView.delta("m1-delta-pass-a1-p1",
          new JobView.DeltaPass(90_000, 0, 30_000, 3000))));
      assertMoved(s, Phase.CATCHING_UP, Phase.FAILED);
      assertThat(s.migration().failure().reason()).isEqualTo(FailureReason.STALLED);
      assertThat(s.migration().resumeTo()).isEqualTo(Phase.CATCHING_UP);
    }

    @Test
    void failedPassFails() {
      Step s = step(catching, null, job(JobView.failed("m1-delta-pass-a1-p1",
          Failure.of(FailureReason.TARGET_UNREACHABLE, "down", T0))));
      assertMoved(s, Phase.CATCHING_UP, Phase.FAILED);
    }

    @Test
    void pauseAndAbort() {
      assertMoved(step(catching, Command.PAUSE, IDLE), Phase.CATCHING_UP, Phase.PAUSED);
      assertMoved(step(catching, Command.ABORT, IDLE), Phase.CATCHING_UP, Phase.ABORTED);
    }
  }

  @Nested
  class Validating {
    Migration validating = withJob(Phase.VALIDATING, JobKind.VALIDATION, "m1-validation-a1").withLag(2);

    @Test
    void passedValidationAwaitsApproval() {
      Step s = step(validating, null, job(JobView.validated("m1-validation-a1", passed(T0))));
      assertMoved(s, Phase.VALIDATING, Phase.AWAITING_APPROVAL);
      assertThat(s.migration().lastValidation().id()).isEqualTo("v1");
      assertThat(s.migration().lastValidation().lagSeconds()).isEqualTo(2);
      assertThat(s.migration().jobId()).isNull();
    }

    @Test
    void failedValidationFailsAsDataMismatchAndRetriesFromCatchUp() {
      ValidationRecord bad = new ValidationRecord("v2", false, T0, 100, 99, 1, 0);
      Step s = step(validating, null, job(JobView.validated("m1-validation-a1", bad)));
      assertMoved(s, Phase.VALIDATING, Phase.FAILED);
      assertThat(s.migration().failure().reason()).isEqualTo(FailureReason.DATA_MISMATCH);
      assertThat(s.migration().resumeTo()).isEqualTo(Phase.CATCHING_UP);
      assertThat(s.migration().lastValidation().id()).isEqualTo("v2");
      assertThat(s.migration().lastValidation().lagSeconds()).isEqualTo(2);
    }

    @Test
    void pauseAndAbort() {
      assertMoved(step(validating, Command.PAUSE, IDLE), Phase.VALIDATING, Phase.PAUSED);
      assertMoved(step(validating, Command.ABORT, IDLE), Phase.VALIDATING, Phase.ABORTED);
    }
  }

  @Nested
  class AwaitingApproval {
    @Test
    void anOwnerApprovesWithTheEvidence() {
      Step s = step(awaiting(T0), Command.APPROVE, IDLE);
      assertMoved(s, Phase.AWAITING_APPROVAL, Phase.APPROVED);
      assertThat(s.migration().approval().by()).isEqualTo("owner-payments");
      assertThat(s.migration().approval().evidence().id()).isEqualTo("v1");
    }

    @Test
    void approvalOnStaleEvidenceIsRefused() {
      Step s = step(awaiting(T0.minus(Duration.ofMinutes(61))), Command.APPROVE, IDLE);
      assertThat(s.events()).anyMatch(e -> e instanceof StepEvent.CommandTaken c && !c.accepted()
          && c.reason().contains("minute"));
      assertThat(s.migration().approval()).isNull();
    }

    @Test
    void staleEvidenceGoesBackToValidating() {
      Step s = step(awaiting(T0.minus(Duration.ofMinutes(61))), null, IDLE);
      assertMoved(s, Phase.AWAITING_APPROVAL, Phase.VALIDATING);
      assertThat(s.actions()).singleElement().isInstanceOf(Action.StartValidation.class);
    }

    @Test
    void freshEvidenceWaitsUntilItExpires() {
      Step s = step(awaiting(T0), null, IDLE);
      assertThat(s.migration().phase()).isEqualTo(Phase.AWAITING_APPROVAL);
      assertThat(s.next()).isEqualTo(T0.plus(Duration.ofMinutes(60)).plusMillis(1));
    }

    @Test
    void rejectFailsTheMigrationAndRetryValidatesAgain() {
      Step s = step(awaiting(T0), Command.REJECT, IDLE);
      assertMoved(s, Phase.AWAITING_APPROVAL, Phase.FAILED);
      assertThat(s.migration().failure().reason()).isEqualTo(FailureReason.APPROVAL_REJECTED);
      assertThat(s.migration().resumeTo()).isEqualTo(Phase.VALIDATING);
    }

    @Test
    void pauseAndAbort() {
      assertMoved(step(awaiting(T0), Command.PAUSE, IDLE), Phase.AWAITING_APPROVAL, Phase.PAUSED);
      assertMoved(step(awaiting(T0), Command.ABORT, IDLE), Phase.AWAITING_APPROVAL, Phase.ABORTED);
    }

    @Test
    void validateStartsAFreshValidationInPlace() {
      Step s = step(awaiting(T0), Command.VALIDATE, IDLE);
      assertThat(s.migration().phase()).isEqualTo(Phase.AWAITING_APPROVAL);
      assertThat(s.actions()).singleElement().isInstanceOf(Action.StartValidation.class);
    }
  }

  @Nested
  class Approved {
    @Test
    void cutoverCrossesThePointOfNoReturnFirst() {
      Step s = step(approved(T0), Command.CUTOVER, IDLE);
      assertMoved(s, Phase.APPROVED, Phase.CUTTING_OVER);
      assertThat(s.migration().switchedAt()).isEqualTo(T0.plusSeconds(1));
      assertThat(s.actions()).singleElement().isInstanceOf(Action.SwitchClients.class);
    }

    @Test
    void aWaveThatCutsOverByItselfDoesSoInsideItsWindowOnly() {
      Step inside = step(approved(T0), null,
          new Observations(TargetState.ABSENT, null, new WaveGate(true, null, null, 0, true)));
      assertMoved(inside, Phase.APPROVED, Phase.CUTTING_OVER);
      assertThat(inside.migration().switchedAt()).isEqualTo(T0.plusSeconds(1));
      assertThat(inside.actions()).singleElement().isInstanceOf(Action.SwitchClients.class);
      Step outside = step(approved(T0), null,
          new Observations(TargetState.ABSENT, null, new WaveGate(true, null, "outside the cutover windows", 0, true)));
      assertThat(outside.migration().phase()).isEqualTo(Phase.APPROVED);
      assertThat(outside.next()).isEqualTo(T0.plusSeconds(1).plus(POLL));
      Step manual = step(approved(T0), null, IDLE);
      assertThat(manual.migration().phase()).isEqualTo(Phase.APPROVED);
    }

    @Test
    void cutoverOutsideTheWindowIsRefusedWithTheBlocker() {
      Step s = step(approved(T0), Command.CUTOVER,
          new Observations(TargetState.ABSENT, null, new WaveGate(true, null, "outside the cutover windows", 0)));
      assertThat(s.migration().phase()).isEqualTo(Phase.APPROVED);
      assertThat(s.events()).anyMatch(e -> e instanceof StepEvent.CommandTaken c && !c.accepted()
          && c.reason().startsWith("WAVE"));
    }

    @Test
    void cutoverWithTooMuchLagIsBlocked() {
      assertThat(PhaseMachine.cutoverBlockers(approved(T0).withLag(9), WaveGate.OPEN, PLAN, T0))
          .extracting(CutoverBlocker::reason).containsExactly("LAG");
      assertThat(PhaseMachine.cutoverBlockers(approved(T0), WaveGate.OPEN, PLAN, T0)).isEmpty();
      assertThat(PhaseMachine.cutoverBlockers(awaiting(T0), WaveGate.OPEN, PLAN, T0))
          .extracting(CutoverBlocker::reason).containsExactly("PHASE", "NOT_APPROVED");
    }

    @Test
    void aLaterFailingValidationVoidsTheApproval() {
      Migration m = approved(T0).withJob("m1-validation-a1-t9", JobKind.VALIDATION);
      ValidationRecord bad = new ValidationRecord("v9", false, T0, 100, 99, 1, 0);
      Step s = step(m, null, job(JobView.validated("m1-validation-a1-t9", bad)));
      assertMoved(s, Phase.APPROVED, Phase.VALIDATING);
      assertThat(s.migration().approval()).isNull();
      assertThat(s.events()).anyMatch(e -> e instanceof StepEvent.Milestone ms && ms.name().equals("APPROVAL_VOID"));
    }

    @Test
    void staleEvidenceVoidsTheApproval() {
      Step s = step(approved(T0.minus(Duration.ofMinutes(61))), null, IDLE);
      assertMoved(s, Phase.APPROVED, Phase.VALIDATING);
      assertThat(s.migration().approval()).isNull();
    }

    @Test
    void rejectAfterApprovalFails() {
      assertMoved(step(approved(T0), Command.REJECT, IDLE), Phase.APPROVED, Phase.FAILED);
    }

    @Test
    void pauseAndAbort() {
      assertMoved(step(approved(T0), Command.PAUSE, IDLE), Phase.APPROVED, Phase.PAUSED);
      assertMoved(step(approved(T0), Command.ABORT, IDLE), Phase.APPROVED, Phase.ABORTED);
    }
  }

  @Nested
  class Cutover {
    @Test
    void switchedClientsDrain() {
      Migration m = withJob(Phase.CUTTING_OVER, JobKind.CLIENT_SWITCH, "s1");
      Step s = step(m, null, job(JobView.done("s1")));
      assertMoved(s, Phase.CUTTING_OVER, Phase.DRAINING);
      assertThat(s.actions()).singleElement().isInstanceOf(Action.Drain.class);
    }

    @Test
    void drainedCompletes() {
      Step s = step(withJob(Phase.DRAINING, JobKind.DRAIN, "d1"), null, job(JobView.done("d1")));
      assertMoved(s, Phase.DRAINING, Phase.COMPLETED);
    }

    @Test
    void rollbackFromCuttingOverAndDraining() {
      assertMoved(step(withJob(Phase.CUTTING_OVER, JobKind.CLIENT_SWITCH, "s1"), Command.ROLLBACK, IDLE),
          Phase.CUTTING_OVER, Phase.ROLLING_BACK);
      Step s = step(withJob(Phase.DRAINING, JobKind.DRAIN, "d1"), Command.ROLLBACK, IDLE);
      assertMoved(s, Phase.DRAINING, Phase.ROLLING_BACK);
      assertThat(s.actions()).containsExactly(new Action.StopJob("d1"), new Action.RollBack(s.migration().jobId()));
    }

    @Test
    void rolledBack() {
      assertMoved(step(withJob(Phase.ROLLING_BACK, JobKind.ROLLBACK, "r1"), null, job(JobView.done("r1"))),
          Phase.ROLLING_BACK, Phase.ROLLED_BACK);
    }

    @Test
    void aFailedSwitchFailsAndOffersRollbackNotAbort() {
      Step s = step(withJob(Phase.CUTTING_OVER, JobKind.CLIENT_SWITCH, "s1"), null,
          job(JobView.failed("s1", Failure.of(FailureReason.NOT_IMPLEMENTED, "client switch", T0))));
      assertMoved(s, Phase.CUTTING_OVER, Phase.FAILED);
      assertThat(s.migration().phase().accepts(s.migration().resumeTo()))
          .containsExactlyInAnyOrder(Command.RETRY, Command.ROLLBACK);
      assertMoved(step(s.migration(), Command.ROLLBACK, IDLE), Phase.FAILED, Phase.ROLLING_BACK);
    }

    @Test
    void rollbackStoresTheSwitchBackInstantBeforeAnyClientMoves() {
      Step s = step(withJob(Phase.DRAINING, JobKind.DRAIN, "d1").withSwitchedAt(T0), Command.ROLLBACK, IDLE);
      assertThat(s.migration().cutover().switchBackAt()).isEqualTo(T0.plusSeconds(1));
      assertThat(s.migration().switchedAt()).isEqualTo(T0);
      assertThat(s.actions()).last().isInstanceOf(Action.RollBack.class);
    }

    @Test
    void confirmSwitchIsKeptForTheManualMethodWithoutMovingOn() {
      Step s = step(withJob(Phase.CUTTING_OVER, JobKind.CLIENT_SWITCH, "s1"), Command.CONFIRM_SWITCH,
          job(JobView.running("s1", Progress.NONE)));
      assertThat(s.migration().phase()).isEqualTo(Phase.CUTTING_OVER);
      assertThat(s.migration().cutover().switchConfirmedBy()).isEqualTo("engineer");
      assertThat(s.migration().cutover().switchBackConfirmedBy()).isNull();
      Step back = step(withJob(Phase.ROLLING_BACK, JobKind.ROLLBACK, "r1"), Command.CONFIRM_SWITCH,
          job(JobView.running("r1", Progress.NONE)));
      assertThat(back.migration().cutover().switchBackConfirmedBy()).isEqualTo("engineer");
      assertThat(Phase.DRAINING.accepts(null)).doesNotContain(Command.CONFIRM_SWITCH);
      assertThat(Command.CONFIRM_SWITCH.path()).isEqualTo("confirm-switch");
      assertThat(Command.fromPath("confirm-switch")).contains(Command.CONFIRM_SWITCH);
    }

    @Test
    void theClientSwitchReceiptIsKept() {
      io.aeroshift.cutover.SwitchReceipt receipt = new io.aeroshift.cutover.SwitchReceipt("configmap", T0, "done");
      Step s = step(withJob(Phase.CUTTING_OVER, JobKind.CLIENT_SWITCH, "s1"), null, job(JobView.cutoverDone("s1",
          new JobView.CutoverStep(List.of(), null, null, null, receipt))));
      assertMoved(s, Phase.CUTTING_OVER, Phase.DRAINING);
      assertThat(s.migration().cutover().switched()).isEqualTo(receipt);
    }

    @Test
    void aRunningDrainShowsItsResidualWriters() {
      CutoverBlocker writer = new CutoverBlocker("RESIDUAL_WRITER", "n1: 12.0 writes/s, 1 client connection(s)");
      Step s = step(withJob(Phase.DRAINING, JobKind.DRAIN, "d1"), null,
          job(JobView.cutoverRunning("d1", List.of(writer))));
      assertThat(s.migration().phase()).isEqualTo(Phase.DRAINING);
      assertThat(s.migration().cutover().residualWriters()).containsExactly(writer);
      Step quiet = step(s.migration(), null, job(JobView.cutoverRunning("d1", List.of())));
      assertThat(quiet.migration().cutover().residualWriters()).isEmpty();
    }

    static io.aeroshift.cutover.CutoverReport report() {
      return new io.aeroshift.cutover.CutoverReport("m1", T0, "configmap", "done", T0, 10, 1, 0, 0, T0, "v9",
          T0.plusSeconds(60), 3);
    }

    @Test
    void aDrainWhoseFinalValidationPassedCompletesWithTheReport() {
      ValidationRecord v = new ValidationRecord("v9", true, T0, 100, 103, 0, 0);
      Step s = step(withJob(Phase.DRAINING, JobKind.DRAIN, "d1"), null,
          job(JobView.cutoverDone("d1", new JobView.CutoverStep(List.of(), report(), v, null, null))));
      assertMoved(s, Phase.DRAINING, Phase.COMPLETED);
      assertThat(s.migration().cutover().report()).isEqualTo(report());
      assertThat(s.migration().lastValidation()).isEqualTo(v);
    }

    @Test
    void aFailedFinalValidationFailsAsDataMismatchOrRollsBackWhenThePlanSaysSo() {
      ValidationRecord v = new ValidationRecord("v9", false, T0, 100, 99, 1, 0);
      Observations done = job(JobView.cutoverDone("d1", new JobView.CutoverStep(List.of(), report(), v, null, null)));
      Step failed = step(withJob(Phase.DRAINING, JobKind.DRAIN, "d1"), null, done);
      assertMoved(failed, Phase.DRAINING, Phase.FAILED);
      assertThat(failed.migration().failure().reason()).isEqualTo(FailureReason.DATA_MISMATCH);
      assertThat(failed.migration().resumeTo()).isEqualTo(Phase.DRAINING);
      PlanSettings rollsBack = new PlanSettings(5, Duration.ofMinutes(60), 3, Duration.ofMinutes(10), 1000, 5_000_000,
          true);
      Step back = MACHINE.step(withJob(Phase.DRAINING, JobKind.DRAIN, "d1").withSwitchedAt(T0), null, done, rollsBack,
          T0.plusSeconds(5));
      assertMoved(back, Phase.DRAINING, Phase.ROLLING_BACK);
      assertThat(back.migration().cutover().switchBackAt()).isEqualTo(T0.plusSeconds(5));
      assertThat(back.actions()).singleElement().isInstanceOf(Action.RollBack.class);
    }

    @Test
    void aFinishedRollbackKeepsItsReport() {
      io.aeroshift.cutover.RollbackReport r = new io.aeroshift.cutover.RollbackReport("m1", T0, T0.plusSeconds(9),
          "configmap", "done", 40, 1, 0, "v10", T0.plusSeconds(20));
      Step s = step(withJob(Phase.ROLLING_BACK, JobKind.ROLLBACK, "r1"), null,
          job(JobView.cutoverDone("r1", new JobView.CutoverStep(List.of(), null, null, r, null))));
      assertMoved(s, Phase.ROLLING_BACK, Phase.ROLLED_BACK);
      assertThat(s.migration().cutover().rollback()).isEqualTo(r);
    }

    @Test
    void failedDrainAndRollback() {
      Failure f = Failure.of(FailureReason.NOT_IMPLEMENTED, "drain", T0);
      assertMoved(step(withJob(Phase.DRAINING, JobKind.DRAIN, "d1"), null, job(JobView.failed("d1", f))),
          Phase.DRAINING, Phase.FAILED);
      assertMoved(step(withJob(Phase.ROLLING_BACK, JobKind.ROLLBACK, "r1"), null, job(JobView.failed("r1", f))),
          Phase.ROLLING_BACK, Phase.FAILED);
    }
  }

  @Nested
  class PausedAndFailed {
    @Test
    void resumeReturnsToThePhaseLeftAndResumesItsJob() {
      Migration paused = withJob(Phase.COPYING, JobKind.FULL_COPY, "j1").withResumeTo(Phase.COPYING)
          .toPhase(Phase.PAUSED, T0);
      Step s = step(paused, Command.RESUME, job(new JobView("j1", JobView.JobState.STOPPED, null, null, null, null)));
      assertMoved(s, Phase.PAUSED, Phase.COPYING);
      assertThat(s.migration().resumeTo()).isNull();
      assertThat(s.actions()).singleElement().isInstanceOfSatisfying(Action.StartCopy.class,
          a -> assertThat(a.jobId()).isEqualTo("j1"));
    }

    @Test
    void abortFromPaused() {
      Migration paused = at(Phase.COPYING).withResumeTo(Phase.COPYING).toPhase(Phase.PAUSED, T0);
      assertMoved(step(paused, Command.ABORT, IDLE), Phase.PAUSED, Phase.ABORTED);
    }

    @Test
    void retryReturnsToTheFailedStepWithAFreshJob() {
      Migration failed = withJob(Phase.COPYING, JobKind.FULL_COPY, "m1-full-copy-a1")
          .withFailure(Failure.of(FailureReason.SOURCE_UNREACHABLE, "x", T0)).withResumeTo(Phase.COPYING)
          .toPhase(Phase.FAILED, T0).withJob(null, null);
      Step s = step(failed, Command.RETRY, IDLE);
      assertMoved(s, Phase.FAILED, Phase.COPYING);
      assertThat(s.migration().attempt()).isEqualTo(2);
      assertThat(s.migration().failure()).isNull();
      assertThat(s.actions()).singleElement().isInstanceOfSatisfying(Action.StartCopy.class,
          a -> assertThat(a.jobId()).isEqualTo("m1-full-copy-a2"));
    }

    @Test
    void abortFromFailedBeforeCutover() {
      Migration failed = at(Phase.COPYING).withResumeTo(Phase.COPYING).toPhase(Phase.FAILED, T0);
      assertMoved(step(failed, Command.ABORT, IDLE), Phase.FAILED, Phase.ABORTED);
    }

    @Test
    void pausedAndFailedWaitForACommand() {
      Migration paused = at(Phase.COPYING).withResumeTo(Phase.COPYING).toPhase(Phase.PAUSED, T0);
      assertThat(step(paused, null, IDLE).next()).isNull();
    }
  }

  /** Every (phase, command) the phase does not accept, with the phase to resume where it matters. */
  static Stream<Arguments> refused() {
    List<Arguments> out = new ArrayList<>();
    for (Phase p : Phase.values()) {
      List<Phase> resumes = p == Phase.FAILED ? List.of(Phase.COPYING, Phase.CUTTING_OVER)
          : p == Phase.PAUSED ? List.of(Phase.COPYING) : java.util.Collections.singletonList((Phase) null);
      for (Phase r : resumes) {
        for (Command c : EnumSet.complementOf(EnumSet.copyOf(withNone(p.accepts(r))))) {
          out.add(Arguments.of(p, r, c));
        }
      }
    }
    return out.stream();
  }

  private static java.util.Set<Command> withNone(java.util.Set<Command> s) {
    return s.isEmpty() ? EnumSet.noneOf(Command.class) : s;
  }

  @ParameterizedTest(name = "{2} refused in {0} (resume to {1})")
  @MethodSource("refused")
  void aCommandThePhaseDoesNotAcceptIsRefusedAndChangesNothing(Phase phase, Phase resumeTo, Command command) {
    Migration m = at(Phase.COPYING).withResumeTo(resumeTo).toPhase(phase, T0).withJob("j", JobKind.FULL_COPY);
    Step s = step(m, command, job(JobView.running("j", Progress.NONE)));
    assertThat(s.events()).first().isEqualTo(new StepEvent.CommandTaken(command,
        command.ownersOnly() ? "owner-payments" : "engineer", false, "phase " + phase + " accepts "
        + phase.accepts(resumeTo)));
    assertThat(transitions(s)).noneMatch(t -> t.command() != null);
  }

  @Test
  void abortIsRefusedFromCuttingOverOn() {
    for (Phase p : List.of(Phase.CUTTING_OVER, Phase.DRAINING, Phase.COMPLETED, Phase.ROLLING_BACK,
        Phase.ROLLED_BACK)) {
      assertThat(p.accepts(null)).doesNotContain(Command.ABORT);
    }
    assertThat(Phase.FAILED.accepts(Phase.DRAINING)).doesNotContain(Command.ABORT);
  }

  @Test
  void everyTransitionTheMachineMakesIsADocumentedEdge() {
    // a full run with commands: every step's transitions must be legal edges (checked inside the machine)
    Migration m = planned();
    m = step(m, Command.START, IDLE).migration();
    assertThat(m.phase()).isEqualTo(Phase.PROVISIONING);
    m = step(m, null, new Observations(new TargetState.Ready(List.of("h:1")), null, WaveGate.OPEN)).migration();
    m = step(m, null, job(JobView.copied(m.jobId(), new Progress(1, 10, 0, 0)))).migration();
    m = step(m, null, job(JobView.delta(m.jobId(), new JobView.DeltaPass(1, 0, 10, 100)))).migration();
    assertThat(m.phase()).isEqualTo(Phase.VALIDATING);
    m = step(m, null, job(JobView.validated(m.jobId(), passed(T0)))).migration();
    m = step(m, Command.APPROVE, IDLE).migration();
    m = step(m, Command.CUTOVER, IDLE).migration();
    m = step(m, null, job(JobView.done(m.jobId()))).migration();
    m = step(m, null, job(JobView.done(m.jobId()))).migration();
    assertThat(m.phase()).isEqualTo(Phase.COMPLETED);
  }

  /** A final migration removes the backup files its copies made, and then nothing more. */
  @Nested
  class FinalPhases {
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Phase.class, names = {"COMPLETED", "ABORTED", "ROLLED_BACK"})
    void aFinalMigrationWithBackupFilesLeftAsksForTheirRemovalAndLooksAgain(Phase phase) {
      Step s = step(at(phase), null, IDLE.withBackupsLeft(true));
      assertThat(s.actions()).containsExactly(new Action.RemoveBackups());
      assertThat(s.next()).isEqualTo(T0.plusSeconds(1).plus(POLL));
      assertThat(s.migration().phase()).isEqualTo(phase);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Phase.class, names = {"COMPLETED", "ABORTED", "ROLLED_BACK"})
    void aFinalMigrationWithoutBackupFilesIsNeverSteppedAgain(Phase phase) {
      Step s = step(at(phase), null, IDLE);
      assertThat(s.actions()).isEmpty();
      assertThat(s.next()).isNull();
    }

    /**
     * What the step that makes a migration final observed was observed before it was final: it
     * looks again after a poll (stored with the migration, so a restart in between looks too).
     */
    @Test
    void theStepThatMakesAMigrationFinalLooksAgainForBackupFiles() {
      Step s = step(withJob(Phase.COPYING, JobKind.FULL_COPY, "m1-full-copy-a1"), Command.ABORT, IDLE);
      assertMoved(s, Phase.COPYING, Phase.ABORTED);
      assertThat(s.actions()).doesNotContain(new Action.RemoveBackups());
      assertThat(s.next()).isEqualTo(T0.plusSeconds(1).plus(POLL));
      assertThat(s.migration().nextCheckAt()).isEqualTo(s.next());
    }
  }
}

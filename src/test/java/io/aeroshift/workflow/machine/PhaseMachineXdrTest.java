package io.aeroshift.workflow.machine;

import static io.aeroshift.workflow.machine.PhaseMachineTest.T0;
import static io.aeroshift.workflow.machine.PhaseMachineTest.assertMoved;
import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.transfer.xdr.XdrMonitor;
import io.aeroshift.transfer.xdr.XdrNodeStats;
import io.aeroshift.transfer.xdr.XdrSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The step function's decisions for a plan with {@code copy.mode: XDR} (PhaseMachineTest style). */
class PhaseMachineXdrTest {
  static final PlanSettings XDR_PLAN = new PlanSettings(5, Duration.ofMinutes(60), 3, Duration.ofMinutes(10), 0, 0,
      false, true);
  static final XdrSettings SETTINGS = XdrSettings.direct("dc1", List.of("10.0.0.1:3000"), List.of("payments"))
      .withLimits(Duration.ofSeconds(5), 2, Duration.ofSeconds(60));

  static Migration at(Phase phase) {
    return PhaseMachineTest.at(phase);
  }

  static String xdrId() {
    return PhaseMachine.xdrJobId(at(Phase.COPYING));
  }

  static XdrMonitor.Observation stats(long lag, long queue, long pending, long abandoned) {
    return XdrMonitor.evaluate(SETTINGS, List.of(new XdrNodeStats("n1", true, lag, queue, 0, pending, 100, abandoned,
        0, 0, 1)), T0, XdrMonitor.WatchState.initial());
  }

  static XdrMonitor.Observation rewinding() {
    return stats(0, 0, 4000, 0);
  }

  static XdrMonitor.Observation ready() {
    return stats(0, 0, 0, 0);
  }

  static Observations seen(JobView job, XdrMonitor.Observation xdr) {
    return new Observations(TargetState.ABSENT, job, WaveGate.OPEN, JobView.running(xdrId(), Progress.NONE), xdr);
  }

  static Step step(Migration m, Command c, Observations seen) {
    StoredCommand command = c == null ? null : new StoredCommand(1, "m1", c, c.ownersOnly() ? "owner-payments"
        : "engineer", T0, null);
    return PhaseMachineTest.MACHINE.step(m, command, seen, XDR_PLAN, T0.plusSeconds(1));
  }

  @Test
  void theTargetReadyStartsOneXdrCopy() {
    Step s = step(PhaseMachineTest.at(Phase.PROVISIONING), null, new Observations(
        new TargetState.Ready(List.of("10.1.0.1:3000")), null, WaveGate.OPEN));
    assertMoved(s, Phase.PROVISIONING, Phase.COPYING);
    assertThat(s.actions()).singleElement().isEqualTo(new Action.StartCopy(xdrId(), JobKind.FULL_COPY, 0, 0));
    assertThat(s.migration().jobId()).isEqualTo(xdrId());
  }

  @Test
  void theRewindKeepsItCopyingThenCatchingUpWithoutDeltaPasses() {
    Migration copying = at(Phase.COPYING).withJob(xdrId(), JobKind.FULL_COPY);
    JobView running = JobView.running(xdrId(), Progress.NONE);
    Step rewinding = step(copying, null, seen(running, rewinding()));
    assertThat(rewinding.migration().phase()).isEqualTo(Phase.COPYING);
    assertThat(rewinding.migration().lagSeconds()).isEqualTo(-1);
    assertThat(rewinding.because()).startsWith("XDR_REWIND");
    assertThat(rewinding.actions()).isEmpty();

    Step rewound = step(copying, null, seen(running, ready()));
    assertMoved(rewound, Phase.COPYING, Phase.CATCHING_UP);
    assertThat(rewound.actions()).isEmpty();
    assertThat(rewound.migration().jobId()).isEqualTo(xdrId());

    Step queued = step(rewound.migration(), null, seen(running, stats(1, 30, 0, 0)));
    assertThat(queued.migration().phase()).isEqualTo(Phase.CATCHING_UP);
    assertThat(queued.because()).startsWith("XDR_CATCHING_UP");
    assertThat(queued.actions()).isEmpty();

    Step caughtUp = step(rewound.migration(), null, seen(running, ready()));
    assertMoved(caughtUp, Phase.CATCHING_UP, Phase.VALIDATING);
    assertThat(caughtUp.migration().lagSeconds()).isZero();
    assertThat(caughtUp.actions()).singleElement().isInstanceOf(Action.StartValidation.class);
    assertThat(caughtUp.actions()).noneMatch(a -> a instanceof Action.StartCopy);
  }

  @Test
  void aPreflightRefusalFailsTheMigrationWithItsTypedReason() {
    Migration copying = at(Phase.COPYING).withJob(xdrId(), JobKind.FULL_COPY);
    Failure refused = Failure.of(FailureReason.XDR_NOT_AVAILABLE, "Community source: use SCAN_COPY or BACKUP_RESTORE",
        T0);
    JobView failed = JobView.failed(xdrId(), refused);
    Step s = step(copying, null, new Observations(TargetState.ABSENT, failed, WaveGate.OPEN, failed, null));
    assertMoved(s, Phase.COPYING, Phase.FAILED);
    assertThat(s.migration().failure()).isEqualTo(refused);
    assertThat(s.migration().resumeTo()).isEqualTo(Phase.COPYING);
  }

  @Test
  void theXdrCopyFailingBesideAValidationFailsTheMigration() {
    Migration validating = at(Phase.VALIDATING).withJob("v1", JobKind.VALIDATION);
    Failure blocked = Failure.of(FailureReason.TARGET_UNREACHABLE, "no destination node connected", T0);
    Step s = step(validating, null, new Observations(TargetState.ABSENT, JobView.running("v1", Progress.NONE),
        WaveGate.OPEN, JobView.failed(xdrId(), blocked), null));
    assertMoved(s, Phase.VALIDATING, Phase.FAILED);
    assertThat(s.migration().failure().reason()).isEqualTo(FailureReason.TARGET_UNREACHABLE);
    assertThat(s.migration().resumeTo()).isEqualTo(Phase.CATCHING_UP);
    assertThat(s.actions()).contains(new Action.StopJob("v1"), new Action.StopJob(xdrId()));
  }

  @Test
  void aLostXdrCopyIsStartedAgainWhileTheValidationRuns() {
    Migration validating = at(Phase.VALIDATING).withJob("v1", JobKind.VALIDATION);
    Step s = step(validating, null, new Observations(TargetState.ABSENT, JobView.running("v1", Progress.NONE),
        WaveGate.OPEN, JobView.unknown(xdrId()), null));
    assertThat(s.migration().phase()).isEqualTo(Phase.VALIDATING);
    assertThat(s.actions()).containsExactly(new Action.StartCopy(xdrId(), JobKind.FULL_COPY, 0, 0));
    assertThat(s.migration().jobId()).isEqualTo("v1");
  }

  @Test
  void cutoverIsBlockedByTheReplicationAndAllowedWhenItIsReady() {
    Migration approved = PhaseMachineTest.approved(T0).withLag(0);
    // abandoned records rising after the first look: the destination refuses what is shipped
    XdrMonitor.Observation refused = XdrMonitor.evaluate(SETTINGS, List.of(new XdrNodeStats("n1", true, 0, 0, 0, 0,
        100, 3, 0, 0, 1)), T0, ready().next());
    Step blocked = step(approved, Command.CUTOVER, seen(null, refused));
    assertThat(blocked.migration().phase()).isEqualTo(Phase.APPROVED);
    assertThat(blocked.events()).anyMatch(e -> e instanceof StepEvent.CommandTaken t && !t.accepted()
        && t.reason().startsWith("XDR_BLOCKED"));
    assertThat(blocked.migration().lagSeconds()).isEqualTo(-1);

    Step lagging = step(approved, Command.CUTOVER, seen(null, stats(9, 0, 0, 0)));
    assertThat(lagging.migration().phase()).isEqualTo(Phase.APPROVED);
    assertThat(PhaseMachine.cutoverBlockers(approved, WaveGate.OPEN, XDR_PLAN, stats(9, 0, 0, 0), T0))
        .extracting(CutoverBlocker::reason).contains("XDR_CATCHING_UP");

    Step go = step(approved, Command.CUTOVER, seen(null, ready()));
    assertMoved(go, Phase.APPROVED, Phase.CUTTING_OVER);
    assertThat(go.actions()).noneMatch(a -> a.equals(new Action.StopJob(xdrId())));
  }

  @Test
  void afterThePassingDrainTheXdrCopyIsTornDownThenCompleted() {
    ValidationRecord v = new ValidationRecord("v9", true, T0, 100, 100, 0, 0);
    Migration draining = at(Phase.DRAINING).withJob("d1", JobKind.DRAIN);
    JobView drained = JobView.cutoverDone("d1", new JobView.CutoverStep(List.of(), null, v, null, null));
    Step s = step(draining, null, seen(drained, ready()));
    assertThat(s.migration().phase()).isEqualTo(Phase.DRAINING);
    assertThat(s.actions()).containsExactly(new Action.FinishXdr(xdrId()));
    assertThat(s.migration().jobKind()).isEqualTo(JobKind.XDR_TEARDOWN);

    Step tearing = step(s.migration(), null, seen(JobView.running(xdrId(), Progress.NONE), ready()));
    assertThat(tearing.migration().phase()).isEqualTo(Phase.DRAINING);
    assertThat(tearing.actions()).containsExactly(new Action.FinishXdr(xdrId()));

    Step done = step(s.migration(), null, seen(JobView.done(xdrId()), null));
    assertMoved(done, Phase.DRAINING, Phase.COMPLETED);
    assertThat(done.migration().jobId()).isNull();
  }

  @Test
  void rollbackAndAbortTearTheXdrCopyDown() {
    Migration draining = at(Phase.DRAINING).withJob("d1", JobKind.DRAIN);
    Step back = step(draining, Command.ROLLBACK, seen(JobView.cutoverRunning("d1", List.of()), ready()));
    assertMoved(back, Phase.DRAINING, Phase.ROLLING_BACK);
    assertThat(back.actions()).contains(new Action.StopJob("d1"), new Action.StopJob(xdrId()));

    Migration awaiting = PhaseMachineTest.awaiting(T0);
    Step aborted = step(awaiting, Command.ABORT, seen(null, ready()));
    assertMoved(aborted, Phase.AWAITING_APPROVAL, Phase.ABORTED);
    assertThat(aborted.actions()).containsExactly(new Action.StopJob(xdrId()));
  }

  @Test
  void aScanPlanIgnoresXdrObservations() {
    Migration copying = at(Phase.COPYING).withJob(xdrId(), JobKind.FULL_COPY);
    Step s = PhaseMachineTest.MACHINE.step(copying, null, new Observations(TargetState.ABSENT,
        JobView.copied(xdrId(), new Progress(1.0, 10, 0, 0)), WaveGate.OPEN), PhaseMachineTest.PLAN,
        T0.plusSeconds(1));
    assertMoved(s, Phase.COPYING, Phase.CATCHING_UP);
    assertThat(s.actions()).singleElement().isInstanceOf(Action.StartCopy.class)
        .extracting(a -> ((Action.StartCopy) a).kind()).isEqualTo(JobKind.DELTA_PASS);
  }
}

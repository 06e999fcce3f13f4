package io.aeroshift.workflow.migration;

import io.aeroshift.outcome.FailureReason;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.workflow.machine.Action;
import io.aeroshift.workflow.machine.Command;
import io.aeroshift.workflow.machine.JobKind;
import io.aeroshift.workflow.machine.JobView;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.Observations;
import io.aeroshift.workflow.machine.Phase;
import io.aeroshift.workflow.machine.PhaseMachine;
import io.aeroshift.workflow.machine.Step;
import io.aeroshift.workflow.machine.StoredCommand;
import io.aeroshift.workflow.machine.TargetState;
import io.aeroshift.workflow.machine.Wave;
import io.aeroshift.workflow.machine.WaveMember;
import io.aeroshift.workflow.machine.WaveScheduler;
import io.aeroshift.workflow.machine.WaveState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs the workflow: leases due migrations, observes them (target, job, wave), steps the pure
 * {@link PhaseMachine}, saves the step (state, command consumed, history, events: one transaction,
 * fenced by the lease's version) and only then runs its actions, each idempotent by its stored job
 * id. A migration whose job runs in this process stays leased to it (renewed every round); when
 * the process dies the lease runs out and another reconciler takes the migration over, observes
 * the job unknown and starts it again, resuming from its checkpoints.
 */
public final class MigrationReconciler {
  private static final Logger LOG = Logger.getLogger(MigrationReconciler.class);

  /**
   * @param leaseTtl how long a lease lasts without renewal (another reconciler takes over after it)
   * @param batch migrations stepped per round at most
   */
  public record Settings(Duration leaseTtl, int batch, WorkflowPlans.Limits limits) {}

  private final String owner;
  private final MigrationStore store;
  private final MigrationJobs jobs;
  private final TargetClusters targets;
  private final PlanCatalog plans;
  private final PhaseMachine machine;
  private final Settings settings;
  private final Clock clock;

  public MigrationReconciler(String owner, MigrationStore store, MigrationJobs jobs, TargetClusters targets,
      PlanCatalog plans, PhaseMachine machine, Settings settings, Clock clock) {
    this.owner = owner;
    this.store = store;
    this.jobs = jobs;
    this.targets = targets;
    this.plans = plans;
    this.machine = machine;
    this.settings = settings;
    this.clock = clock;
  }

  public String owner() {
    return owner;
  }

  public MigrationJobs jobs() {
    return jobs;
  }

  /** One round: renew the leases of migrations working here, then step every due one. Returns the steps saved. */
  public synchronized int runOnce() {
    Instant now = clock.instant();
    List<String> here = List.copyOf(jobs.running());
    if (!here.isEmpty()) {
      store.renew(owner, here, now.plus(settings.leaseTtl()));
    }
    int steps = 0;
    for (MigrationStore.Lease lease : store.lease(owner, now, settings.leaseTtl(), settings.batch())) {
      MDC.put("migration", lease.id());
      try {
        if (stepOne(lease)) {
          steps++;
        }
      } catch (StaleMigrationException e) {
        LOG.infof("%s: %s", owner, e.getMessage());
      } catch (RuntimeException e) {
        LOG.errorf(e, "%s: step of migration %s failed; it is tried again", owner, lease.id());
        store.release(lease.id(), owner);
      } finally {
        MDC.remove("migration");
      }
    }
    return steps;
  }

  private boolean stepOne(MigrationStore.Lease lease) {
    Instant now = clock.instant();
    Migration m = store.find(lease.id()).orElseThrow().withVersion(lease.version());
    Optional<MigrationPlan> plan = plans.find(m.plan());
    if (plan.isEmpty()) {
      LOG.warnf("migration %s: plan %s is gone; it waits", m.id(), m.plan());
      store.release(m.id(), owner);
      return false;
    }
    MigrationPlan p = plan.get();
    StoredCommand command = store.pendingCommand(m.id()).orElse(null);
    Observations seen = observe(m, p, now);
    Step step = machine.step(m, command, seen, WorkflowPlans.settings(p, settings.limits()), now);
    // an XDR plan's copy runs here beside (or between) its other jobs: its lease is held for it too
    boolean keep = (step.migration().jobId() != null || xdrReplicates(step.migration(), p))
        && step.migration().phase() != Phase.PAUSED && !step.migration().phase().terminal();
    Migration saved = store.save(lease, owner, step, command, now, keep ? now.plus(settings.leaseTtl()) : null);
    if (step.changedPhase()) {
      LOG.infof("migration %s: %s -> %s (%s)", m.id(), m.phase(), saved.phase(), step.because());
    }
    for (Action a : step.actions()) {
      run(a, saved, p);
    }
    if (saved.phase() == Phase.FAILED && saved.failure() != null
        && saved.failure().reason() == FailureReason.DATA_MISMATCH) {
      stopWaveIfItSaysSo(saved, now);
    }
    return true;
  }

  private Observations observe(Migration m, MigrationPlan plan, Instant now) {
    TargetState target = m.phase() == Phase.PROVISIONING ? targets.observe(m, plan) : TargetState.ABSENT;
    JobView job = m.jobId() == null ? null : jobs.observe(m.jobId());
    if (m.phase().terminal()) {
      return new Observations(target, job, gate(m, now)).withBackupsLeft(jobs.backupsLeft(m));
    }
    if (!xdrReplicates(m, plan)) {
      return new Observations(target, job, gate(m, now));
    }
    String xdrId = PhaseMachine.xdrJobId(m);
    JobView xdrJob = xdrId.equals(m.jobId()) ? job : jobs.observe(xdrId);
    return new Observations(target, job, gate(m, now), xdrJob, jobs.xdr(xdrId).orElse(null));
  }

  /** An XDR plan's copy replicates from COPYING until it is torn down after the drain. */
  private static boolean xdrReplicates(Migration m, MigrationPlan plan) {
    return plan.copy() != null && plan.copy().mode() == io.aeroshift.planning.CopyMode.XDR
        && m.phase().ordinal() >= Phase.COPYING.ordinal() && m.phase().ordinal() <= Phase.DRAINING.ordinal();
  }

  private io.aeroshift.workflow.machine.WaveGate gate(Migration m, Instant now) {
    if (m.wave() == null) {
      return io.aeroshift.workflow.machine.WaveGate.OPEN;
    }
    Optional<Wave> wave = store.findWave(m.wave());
    if (wave.isEmpty()) {
      return io.aeroshift.workflow.machine.WaveGate.OPEN;
    }
    List<WaveMember> members = store.list(m.wave(), null).stream().map(WaveMember::of).toList();
    return WaveScheduler.gate(wave.get(), members, m.id(), now);
  }

  private void run(Action a, Migration m, MigrationPlan plan) {
    if (a instanceof Action.ApplyTarget) {
      targets.apply(m, plan);
    } else if (a instanceof Action.StartCopy c) {
      jobs.startCopy(m, plan, c.jobId(), c.kind(), c.recordsPerSecond(), c.bytesPerSecond());
    } else if (a instanceof Action.StartValidation v) {
      jobs.startValidation(m, plan, v.jobId());
    } else if (a instanceof Action.FinishXdr f) {
      jobs.finishXdr(f.jobId());
    } else if (a instanceof Action.StopJob s) {
      jobs.stop(s.jobId());
    } else if (a instanceof Action.RemoveBackups) {
      jobs.removeBackups(m);
    } else if (a instanceof Action.SwitchClients s) {
      jobs.startCutoverStep(m, plan, s.jobId(), JobKind.CLIENT_SWITCH);
    } else if (a instanceof Action.Drain d) {
      jobs.startCutoverStep(m, plan, d.jobId(), JobKind.DRAIN);
    } else if (a instanceof Action.RollBack r) {
      jobs.startCutoverStep(m, plan, r.jobId(), JobKind.ROLLBACK);
    } else {
      throw new IllegalStateException("no executor for " + a);
    }
  }

  /** Stop-the-wave: the wave is STOPPED and its working migrations are asked to pause. */
  private void stopWaveIfItSaysSo(Migration failed, Instant now) {
    Optional<Wave> wave = failed.wave() == null ? Optional.empty() : store.findWave(failed.wave());
    if (wave.isEmpty()) {
      return;
    }
    List<Migration> members = store.list(failed.wave(), null);
    Optional<String> why = WaveScheduler.stopReason(wave.get(), members.stream().map(WaveMember::of).toList());
    if (why.isEmpty() || !store.setWaveState(wave.get().name(), WaveState.STOPPED, why.get(),
        PhaseMachine.SYSTEM, now)) {
      return;
    }
    LOG.warnf("wave %s stopped: %s", wave.get().name(), why.get());
    for (Migration m : members) {
      if (m.phase().accepts(m.resumeTo()).contains(Command.PAUSE)) {
        store.storeCommand(m, Command.PAUSE, PhaseMachine.SYSTEM, "wave " + wave.get().name() + " stopped: "
            + why.get(), now);
      }
    }
  }

  /** Stops this reconciler's jobs (service stop, or a test's dying replica); leases are left to run out. */
  public void close() {
    jobs.close();
  }
}

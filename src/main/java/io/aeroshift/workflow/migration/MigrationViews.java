package io.aeroshift.workflow.migration;

import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.workflow.machine.Command;
import io.aeroshift.workflow.machine.CutoverBlocker;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.Phase;
import io.aeroshift.workflow.machine.PhaseMachine;
import io.aeroshift.workflow.machine.ValidationRecord;
import io.aeroshift.workflow.machine.Wave;
import io.aeroshift.workflow.machine.WaveGate;
import io.aeroshift.workflow.machine.WaveMember;
import io.aeroshift.workflow.machine.WaveScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Read-only figures of the migrations: phase, progress, lag, validation, approval and the cutover
 * gate, by wave or team. What the API lists and what meters and dashboards read live.
 */
@ApplicationScoped
public class MigrationViews {
  @Inject MigrationStore store;
  @Inject PlanCatalog plans;
  @Inject WorkflowRuntime runtime;

  Clock clock = Clock.systemUTC();

  public List<MigrationView> list(String wave, String team) {
    List<Migration> all = store.list(wave, team);
    Map<String, List<Migration>> byWave = new java.util.HashMap<>();
    List<MigrationView> out = new ArrayList<>();
    for (Migration m : all) {
      List<Migration> members = m.wave() == null ? List.of(m)
          : byWave.computeIfAbsent(m.wave(), w -> store.list(w, null));
      out.add(view(m, members));
    }
    return out;
  }

  public Optional<MigrationView> get(String id) {
    return store.find(id).map(m -> view(m, m.wave() == null ? List.of(m) : store.list(m.wave(), null)));
  }

  private MigrationView view(Migration m, List<Migration> waveMembers) {
    Instant now = clock.instant();
    List<CutoverBlocker> blockers = blockers(m, waveMembers, now);
    ValidationRecord v = m.lastValidation();
    return new MigrationView(m.id(), m.plan(), m.source(), m.team(), m.wave(), m.phase().name(), m.progress(),
        m.lagSeconds() < 0 ? null : m.lagSeconds(),
        v == null ? null : new MigrationView.LastValidation(v.id(), v.outcome(), v.at(), v.sourceRecords(),
            v.targetRecords(), v.differences()),
        m.approval(), m.phase() == Phase.APPROVED && blockers.isEmpty(), blockers,
        m.phase().accepts(m.resumeTo()).stream().map(Command::path).sorted().collect(Collectors.toList()),
        m.resumeTo() == null ? null : m.resumeTo().name(), m.failure(), m.attempt(), m.catchUpPasses(),
        m.targetEndpoints(), m.phaseSince(), m.nextCheckAt(), m.createdBy(), m.createdAt(), m.switchedAt(),
        m.cutover().switchBackAt(), m.cutover().report(), m.cutover().rollback());
  }

  /**
   * Why it may not cut over now (the plan gone is a blocker too); while it drains, the residual
   * writers that keep the drain open.
   */
  public List<CutoverBlocker> blockers(Migration m, List<Migration> waveMembers, Instant now) {
    if (m.phase() == Phase.DRAINING) {
      return m.cutover().residualWriters();
    }
    Optional<MigrationPlan> plan = plans.find(m.plan());
    if (plan.isEmpty()) {
      return List.of(new CutoverBlocker("PLAN_MISSING", "plan " + m.plan() + " no longer exists"));
    }
    Optional<Wave> wave = m.wave() == null ? Optional.empty() : store.findWave(m.wave());
    WaveGate gate = wave.isEmpty() ? WaveGate.OPEN
        : WaveScheduler.gate(wave.get(), waveMembers.stream().map(WaveMember::of).toList(), m.id(), now);
    return PhaseMachine.cutoverBlockers(m, gate, WorkflowPlans.settings(plan.get(), runtime.limits()), now);
  }
}

package io.aeroshift.workflow.migration;

import io.aeroshift.outcome.RequestRefused;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.workflow.machine.Command;
import io.aeroshift.workflow.machine.CutoverBlocker;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.Phase;
import io.aeroshift.workflow.machine.PhaseMachine;
import io.aeroshift.workflow.machine.StoredCommand;
import io.aeroshift.workflow.machine.Wave;
import io.aeroshift.workflow.machine.WaveLimits;
import io.aeroshift.workflow.machine.WaveState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What users ask of migrations and waves, checked and stored; the reconciler does the work. A
 * command is only stored here (the next step consumes it), never executed in the request.
 */
@ApplicationScoped
public class MigrationService {
  @Inject MigrationStore store;
  @Inject PlanCatalog plans;
  @Inject WorkflowRuntime runtime;

  Clock clock = Clock.systemUTC();

  /** 404: what was asked for does not exist. */
  static RequestRefused notFound(String what) {
    return new RequestRefused(404, "NOT_FOUND", what);
  }

  /**
   * A refusal in a migration's phase: the problem names the phase, the commands it accepts and the
   * blockers, where given, so a client can tell what to do next.
   */
  static RequestRefused refusedInPhase(String reason, String detail, Phase phase, Set<Command> accepted,
      List<CutoverBlocker> blockers) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("phase", phase == null ? null : phase.name());
    extensions.put("acceptedCommands", accepted == null ? null : accepted.stream().map(Command::path).sorted().toList());
    extensions.put("blockers", blockers);
    return new RequestRefused(409, reason, detail, extensions);
  }

  public Migration get(String id) {
    return store.find(id).orElseThrow(() -> notFound("no migration with id '" + id + "'"));
  }

  /** Creates a migration of the plan in PLANNED; 409 when one of the plan is still under way. */
  public Migration create(String planName, String by) {
    MigrationPlan plan = plans.find(planName).orElseThrow(() -> notFound("no plan named '" + planName + "'"));
    List<Migration> active = store.activeOfPlan(plan.name());
    if (!active.isEmpty()) {
      throw refusedInPhase("MIGRATION_EXISTS", "plan " + plan.name() + " already has migration "
          + active.get(0).id() + " in " + active.get(0).phase(), active.get(0).phase(), null, null);
    }
    return store.create(newMigration(plan, by, clock.instant()));
  }

  private static Migration newMigration(MigrationPlan plan, String by, Instant now) {
    String id = plan.name() + "-" + UUID.randomUUID().toString().substring(0, 8);
    return Migration.planned(id, plan.name(), plan.source().cluster(), plan.team(), plan.wave(), by, now);
  }

  /**
   * Stores a command for the next step: 409 when the phase does not accept it (approve: also when
   * the evidence is missing, failed or stale). Role and team were checked by the caller.
   */
  public StoredCommand command(String id, Command command, String by, String reason) {
    Migration m = get(id);
    Set<Command> accepted = m.phase().accepts(m.resumeTo());
    if (!accepted.contains(command)) {
      throw refusedInPhase("COMMAND_NOT_ACCEPTED", "migration " + id + " is " + m.phase() + ", which does not accept "
          + command.path(), m.phase(), accepted, null);
    }
    if (command == Command.APPROVE) {
      MigrationPlan plan = plans.find(m.plan()).orElseThrow(() -> notFound("plan " + m.plan() + " is gone"));
      List<CutoverBlocker> blockers = PhaseMachine.approvalBlockers(m,
          WorkflowPlans.settings(plan, runtime.limits()), clock.instant());
      if (!blockers.isEmpty()) {
        throw refusedInPhase("EVIDENCE_NOT_USABLE", "approval needs fresh passing evidence: "
            + blockers.get(0).detail(), m.phase(), accepted, blockers);
      }
    }
    return store.storeCommand(m, command, by, reason, clock.instant());
  }

  // ---------- waves ----------

  /** A stored wave, or the wave some plan names (READY, default limits) when none is stored. */
  public Optional<Wave> wave(String name) {
    Optional<Wave> stored = store.findWave(name);
    if (stored.isPresent()) {
      return stored;
    }
    boolean named = plans.all().stream().anyMatch(p -> name.equals(p.wave()));
    return named ? Optional.of(new Wave(name, WaveLimits.DEFAULT, WaveState.READY, null, "plans", null))
        : Optional.empty();
  }

  /** Stored waves and the waves plans name, by name. */
  public List<Wave> waves() {
    java.util.TreeMap<String, Wave> out = new java.util.TreeMap<>();
    for (MigrationPlan p : plans.all()) {
      if (p.wave() != null) {
        out.put(p.wave(), new Wave(p.wave(), WaveLimits.DEFAULT, WaveState.READY, null, "plans", null));
      }
    }
    store.listWaves().forEach(w -> out.put(w.name(), w));
    return new ArrayList<>(out.values());
  }

  public Wave createWave(String name, WaveLimits limits, String by) {
    if (store.findWave(name).isPresent()) {
      throw new RequestRefused(409, "WAVE_EXISTS", "a wave named " + name + " already exists");
    }
    return store.createWave(new Wave(name, limits, WaveState.READY, null, by, clock.instant()));
  }

  /**
   * Starts a wave: creates the migrations of its plans that have none under way, then asks every
   * PLANNED one to start; the wave's limits decide when each takes a copy slot.
   */
  public Wave startWave(String name, String by) {
    Wave w = materialise(name, by);
    Instant now = clock.instant();
    for (MigrationPlan p : plans.all()) {
      if (name.equals(p.wave()) && store.activeOfPlan(p.name()).isEmpty()) {
        store.create(newMigration(p, by, now));
      }
    }
    store.setWaveState(name, WaveState.RUNNING, null, by, now);
    for (Migration m : store.list(name, null)) {
      if (m.phase() == Phase.PLANNED && !m.started()) {
        store.storeCommand(m, Command.START, by, "wave " + name + " started", now);
      }
    }
    return store.findWave(name).orElse(w);
  }

  /** Pauses a wave: its working migrations are asked to pause. */
  public Wave pauseWave(String name, String by) {
    materialise(name, by);
    Instant now = clock.instant();
    store.setWaveState(name, WaveState.PAUSED, null, by, now);
    for (Migration m : store.list(name, null)) {
      if (m.phase().accepts(m.resumeTo()).contains(Command.PAUSE)) {
        store.storeCommand(m, Command.PAUSE, by, "wave " + name + " paused", now);
      }
    }
    return store.findWave(name).orElseThrow();
  }

  /** Resumes a paused or stopped wave and its paused migrations. */
  public Wave resumeWave(String name, String by) {
    materialise(name, by);
    Instant now = clock.instant();
    store.setWaveState(name, WaveState.RUNNING, null, by, now);
    for (Migration m : store.list(name, null)) {
      if (m.phase() == Phase.PAUSED) {
        store.storeCommand(m, Command.RESUME, by, "wave " + name + " resumed", now);
      }
    }
    return store.findWave(name).orElseThrow();
  }

  private Wave materialise(String name, String by) {
    Optional<Wave> stored = store.findWave(name);
    if (stored.isPresent()) {
      return stored.get();
    }
    Wave implied = wave(name).orElseThrow(() -> notFound("no wave named '" + name + "'"));
    return store.createWave(new Wave(name, implied.limits(), WaveState.READY, null, by, clock.instant()));
  }
}

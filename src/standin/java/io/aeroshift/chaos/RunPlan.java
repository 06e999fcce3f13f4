package io.aeroshift.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Everything one chaos run does, drawn from its seed alone (pure), so a seed reproduces the run's
 * choices exactly; what the machine's timing makes of them can still differ.
 *
 * @param seed the run's seed
 * @param mode {@code copy} (scan copy) or {@code backup-restore}
 * @param records records loaded into the source before the run
 * @param sourceBuild the source's server build (Community Edition)
 * @param sourceNodes source node count
 * @param targetNodes target node count (Enterprise Edition)
 * @param writesPerSecond the live writer's rate on the source during the chaos stage
 * @param serviceRps the service's record rate limit in the chaos stage ({@code --rps}), so that the
 *     migration lasts the fault window (2-5 s) instead of ending before the first fault
 * @param faults the faults, by time
 * @param service what runs the migration: {@link #CLI} (a {@code bin/aeroshift} process per step) or
 *     {@link #QUARKUS} (the Quarkus service process with its state store, driven over /api/v1), or
 *     {@link #WORKFLOW} (the same service taking the demo's catalog migration through every phase;
 *     mode, sizes and faults other than the kill are then not used)
 * @param killPhase the phase a {@link #WORKFLOW} run kills the service in (or the first one after it
 *     that the run sees), else null
 */
public record RunPlan(long seed, String mode, int records, String sourceBuild, int sourceNodes, int targetNodes,
    int writesPerSecond, int serviceRps, List<FaultEvent> faults, String service, String killPhase) {

  public static final String COPY = "copy";
  public static final String BACKUP_RESTORE = "backup-restore";
  public static final String CLI = "cli";
  public static final String QUARKUS = "quarkus";
  /** A migration through the workflow (/api/v1/migrations) of the Quarkus service with the demo's Kubernetes. */
  public static final String WORKFLOW = "workflow";
  /** The workflow phases a {@link #WORKFLOW} run may kill the service in. */
  public static final List<String> WORKFLOW_PHASES = List.of("PROVISIONING", "COPYING", "CATCHING_UP", "VALIDATING",
      "AWAITING_APPROVAL", "APPROVED", "CUTTING_OVER", "DRAINING");

  /** The window after the service starts in which faults are placed. */
  static final long WINDOW_MILLIS = 4_000;

  public RunPlan {
    faults = List.copyOf(faults);
  }

  /** The plan of the run with this seed. */
  public static RunPlan draw(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String mode = r.nextInt(3) < 2 ? COPY : BACKUP_RESTORE;
    int records = 500 + r.nextInt(1500);
    String build = r.nextBoolean() ? "6.4.0.10" : "7.2.0.6";
    int sourceNodes = 2 + r.nextInt(2);
    int targetNodes = 2 + r.nextInt(2);
    int rate = 100 + r.nextInt(300);
    List<FaultEvent> faults = new ArrayList<>();
    int count = 2 + r.nextInt(3);
    FaultKind[] kinds = FaultKind.values();
    for (int i = 0; i < count; i++) {
      FaultKind kind = kinds[r.nextInt(kinds.length)];
      String side = r.nextBoolean() ? "source" : "target";
      long at = r.nextLong(WINDOW_MILLIS);
      switch (kind) {
        case KILL_SERVICE -> faults.add(new FaultEvent(kind, "service", -1, 300 + r.nextLong(WINDOW_MILLIS), 0, 0));
        case STOP_NODE -> {
          int nodes = side.equals("source") ? sourceNodes : targetNodes;
          faults.add(new FaultEvent(kind, side, r.nextInt(nodes), at, 300 + r.nextLong(3_000), 0));
        }
        case DROP_CONNECTIONS -> faults.add(new FaultEvent(kind, side, -1, at, 0, 0));
        case LATENCY -> faults.add(new FaultEvent(kind, side, -1, at, 500 + r.nextLong(3_000), 1 + r.nextInt(20)));
        // 5-40%: the copy's catch-up rewrites recently changed records, so a record stays lost only
        // when both of its writes are; at these rates the final sync still loses some
        case LOST_WRITES -> faults.add(new FaultEvent(kind, "target", -1, 0, 0, 50_000 + r.nextLong(350_000)));
        case CLOCK_SKEW -> {
          int nodes = side.equals("source") ? sourceNodes : targetNodes;
          // up to 30 s: records a source node stamps ahead stay "in the future" that long after the
          // clock is right again, and the repair stage waits that out before it validates
          long offset = (r.nextBoolean() ? 1 : -1) * (1_000 + r.nextLong(29_000));
          faults.add(new FaultEvent(kind, side, r.nextInt(nodes), 0, 0, offset));
        }
      }
    }
    int serviceRps = Math.max(100, records / (2 + r.nextInt(4)));
    // drawn after everything above, so the plans of earlier seeds stay as they were
    String service = r.nextInt(3) == 0 ? QUARKUS : CLI;
    String killPhase = null;
    if (service.equals(QUARKUS) && r.nextBoolean()) {
      // half the Quarkus runs take a migration through the workflow, the service killed in one phase
      service = WORKFLOW;
      killPhase = WORKFLOW_PHASES.get(r.nextInt(WORKFLOW_PHASES.size()));
    }
    if (service.equals(QUARKUS) && faults.stream().noneMatch(f -> f.kind() == FaultKind.KILL_SERVICE)) {
      // the point of a Quarkus run: its copy run is resumed at start after a kill -9
      faults.add(new FaultEvent(FaultKind.KILL_SERVICE, "service", -1, 300 + r.nextLong(WINDOW_MILLIS), 0, 0));
    }
    faults.sort(Comparator.comparingLong(FaultEvent::atMillis));
    return new RunPlan(seed, mode, records, build, sourceNodes, targetNodes, rate, serviceRps, faults, service, killPhase);
  }

  /** The largest amount a source node's clock is set ahead, in ms (0 when none is). */
  public long sourceClockAheadMillis() {
    return faults.stream().filter(f -> f.kind() == FaultKind.CLOCK_SKEW && f.side().equals("source"))
        .mapToLong(FaultEvent::amount).max().orElse(0);
  }

  /** Whether the plan makes the target lose acknowledged writes (validation must then find them). */
  public boolean losesWrites() {
    return faults.stream().anyMatch(f -> f.kind() == FaultKind.LOST_WRITES);
  }
}

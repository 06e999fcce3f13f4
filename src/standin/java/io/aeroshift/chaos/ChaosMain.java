package io.aeroshift.chaos;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code bin/chaos [--seed S] [--runs N] [--minutes M]}: the seeded fault campaign. Run {@code i}
 * has seed {@code S + i} and is repeated alone by {@code bin/chaos --seed S+i --runs 1}. Prints a
 * line per run, a FAILED line with the reproducing seed for each failed run, and last one JSON
 * object: {@code runs, faults, lost, falsePasses, hangs, unreported, seed} (and
 * {@code reported, lostWritesFound, incomplete, serviceKills}). Exit 0 when lost, falsePasses, hangs and unreported are all
 * 0; 1 otherwise; 2 for a usage error.
 */
public final class ChaosMain {
  private ChaosMain() {}

  public static void main(String[] args) {
    int code;
    try {
      code = run(List.of(args), System.out, System.err);
    } catch (Exception | Error e) {
      e.printStackTrace();
      code = 1;
    }
    System.out.flush();
    System.exit(code);
  }

  /** Runs the campaign; returns the exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    ChaosArgs a;
    try {
      a = ChaosArgs.parse(args, System.currentTimeMillis() % 1_000_000);
    } catch (IllegalArgumentException e) {
      err.println("chaos: " + e.getMessage());
      err.println(ChaosArgs.USAGE);
      return 2;
    }
    if (a.help()) {
      out.println(ChaosArgs.USAGE);
      return 0;
    }
    CampaignTally tally = campaign(a, out);
    out.println(tally.json());
    return tally.clean() ? 0 : 1;
  }

  static CampaignTally campaign(ChaosArgs a, PrintStream out) throws Exception {
    long stopAt = a.minutes() > 0 ? System.nanoTime() + (long) (a.minutes() * 60e9) : Long.MAX_VALUE;
    CampaignTally tally = CampaignTally.start(a.seed());
    for (int i = 0; i < a.runs() && System.nanoTime() < stopAt; i++) {
      RunPlan plan = RunPlan.draw(a.seed() + i);
      if (plan.service().equals(RunPlan.WORKFLOW)) {
        out.printf("run %d/%d seed %d: migration %s through the workflow of the quarkus service, copying %d rec/s; "
            + "fault: kill -9 service in %s%n", i + 1, a.runs(), plan.seed(), WorkflowRun.PLAN, plan.serviceRps(), plan.killPhase());
      } else {
        out.printf("run %d/%d seed %d: %s by the %s service, %d records, source %d x CE %s, target %d x EE; faults: %s%n",
            i + 1, a.runs(), plan.seed(), plan.mode(), plan.service(), plan.records(), plan.sourceNodes(), plan.sourceBuild(),
            plan.targetNodes(), String.join("; ", plan.faults().stream().map(FaultEvent::describe).toList()));
      }
      long t0 = System.nanoTime();
      RunOutcome r = ChaosRun.run(plan, out);
      tally = tally.plus(r);
      if (r.failed()) {
        out.printf("FAILED run seed %d (reproduce: bin/chaos --seed %d --runs 1): %s%n", r.seed(), r.seed(),
            String.join(" | ", r.problems()));
      } else if (r.incomplete()) {
        out.printf("INCOMPLETE run seed %d (reproduce: bin/chaos --seed %d --runs 1): %s%n", r.seed(), r.seed(),
            String.join(" | ", r.problems()));
      } else {
        out.printf("run seed %d ok in %.1f s: %d faults, %d differing records named by validation (%d lost writes)%n",
            r.seed(), (System.nanoTime() - t0) / 1e9, r.faults(), r.reported(), r.lostWritesFound());
      }
    }
    return tally;
  }
}

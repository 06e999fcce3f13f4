package io.aeroshift.chaos;

import java.util.List;

/**
 * What one chaos run found.
 *
 * @param seed the run's seed ({@code bin/chaos --seed S --runs 1} repeats it)
 * @param faults faults actually injected (planned ones that fell after the work ended are not)
 * @param lost records still differing after the repair stage, when nothing was failing any more
 * @param falsePasses validations that passed while the run's own comparison found a difference
 * @param hangs service processes that did not end by their deadline
 * @param unreported differing records a failed validation did not name
 * @param reported differing records the validations named (after the chaos, after the final sync)
 * @param lostWritesFound records the target lost in the final sync (lost-writes fault) that its validation named
 * @param incomplete whether the repair stage (no faults) did not end with copy and validation succeeding
 * @param serviceKills kill -9s of the Quarkus service process while its copy run was active ({@link RunPlan#QUARKUS})
 * @param problems what went wrong, for the failure lines
 */
record RunOutcome(long seed, int faults, long lost, int falsePasses, int hangs, long unreported, long reported, long lostWritesFound,
    boolean incomplete, int serviceKills, List<String> problems) {

  RunOutcome {
    problems = List.copyOf(problems);
  }

  boolean failed() {
    return lost > 0 || falsePasses > 0 || hangs > 0 || unreported > 0;
  }
}

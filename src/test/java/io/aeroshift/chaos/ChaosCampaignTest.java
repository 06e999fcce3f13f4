package io.aeroshift.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A short fixed-seed fault campaign of CLI processes (kill -9 of the copy process, a target node
 * stopped, clock skew and lost writes on the target) and the campaign's judging rules. The runs
 * that kill the packaged Quarkus service are {@link ChaosServiceKillIT}, run after the package.
 */
class ChaosCampaignTest {

  /** Seed 162: scan copy; the target loses ~26% of writes, target node 1's clock skewed, kill -9 at 0.7 s, target node 2 stopped 1 s. */
  private static final long SEED = 162;

  @Test
  void aFixedSeedRunLosesNothingAndItsLostWritesAreFoundByValidation() throws Exception {
    RunPlan plan = RunPlan.draw(SEED);
    assertThat(plan.faults()).extracting(FaultEvent::kind)
        .contains(FaultKind.LOST_WRITES, FaultKind.KILL_SERVICE, FaultKind.STOP_NODE, FaultKind.CLOCK_SKEW);
    Campaign run = runClean(SEED);
    String text = run.output();
    String last = run.lastLine();
    // the counters are real: the service process was killed, and the target's lost writes were
    // named by the validation of the final stage, not passed over
    assertThat(text).contains("kill -9 copy; restarting it");
    assertThat(lostWritesFound(last)).as(text).isPositive();
  }

  /** What a one-run campaign printed. */
  record Campaign(String output, String lastLine) {}

  /**
   * Runs the campaign's run of {@code seed} alone and asserts it ended clean: exit 0, and its last
   * line with the four counters at 0.
   */
  static Campaign runClean(long seed) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    int code = ChaosMain.run(List.of("--seed", Long.toString(seed), "--runs", "1"), out, out);
    String text = buf.toString(StandardCharsets.UTF_8);
    String[] lines = text.trim().split("\n");
    String last = lines[lines.length - 1];
    assertThat(last).as(text).startsWith("{\"runs\":1,")
        .contains("\"lost\":0,\"falsePasses\":0,\"hangs\":0,\"unreported\":0,").endsWith("\"seed\":" + seed + "}");
    assertThat(code).as(text).isZero();
    return new Campaign(text, last);
  }

  private static long lostWritesFound(String json) {
    return counter(json, "lostWritesFound");
  }

  /** A counter of the campaign's last line. */
  static long counter(String json, String name) {
    String key = "\"" + name + "\":";
    int at = json.indexOf(key) + key.length();
    return Long.parseLong(json.substring(at, json.indexOf(',', at)));
  }

  @Test
  void aValidationThatPassesOverADifferenceIsAFalsePass() {
    ClusterComparison.Difference d = new ClusterComparison.Difference("00ff", 7, "missing");
    assertThat(Judgement.of(new ValidationVerdict(0, java.util.Set.of()), List.of(d)).falsePass()).isTrue();
    assertThat(Judgement.of(new ValidationVerdict(0, java.util.Set.of()), List.of()).falsePass()).isFalse();
  }

  @Test
  void aDifferenceInAPartitionTheValidationDidNotNameIsUnreported() {
    ClusterComparison.Difference named = new ClusterComparison.Difference("00ff", 7, "missing");
    ClusterComparison.Difference unnamed = new ClusterComparison.Difference("0100", 8, "differing");
    Judgement j = Judgement.of(new ValidationVerdict(1, java.util.Set.of(7)), List.of(named, unnamed));
    assertThat(j.falsePass()).isFalse();
    assertThat(j.unreported()).isEqualTo(1);
    assertThat(j.reported()).isEqualTo(1);
  }

  @Test
  void aValidationThatFailedAsAWholeVouchedForNothing() {
    ClusterComparison.Difference d = new ClusterComparison.Difference("00ff", 7, "missing");
    Judgement j = Judgement.of(new ValidationVerdict(2, java.util.Set.of(), "source node A clock is 70 s ahead"), List.of(d));
    assertThat(j.unreported()).isZero();
    assertThat(j.reported()).isEqualTo(1);
  }

  @Test
  void usageErrorsExitTwoAndNameTheOption() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(ChaosMain.run(List.of("--runs", "0"), o, e)).isEqualTo(2);
    assertThat(ChaosMain.run(List.of("--seed", "x"), o, e)).isEqualTo(2);
    assertThat(ChaosMain.run(List.of("--minutes"), o, e)).isEqualTo(2);
    assertThat(ChaosMain.run(List.of("--frob", "1"), o, e)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--runs must be").contains("--seed must be an integer")
        .contains("--minutes needs a value").contains("unknown option '--frob'").contains(ChaosArgs.USAGE);
    assertThat(ChaosMain.run(List.of("--help"), o, e)).isZero();
  }

  @Test
  void aSeedDrawsTheSamePlanEveryTime() {
    assertThat(RunPlan.draw(SEED)).isEqualTo(RunPlan.draw(SEED));
    assertThat(RunPlan.draw(SEED)).isNotEqualTo(RunPlan.draw(SEED + 1));
    assertThat(RunPlan.draw(SEED).service()).as("seed 162 stays a run of CLI processes").isEqualTo(RunPlan.CLI);
  }
}

package io.aeroshift.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Short fixed-seed fault campaigns (one run of CLI processes: kill -9 of the copy process, a target
 * node stopped, clock skew and lost writes on the target; one run of the Quarkus service process
 * killed with kill -9 mid-copy; one migration through the workflow with the service killed during
 * the cutover) and the campaign's judging rules.
 */
class ChaosCampaignTest {

  /** Seed 162: scan copy; the target loses ~26% of writes, target node 1's clock skewed, kill -9 at 0.7 s, target node 2 stopped 1 s. */
  private static final long SEED = 162;
  /** Seed 111: the Quarkus service process killed mid-copy (see the test). */
  private static final long QUARKUS_SEED = 111;
  /** Seed 172: a migration through the workflow, the service killed in CUTTING_OVER (see the test). */
  private static final long WORKFLOW_SEED = 172;

  @Test
  void aFixedSeedRunLosesNothingAndItsLostWritesAreFoundByValidation() throws Exception {
    RunPlan plan = RunPlan.draw(SEED);
    assertThat(plan.faults()).extracting(FaultEvent::kind)
        .contains(FaultKind.LOST_WRITES, FaultKind.KILL_SERVICE, FaultKind.STOP_NODE, FaultKind.CLOCK_SKEW);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);

    int code = ChaosMain.run(List.of("--seed", Long.toString(SEED), "--runs", "1"), out, out);

    String text = buf.toString(StandardCharsets.UTF_8);
    String[] lines = text.trim().split("\n");
    String last = lines[lines.length - 1];
    assertThat(last).as(text).startsWith("{\"runs\":1,").contains("\"lost\":0,\"falsePasses\":0,\"hangs\":0,\"unreported\":0,")
        .endsWith("\"seed\":162}");
    assertThat(code).as(text).isZero();
    // the counters are real: the service process was killed, and the target's lost writes were
    // named by the validation of the final stage, not passed over
    assertThat(text).contains("kill -9 copy; restarting it");
    assertThat(lostWritesFound(last)).as(text).isPositive();
  }

  /**
   * Seed 111: scan copy through the Quarkus service process (the packaged app on its own H2 file
   * store and port), killed with kill -9 at 1.8 s, mid full copy, and started again on the same
   * data; source connections dropped at 2.5 s. Nothing asks the run to resume: the service must
   * resume it at its start ({@code CopyRuns.onStart}) and it must end; without that the run stays
   * RUNNING and the campaign calls it a hang. About 40 s.
   */
  @Test
  void aKilledQuarkusServiceResumesItsCopyRunAtStartAndLosesNothing() throws Exception {
    requireCurrentPackagedApp();
    RunPlan plan = RunPlan.draw(QUARKUS_SEED);
    assertThat(plan.service()).isEqualTo(RunPlan.QUARKUS);
    assertThat(plan.faults()).extracting(FaultEvent::kind).contains(FaultKind.KILL_SERVICE);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);

    int code = ChaosMain.run(List.of("--seed", Long.toString(QUARKUS_SEED), "--runs", "1"), out, out);

    String text = buf.toString(StandardCharsets.UTF_8);
    String[] lines = text.trim().split("\n");
    String last = lines[lines.length - 1];
    assertThat(last).as(text).startsWith("{\"runs\":1,")
        .contains("\"lost\":0,\"falsePasses\":0,\"hangs\":0,\"unreported\":0,").endsWith("\"seed\":111}");
    assertThat(code).as(text).isZero();
    assertThat(counter(last, "serviceKills")).as(text).isPositive();
    // the killed run itself ended SUCCEEDED, resumed by the restarted service without being asked
    assertThat(text).contains("kill -9 the Quarkus service (copy run ").containsPattern(
        "copy run copy-\\S+ ended SUCCEEDED \\(attempts [2-9]\\), resumed by the service at its start after \\d+ kill -9");
  }

  /**
   * Seed 172: the demo's catalog migration through the workflow of the Quarkus service process,
   * created, started, approved by owner-catalog and cut over over /api/v1, the service killed with
   * kill -9 when the campaign first sees CUTTING_OVER (or a later phase) and started again on the
   * same data. It must reach COMPLETED with one AerospikeCluster, the clients' seeds on the target,
   * the target equal to the source, and no saved phase lost. About 60-100 s.
   */
  @Test
  void aMigrationWhoseServiceIsKilledDuringTheCutoverCompletesWithNothingLost() throws Exception {
    requireCurrentPackagedApp();
    RunPlan plan = RunPlan.draw(WORKFLOW_SEED);
    assertThat(plan.service()).isEqualTo(RunPlan.WORKFLOW);
    assertThat(plan.killPhase()).isEqualTo("CUTTING_OVER");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);

    int code = ChaosMain.run(List.of("--seed", Long.toString(WORKFLOW_SEED), "--runs", "1"), out, out);

    String text = buf.toString(StandardCharsets.UTF_8);
    String[] lines = text.trim().split("\n");
    String last = lines[lines.length - 1];
    assertThat(last).as(text).startsWith("{\"runs\":1,")
        .contains("\"lost\":0,\"falsePasses\":0,\"hangs\":0,\"unreported\":0,").endsWith("\"seed\":172}");
    assertThat(code).as(text).isZero();
    assertThat(counter(last, "serviceKills")).as(text).isEqualTo(1);
    assertThat(text).containsPattern("kill -9 the Quarkus service in (CUTTING_OVER|DRAINING) \\(planned: CUTTING_OVER\\)")
        .containsPattern("COMPLETED \\(killed in (CUTTING_OVER|DRAINING)\\); 1 AerospikeCluster");
  }

  /**
   * The Quarkus runs need the packaged app ({@code mvn -B -DskipTests package}) built from these
   * classes; packaging inside the test run would cost minutes. Without it the test is skipped,
   * visibly, unless AEROSHIFT_REQUIRE_PACKAGED_APP=true makes it fail.
   */
  private static void requireCurrentPackagedApp() throws IOException {
    String why = QuarkusService.packaged() ? stalePackagedClass() : QuarkusService.APP.resolve("quarkus-run.jar") + " not found";
    if (why != null) {
      String message = why + ": build it first with mvn -B -DskipTests package";
      assertThat(System.getenv("AEROSHIFT_REQUIRE_PACKAGED_APP")).as(message).isNotEqualTo("true");
      Assumptions.abort(message);
    }
  }

  /**
   * A service class or resource whose bytes differ between target/classes and the packaged app (or
   * a class that only one has), else null. Bytes, not times: every Maven build rewrites target/classes.
   * The campaign's own classes (io.aeroshift.chaos) run in this JVM and do not count.
   */
  private static String stalePackagedClass() throws IOException {
    Path classes = Path.of("target/classes");
    Path jar;
    try (Stream<Path> jars = Files.list(QuarkusService.APP.resolve("app"))) {
      jar = jars.filter(f -> f.toString().endsWith(".jar")).findFirst().orElse(null);
    }
    if (jar == null) {
      return "no application jar in " + QuarkusService.APP.resolve("app");
    }
    Set<String> packaged = new HashSet<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        if (!counts(e.getName())) {
          continue;
        }
        packaged.add(e.getName());
        Path compiled = classes.resolve(e.getName());
        if (!Files.exists(compiled)) {
          return e.getName() + " is packaged but no longer compiled";
        }
        try (InputStream in = zip.getInputStream(e)) {
          if (!Arrays.equals(in.readAllBytes(), Files.readAllBytes(compiled))) {
            return e.getName() + " differs from the packaged app";
          }
        }
      }
    }
    try (Stream<Path> files = Files.walk(classes)) {
      return files.map(f -> classes.relativize(f).toString())
          .filter(n -> n.startsWith("io/aeroshift/") && n.endsWith(".class") && counts(n) && !packaged.contains(n))
          .findFirst().map(n -> n + " is compiled but not packaged").orElse(null);
    }
  }

  /** Classes and resources (application.properties, db/migration, ...) of the service; not the campaign's own. */
  private static boolean counts(String entry) {
    return !entry.endsWith("/") && !entry.startsWith("META-INF/maven/") && !entry.equals("META-INF/MANIFEST.MF")
        && !entry.startsWith("io/aeroshift/chaos/");
  }

  private static long lostWritesFound(String json) {
    return counter(json, "lostWritesFound");
  }

  private static long counter(String json, String name) {
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

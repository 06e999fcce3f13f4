package io.aeroshift.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Fixed-seed fault campaigns that kill the packaged Quarkus service process with kill -9 (one mid
 * copy run, one during a migration's cutover) and start it again on the same data. An integration
 * test (maven-failsafe-plugin): {@code mvn -B verify} runs it after the package phase, so it always
 * starts the app built from this checkout; {@code mvn -B -DskipTests package} then
 * {@code mvn -B -o failsafe:integration-test -Dit.test=ChaosServiceKillIT} runs it alone.
 */
class ChaosServiceKillIT {

  /** Seed 111: the Quarkus service process killed mid-copy (see the test). */
  private static final long QUARKUS_SEED = 111;
  /** Seed 172: a migration through the workflow, the service killed in CUTTING_OVER (see the test). */
  private static final long WORKFLOW_SEED = 172;

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
    ChaosCampaignTest.Campaign run = ChaosCampaignTest.runClean(QUARKUS_SEED);
    String text = run.output();
    String last = run.lastLine();
    assertThat(ChaosCampaignTest.counter(last, "serviceKills")).as(text).isPositive();
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
    ChaosCampaignTest.Campaign run = ChaosCampaignTest.runClean(WORKFLOW_SEED);
    String text = run.output();
    String last = run.lastLine();
    assertThat(ChaosCampaignTest.counter(last, "serviceKills")).as(text).isEqualTo(1);
    assertThat(text).containsPattern("kill -9 the Quarkus service in (CUTTING_OVER|DRAINING) \\(planned: CUTTING_OVER\\)")
        .containsPattern("COMPLETED \\(killed in (CUTTING_OVER|DRAINING)\\); 1 AerospikeCluster");
  }

  /**
   * The runs start the packaged app ({@code target/quarkus-app}), which {@code mvn verify} builds
   * before this integration test; one built from other classes than these would test other code.
   */
  private static void requireCurrentPackagedApp() throws IOException {
    String why = QuarkusService.packaged() ? stalePackagedClass() : QuarkusService.APP.resolve("quarkus-run.jar") + " not found";
    assertThat(why).as("%s: run it with mvn -B verify (or package first: mvn -B -DskipTests package)", why).isNull();
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
}

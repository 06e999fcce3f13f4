package io.aeroshift;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.aeroshift.discovery.AerospikeClients;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Layering rules of ARCHITECTURE.md, enforced on the production classes. Plain Jupiter tests
 * calling {@code rule.check}: the ArchUnit test engine reported no tests under surefire here.
 */
class ArchitectureTest {
  static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.aeroshift");
    // the stand-ins (emulator, demo, bench) are among them in the embedded default build only
    assertThat(production.stream().map(c -> c.getPackageName())).contains("io.aeroshift.discovery", "io.aeroshift.api");
  }

  @Test
  void nothingOutsideEmulatorDemoAndBenchUsesTheEmulator() {
    onlyDemoBenchAndEmulatorUseTheEmulator.check(production);
  }

  @Test
  void planningImportsNoIo() {
    planningIsPure.check(production);
  }

  @Test
  void packagesHaveNoCycles() {
    noCyclesBetweenPackagesOf("io.aeroshift").check(production);
  }

  /** The cycle rule is not vacuous: two fixture packages that use each other fail it. */
  @Test
  void theCycleRuleFailsOnACycle() {
    JavaClasses fixture = new ClassFileImporter().importPackages("io.aeroshift.archfixture");
    assertThatThrownBy(() -> noCyclesBetweenPackagesOf("io.aeroshift.archfixture").check(fixture))
        .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected");
  }

  @Test
  void apiUsesNoClientFilesOrExecutors() {
    apiIsThin("io.aeroshift.api").check(production);
  }

  /** The api rule is not vacuous: a fixture resource with an executor and a file fails it. */
  @Test
  void theApiRuleFailsOnAResourceDoingServiceWork() {
    JavaClasses fixture = new ClassFileImporter().importPackages("io.aeroshift.archfixture.api");
    assertThatThrownBy(() -> apiIsThin("io.aeroshift.archfixture.api").check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("java.util.concurrent.ExecutorService").hasMessageContaining("java.nio.file.Path")
        .hasMessageContaining("com.aerospike.client");
  }

  @Test
  void onlyAerospikeClientsConstructsClients() {
    oneClientFactory.check(production);
  }

  @Test
  void settingsComeThroughConfigMappings() {
    noConfigPropertyFields.check(production);
  }

  static ArchRule noCyclesBetweenPackagesOf(String root) {
    return slices().matching(root + ".(*)..").should().beFreeOfCycles()
        .because("packages form layers (docs/architecture.md, 'Packages and their allowed dependencies'): a cycle "
            + "means neither package can be understood, tested or replaced without the other. To fix, move the "
            + "class to the package that uses it (cli owns the one-off commands), or invert the call with a record "
            + "or a CDI event owned by the lower package (inventory.ClusterRemoved, observed by discovery).");
  }

  static ArchRule apiIsThin(String apiPackage) {
    return noClasses().that().resideInAPackage(apiPackage + "..")
        .should().dependOnClassesThat().resideInAnyPackage("com.aerospike..", "java.nio.file..")
        .orShould().dependOnClassesThat().haveNameMatching("java\\.util\\.concurrent\\.(Executor.*|ExecutorService|ScheduledExecutorService)")
        .because("resources translate HTTP to one service call and back (issue 12): no threads, files or cluster "
            + "connections in io.aeroshift.api, so a request cannot hold a worker for a long operation and every "
            + "long operation is a job of the job runner. To fix, move the work into the owning package's service "
            + "and call it from the resource.");
  }

  static final ArchRule oneClientFactory = noClasses()
      .that().doNotHaveFullyQualifiedName(AerospikeClients.class.getName())
      // stand-ins for other people's systems (the XDR proxy, a team's application) connect as those do
      .and().resideOutsideOfPackages("io.aeroshift.emulator..", "io.aeroshift.demo..")
      .should().callConstructorWhere(DescribedPredicate.describe("the AerospikeClient constructor",
          (JavaConstructorCall call) -> call.getTargetOwner().isEquivalentTo(AerospikeClient.class)))
      .because("one place builds Aerospike clients and their policies from a cluster reference, so timeouts, "
          + "TLS, credentials and connection pools are decided once. To fix, call "
          + "io.aeroshift.discovery.AerospikeClients.connect(spec, commandsInFlight).");

  static final ArchRule noConfigPropertyFields = noFields()
      .should().beAnnotatedWith(ConfigProperty.class)
      .because("settings are read through @ConfigMapping interfaces (one per area, listed in docs/architecture.md "
          + "'Settings'), typed, with their defaults in one place and testable without CDI. To fix, add the "
          + "property to the area's mapping interface, keeping its name.");

  static final ArchRule onlyDemoBenchAndEmulatorUseTheEmulator = noClasses()
      .that().resideOutsideOfPackages("io.aeroshift.emulator..", "io.aeroshift.demo..", "io.aeroshift.bench..",
          "io.aeroshift.chaos..")
      .should().dependOnClassesThat().resideInAPackage("io.aeroshift.emulator..")
      .because("the emulator stands in for Aerospike only in tests, the demo, benchmarks and the fault campaign (bin/chaos, a stand-in too): production code talks "
          + "to clusters through the official client (com.aerospike.client) with seeds from the inventory. To fix, "
          + "take host:port seeds instead of an EmulatedCluster, or move the code into io.aeroshift.demo / a test.");

  static final ArchRule planningIsPure = noClasses()
      .that().resideInAPackage("io.aeroshift.planning..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "com.aerospike..", "io.fabric8.kubernetes.client..", "jakarta.ws.rs..", "jakarta.persistence..", "java.sql..")
      .because("planning is pure (snapshot + request -> plan) and unit-tested without I/O. To fix, pass the data in as "
          + "records (io.aeroshift.discovery.ClusterSnapshot, plan records) and do the Aerospike, Kubernetes, HTTP or "
          + "database work in the calling adapter (discovery, provisioning, api, workflow).")
      // the planning package may not be merged yet; the rule applies as soon as it is
      .allowEmptyShould(true);
}

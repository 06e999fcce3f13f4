package io.aeroshift;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
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

  static final ArchRule onlyDemoBenchAndEmulatorUseTheEmulator = noClasses()
      .that().resideOutsideOfPackages("io.aeroshift.emulator..", "io.aeroshift.demo..", "io.aeroshift.bench..")
      .should().dependOnClassesThat().resideInAPackage("io.aeroshift.emulator..")
      .because("the emulator stands in for Aerospike only in tests, the demo and benchmarks: production code talks "
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

package io.aeroshift;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Layering rules of ARCHITECTURE.md, enforced on the production classes. */
@AnalyzeClasses(packages = "io.aeroshift", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule onlyDemoBenchAndEmulatorUseTheEmulator = noClasses()
      .that().resideOutsideOfPackages("io.aeroshift.emulator..", "io.aeroshift.demo..", "io.aeroshift.bench..")
      .should().dependOnClassesThat().resideInAPackage("io.aeroshift.emulator..")
      .because("the emulator stands in for Aerospike only in tests, the demo and benchmarks: production code talks "
          + "to clusters through the official client (com.aerospike.client) with seeds from the inventory. To fix, "
          + "take host:port seeds instead of an EmulatedCluster, or move the code into io.aeroshift.demo / a test.");

  @ArchTest
  static final ArchRule planningIsPure = noClasses()
      .that().resideInAPackage("io.aeroshift.planning..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "com.aerospike..", "io.fabric8.kubernetes.client..", "jakarta.ws.rs..", "jakarta.persistence..", "java.sql..")
      .because("planning is pure (snapshot + request -> plan) and unit-tested without I/O. To fix, pass the data in as "
          + "records (io.aeroshift.discovery.ClusterSnapshot, plan records) and do the Aerospike, Kubernetes, HTTP or "
          + "database work in the calling adapter (discovery, provisioning, api, workflow).");
}

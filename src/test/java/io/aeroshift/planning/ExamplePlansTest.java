package io.aeroshift.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every plan in migration-plans/ loads; the demo teams' plans are there. */
class ExamplePlansTest {

  /**
   * Suites come from validators/ once that folder exists in the tree (the validation work owns it);
   * it is there (validators/default.yaml, quick.yaml, ...).
   */
  static SuiteCatalog suites() {
    SuiteCatalog fromDisk = PlanDirectory.suites(Path.of("validators"));
    return fromDisk;
  }

  @Test
  void everyExamplePlanLoads() throws Exception {
    List<MigrationPlan> plans = PlanDirectory.loadAll(Path.of("migration-plans"), suites());
    try (var files = Files.list(Path.of("migration-plans"))) {
      assertThat(plans).hasSize((int) files.filter(f -> f.toString().endsWith(".yaml")).count());
    }
    assertThat(plans).hasSizeGreaterThanOrEqualTo(3);
    assertThat(plans).extracting(MigrationPlan::team).contains("payments", "catalog");
    assertThat(plans).extracting(p -> p.source().cluster()).contains("payments-ce", "catalog-ce");
    MigrationPlan payments = plans.stream().filter(p -> p.name().equals("payments-ce-to-ee")).findFirst().orElseThrow();
    assertThat(payments.copy().mode()).isEqualTo(CopyMode.SCAN_COPY);
    assertThat(payments.cutover().configMap().restart()).containsExactly("deployment/payments-api",
        "deployment/payments-ledger");
    assertThat(payments.licence().sideBySideAcknowledged()).isTrue();
    assertThat(TargetImage.parse(payments.target().image()).image().schemaVersion()).isEqualTo("8.1.1");
  }
}

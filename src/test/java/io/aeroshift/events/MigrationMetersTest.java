package io.aeroshift.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.testsupport.PrometheusText;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The per-migration and per-wave gauges on {@code /q/metrics}, with the figures of the stored
 * migrations the source answers, and a migration's series following its phase.
 */
@QuarkusTest
@TestProfile(MigrationMetersTest.Profile.class)
class MigrationMetersTest {

  /** Stands in for the workflow's store until the workflow provides its {@link MigrationStatusSource}. */
  @Alternative
  @Priority(1)
  @ApplicationScoped
  public static class StoredMigrations implements MigrationStatusSource {
    final List<MigrationStatus> stored = new CopyOnWriteArrayList<>();

    @Override
    public List<MigrationStatus> migrations() {
      return List.copyOf(stored);
    }
  }

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(StoredMigrations.class);
    }
  }

  private static final Map<String, String> PAY = Map.of("migration", "mig-pay", "team", "payments", "wave", "wave-a");
  private static final Map<String, String> CAT = Map.of("migration", "mig-cat", "team", "catalog", "wave", "wave-a");
  private static final Map<String, String> WAVE = Map.of("wave", "wave-a");

  @Inject StoredMigrations store;
  @Inject MigrationMeters meters;

  @Test
  void gaugesShowTheStoredFiguresTaggedByMigrationTeamAndWave() {
    store.stored.add(new MigrationStatus("mig-pay", "payments", "wave-a", "COPYING", 0.25, 1500L, 300.0, 15.0, 4.5, null));
    store.stored.add(new MigrationStatus("mig-cat", "catalog", "wave-a", "VALIDATING", 1.0, 6000L, 0.0, null, 1.0, "FAILED"));
    meters.refresh();

    String text = scrape();
    assertThat(PrometheusText.value(text, "aeroshift_migration_phase", with(PAY, "phase", "COPYING"))).isEqualTo(1.0);
    assertThat(PrometheusText.value(text, "aeroshift_migration_records_copied", PAY)).isEqualTo(1500.0);
    assertThat(PrometheusText.value(text, "aeroshift_migration_records_per_second", PAY)).isEqualTo(300.0);
    assertThat(PrometheusText.value(text, "aeroshift_migration_eta_seconds", PAY)).isEqualTo(15.0);
    assertThat(PrometheusText.value(text, "aeroshift_migration_lag_seconds", PAY)).isEqualTo(4.5);
    assertThat(PrometheusText.value(text, "aeroshift_migration_fraction_done", PAY)).isEqualTo(0.25);
    assertThat(PrometheusText.value(text, "aeroshift_migration_validation_state", with(PAY, "outcome", "NONE"))).isEqualTo(1.0);
    assertThat(PrometheusText.value(text, "aeroshift_migration_validation_state", with(CAT, "outcome", "FAILED"))).isEqualTo(1.0);
    assertThat(PrometheusText.value(text, "aeroshift_migration_eta_seconds", CAT)).isNaN();
    assertThat(PrometheusText.value(text, "aeroshift_wave_records_copied", WAVE)).isEqualTo(7500.0);
    assertThat(PrometheusText.value(text, "aeroshift_wave_records_per_second", WAVE)).isEqualTo(300.0);
    assertThat(PrometheusText.value(text, "aeroshift_wave_migrations", with(WAVE, "phase", "VALIDATING"))).isEqualTo(1.0);
    assertThat(PrometheusText.value(text, "aeroshift_wave_validations_failed", WAVE)).isEqualTo(1.0);
    assertThat(PrometheusText.value(text, "aeroshift_wave_eta_seconds", WAVE)).isEqualTo(15.0);
    assertThat(PrometheusText.value(text, "aeroshift_wave_lag_seconds", WAVE)).isEqualTo(4.5);

    // the stored migration moves on: its old phase series goes, the new one comes
    store.stored.set(0, new MigrationStatus("mig-pay", "payments", "wave-a", "CATCHING_UP", 1.0, 6000L, 0.0, 0.0, 0.5, null));
    meters.refresh();
    String after = scrape();
    assertThat(PrometheusText.value(after, "aeroshift_migration_phase", with(PAY, "phase", "CATCHING_UP"))).isEqualTo(1.0);
    assertThat(PrometheusText.value(after, "aeroshift_migration_phase", with(PAY, "phase", "COPYING"))).isNull();
    assertThat(PrometheusText.value(after, "aeroshift_wave_migrations", with(WAVE, "phase", "COPYING"))).isNull();
    assertThat(PrometheusText.value(after, "aeroshift_migration_records_copied", PAY)).isEqualTo(6000.0);
    assertThat(PrometheusText.value(after, "aeroshift_wave_records_copied", WAVE)).isEqualTo(12000.0);
  }

  private static Map<String, String> with(Map<String, String> tags, String k, String v) {
    Map<String, String> m = new HashMap<>(tags);
    m.put(k, v);
    return m;
  }

  private static String scrape() {
    return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
  }
}

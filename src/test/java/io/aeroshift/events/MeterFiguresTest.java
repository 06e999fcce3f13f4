package io.aeroshift.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeterFiguresTest {

  @Test
  void migrationFiguresCarryTheirTagsAndWaveFiguresAddUp() {
    List<MeterFigures.Figure> figures = MeterFigures.of(List.of(
        new MigrationStatus("m1", "payments", "w1", "COPYING", 0.5, 1000L, 200.0, 5.0, null, null),
        new MigrationStatus("m2", "catalog", "w1", "VALIDATING", 1.0, 3000L, 0.0, null, 2.0, "FAILED"),
        new MigrationStatus("m3", "catalog", null, "PLANNED", null, null, null, null, null, null)));

    Map<String, String> m1 = Map.of("migration", "m1", "team", "payments", "wave", "w1");
    assertThat(value(figures, "aeroshift_migration_records_copied", m1)).isEqualTo(1000);
    assertThat(value(figures, "aeroshift_migration_phase", with(m1, "phase", "COPYING"))).isEqualTo(1);
    assertThat(value(figures, "aeroshift_migration_validation_state", with(m1, "outcome", "NONE"))).isEqualTo(1);
    assertThat(value(figures, "aeroshift_migration_lag_seconds", m1)).isNaN();

    Map<String, String> w1 = Map.of("wave", "w1");
    assertThat(value(figures, "aeroshift_wave_records_copied", w1)).isEqualTo(4000);
    assertThat(value(figures, "aeroshift_wave_records_per_second", w1)).isEqualTo(200);
    assertThat(value(figures, "aeroshift_wave_eta_seconds", w1)).isEqualTo(5);
    assertThat(value(figures, "aeroshift_wave_lag_seconds", w1)).isEqualTo(2);
    assertThat(value(figures, "aeroshift_wave_fraction_done", w1)).isEqualTo(0.75);
    assertThat(value(figures, "aeroshift_wave_validations_failed", w1)).isEqualTo(1);
    assertThat(value(figures, "aeroshift_wave_migrations", with(w1, "phase", "VALIDATING"))).isEqualTo(1);
    assertThat(value(figures, "aeroshift_migration_phase",
        Map.of("migration", "m3", "team", "catalog", "wave", "none", "phase", "PLANNED"))).isEqualTo(1);
    assertThat(value(figures, "aeroshift_wave_migrations", Map.of("wave", "none", "phase", "PLANNED"))).isEqualTo(1);
  }

  private static double value(List<MeterFigures.Figure> figures, String name, Map<String, String> tags) {
    return figures.stream().filter(f -> f.name().equals(name) && f.tags().equals(tags)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " " + tags)).value();
  }

  private static Map<String, String> with(Map<String, String> tags, String k, String v) {
    java.util.HashMap<String, String> m = new java.util.HashMap<>(tags);
    m.put(k, v);
    return m;
  }
}

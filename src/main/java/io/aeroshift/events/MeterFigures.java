package io.aeroshift.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gauge values of migrations and waves (pure). Names are stable (dashboards query them);
 * migration series are tagged {@code migration}, {@code team}, {@code wave}; wave series
 * {@code wave}. A migration outside any wave counts in wave {@value #NO_WAVE}. An unknown figure is
 * NaN. Phase and validation state are one series each with the value in a tag and value 1.
 */
public final class MeterFigures {

  public static final String NO_WAVE = "none";
  public static final String NO_VALIDATION = "NONE";

  /** One gauge value. */
  public record Figure(String name, Map<String, String> tags, double value) {}

  private MeterFigures() {}

  public static List<Figure> of(List<MigrationStatus> migrations) {
    List<Figure> out = new ArrayList<>();
    Map<String, List<MigrationStatus>> waves = new TreeMap<>();
    for (MigrationStatus m : migrations) {
      String wave = m.wave() == null ? NO_WAVE : m.wave();
      waves.computeIfAbsent(wave, w -> new ArrayList<>()).add(m);
      Map<String, String> tags = tags("migration", m.id(), "team", m.team() == null ? "" : m.team(), "wave", wave);
      out.add(new Figure("aeroshift_migration_phase", with(tags, "phase", m.phase()), 1));
      out.add(new Figure("aeroshift_migration_fraction_done", tags, num(m.fractionDone())));
      out.add(new Figure("aeroshift_migration_records_copied", tags, m.recordsCopied() == null ? Double.NaN : m.recordsCopied()));
      out.add(new Figure("aeroshift_migration_records_per_second", tags, num(m.recordsPerSecond())));
      out.add(new Figure("aeroshift_migration_eta_seconds", tags, num(m.etaSeconds())));
      out.add(new Figure("aeroshift_migration_lag_seconds", tags, num(m.lagSeconds())));
      out.add(new Figure("aeroshift_migration_validation_state",
          with(tags, "outcome", m.validationOutcome() == null ? NO_VALIDATION : m.validationOutcome()), 1));
    }
    for (Map.Entry<String, List<MigrationStatus>> w : waves.entrySet()) {
      Map<String, String> tags = tags("wave", w.getKey());
      List<MigrationStatus> ms = w.getValue();
      Map<String, Integer> byPhase = new TreeMap<>();
      double copied = 0;
      double rate = 0;
      double eta = Double.NaN;
      double lag = Double.NaN;
      double fraction = 0;
      int failed = 0;
      for (MigrationStatus m : ms) {
        byPhase.merge(m.phase(), 1, Integer::sum);
        copied += m.recordsCopied() == null ? 0 : m.recordsCopied();
        rate += m.recordsPerSecond() == null ? 0 : m.recordsPerSecond();
        eta = maxKnown(eta, m.etaSeconds());
        lag = maxKnown(lag, m.lagSeconds());
        fraction += m.fractionDone() == null ? 0 : m.fractionDone();
        failed += "FAILED".equals(m.validationOutcome()) ? 1 : 0;
      }
      for (Map.Entry<String, Integer> p : byPhase.entrySet()) {
        out.add(new Figure("aeroshift_wave_migrations", with(tags, "phase", p.getKey()), p.getValue()));
      }
      out.add(new Figure("aeroshift_wave_fraction_done", tags, fraction / ms.size()));
      out.add(new Figure("aeroshift_wave_records_copied", tags, copied));
      out.add(new Figure("aeroshift_wave_records_per_second", tags, rate));
      out.add(new Figure("aeroshift_wave_eta_seconds", tags, eta));
      out.add(new Figure("aeroshift_wave_lag_seconds", tags, lag));
      out.add(new Figure("aeroshift_wave_validations_failed", tags, failed));
    }
    return out;
  }

  private static double num(Double d) {
    return d == null ? Double.NaN : d;
  }

  /** The larger of the known values: the wave is done when its slowest migration is. */
  private static double maxKnown(double acc, Double v) {
    if (v == null) {
      return acc;
    }
    return Double.isNaN(acc) ? v : Math.max(acc, v);
  }

  private static Map<String, String> tags(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return Map.copyOf(m);
  }

  private static Map<String, String> with(Map<String, String> tags, String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(tags);
    m.put(key, value);
    return Map.copyOf(m);
  }
}

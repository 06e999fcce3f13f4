package io.aeroshift.demo;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The settings of a Quarkus test with the embedded demo on. */
final class DemoTestSettings {
  private DemoTestSettings() {}

  /**
   * The demo on in {@code dir} with 2% of its records and slow applications, its own state store,
   * and the service's reconciler running (the test profile turns both off).
   */
  static Map<String, String> demo(String dir, String jdbcUrl) {
    Map<String, String> m = new HashMap<>();
    m.put("aeroshift.demo.enabled", "true");
    m.put("aeroshift.demo.dir", Path.of(dir).toAbsolutePath().toString());
    m.put("aeroshift.demo.records-scale", "0.02");
    m.put("aeroshift.demo.application-writes-per-second", "10");
    m.put("aeroshift.workflow.reconciler.enabled", "true");
    m.put("aeroshift.workflow.reconciler.await-installed-kubernetes", "true");
    m.put("aeroshift.workflow.tick", "0.5s");
    m.put("quarkus.datasource.jdbc.url", jdbcUrl);
    return m;
  }
}

package io.aeroshift.planning;

import java.util.List;
import java.util.Map;

/**
 * The target {@code aerospikeConfig} and the report of how it came from the source.
 *
 * @param aerospikeConfig the map for {@code spec.aerospikeConfig} (service, security, network, namespaces, logging)
 * @param entries every translation, carried setting and dropped setting
 * @param warnings what a reviewer must see
 */
public record TranslatedConfig(Map<String, Object> aerospikeConfig, List<TranslationEntry> entries,
    List<PlanWarning> warnings) {
  public TranslatedConfig {
    entries = List.copyOf(entries);
    warnings = List.copyOf(warnings);
  }
}

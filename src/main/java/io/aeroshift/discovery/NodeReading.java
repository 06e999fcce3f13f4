package io.aeroshift.discovery;

import java.util.Map;

/**
 * What one reachable node answered: the raw info values by command, exactly as returned.
 *
 * @param address {@code host:port} the node was read at
 * @param responses first round: node-level and per-namespace commands ({@link InfoCommands})
 * @param laterSample second round, {@code sampleSeconds} later: {@code namespace/<ns>} values whose
 *     {@code client_*_success} counters give the rates (empty when no second sample was taken)
 */
public record NodeReading(String address, Map<String, String> responses, Map<String, String> laterSample) {
  public NodeReading {
    responses = copy(responses);
    laterSample = copy(laterSample);
  }

  /** The client returns null for an empty value ({@code name\t\n}); kept as "" here. */
  private static Map<String, String> copy(Map<String, String> in) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (in != null) {
      in.forEach((k, v) -> out.put(k, v == null ? "" : v));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The raw value of a command, or null. */
  public String get(String command) {
    return responses.get(command);
  }
}

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
    responses = Map.copyOf(responses);
    laterSample = laterSample == null ? Map.of() : Map.copyOf(laterSample);
  }

  /** The raw value of a command, or null. */
  public String get(String command) {
    return responses.get(command);
  }
}

package io.aeroshift.planning;

import java.util.Map;

/**
 * Source settings outside the namespaces, flat as {@code get-config:context=service} and
 * {@code get-config:context=network} print them. Discovery keeps them on the snapshot (secrets
 * removed); {@link #NONE} stands for a snapshot taken before they were read, and translation reports
 * only what it was given.
 *
 * @param service service-context settings, e.g. {@code cluster-name}, {@code node-id}, {@code proto-fd-max}
 * @param network network-context settings, e.g. {@code service.port}, {@code heartbeat.mode}
 */
public record SourceConfig(Map<String, String> service, Map<String, String> network) {
  public static final SourceConfig NONE = new SourceConfig(Map.of(), Map.of());

  public SourceConfig {
    service = Map.copyOf(service);
    network = Map.copyOf(network);
  }
}

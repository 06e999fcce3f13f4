package io.aeroshift.inventory;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One registered source cluster: what the inventory file or the REST API says about it. Holds no
 * secret: {@link #credentials()} only says where the password is.
 *
 * @param name unique inventory name ({@code [a-z0-9][a-z0-9-]*}, at most 63 characters)
 * @param team owning team; its owner ({@code owner-<team>}) may act on this cluster
 * @param seeds {@code host:port} seed addresses
 * @param tls TLS settings, or null for clear-text connections
 * @param credentials credentials reference, or null when the cluster has security off
 * @param labels free-form labels
 */
public record ClusterEntry(
    String name,
    String team,
    List<String> seeds,
    TlsSettings tls,
    CredentialsRef credentials,
    Map<String, String> labels) {

  public ClusterEntry {
    seeds = seeds == null ? List.of() : List.copyOf(seeds);
    labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  /** The same entry under another name. */
  public ClusterEntry withName(String newName) {
    return new ClusterEntry(newName, team, seeds, tls, credentials, labels);
  }
}

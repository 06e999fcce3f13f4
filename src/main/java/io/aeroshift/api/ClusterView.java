package io.aeroshift.api;

import io.aeroshift.inventory.CredentialsRef;
import io.aeroshift.inventory.RegisteredCluster;
import io.aeroshift.inventory.TlsSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A registered cluster as the API shows it. {@code credentials} is the reference (user and where
 * the password is), never a password.
 */
public record ClusterView(
    String name,
    String team,
    List<String> seeds,
    TlsSettings tls,
    CredentialsRef credentials,
    Map<String, String> labels,
    String origin,
    Instant createdAt,
    Instant updatedAt) {

  public static ClusterView of(RegisteredCluster c) {
    return new ClusterView(c.name(), c.team(), c.entry().seeds(), c.entry().tls(), c.entry().credentials(),
        c.entry().labels(), c.origin().name(), c.createdAt(), c.updatedAt());
  }
}

package io.aeroshift.discovery;

import io.aeroshift.inventory.ClusterEntry;
import io.aeroshift.inventory.CredentialResolver;
import io.aeroshift.inventory.CredentialsUnavailableException;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.outcome.RequestRefused;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs discovery of a registered cluster and stores the result as its next snapshot. Partial
 * results (some node unreachable or unsupported) are stored, marked {@code partial}; a run that
 * reads nothing throws {@link DiscoveryException} and stores nothing.
 */
@ApplicationScoped
public class DiscoveryService {
  private static final Logger LOG = Logger.getLogger(DiscoveryService.class);

  @Inject Inventory inventory;
  @Inject SnapshotStore snapshots;
  @Inject CredentialResolver credentials;
  @Inject DiscoveryConfig config;
  @Inject MeterRegistry metrics;

  AerospikeClusterReader reader = new AerospikeClusterReader();

  /** Discovers {@code cluster} now. */
  public ClusterSnapshot discover(String cluster) {
    Object previous = MDC.get("cluster");
    MDC.put("cluster", cluster);
    try {
      ClusterEntry entry = inventory.get(cluster).entry();
      ConnectionSpec spec = connection(entry);
      LOG.infof("discovery started: seeds %s, user %s", entry.seeds(), spec.user() == null ? "(none)" : spec.user());
      ClusterReading reading;
      try {
        reading = reader.read(spec, config.rateSampleInterval());
      } catch (DiscoveryException e) {
        count(e.reason());
        LOG.warnf("discovery failed: %s: %s", e.reason(), e.getMessage());
        throw e;
      }
      ClusterSnapshot stored = snapshots.append(SnapshotAssembler.assemble(cluster, reading, Instant.now()));
      count(stored.partial() ? "PARTIAL" : "COMPLETE");
      if (stored.partial()) {
        LOG.warnf("discovery stored PARTIAL snapshot v%d: %s", stored.version(), stored.problems());
      } else {
        LOG.infof("discovery stored snapshot v%d: %d nodes, %d namespaces", stored.version(), stored.size(), stored.namespaces().size());
      }
      return stored;
    } finally {
      if (previous == null) {
        MDC.remove("cluster");
      } else {
        MDC.put("cluster", previous);
      }
    }
  }

  /** {@code aeroshift_discoveries_total{outcome=COMPLETE|PARTIAL|<failure reason>}} at /q/metrics. */
  private void count(String outcome) {
    metrics.counter("aeroshift.discoveries", "outcome", outcome).increment();
  }

  /**
   * How to connect to a registered cluster (seeds, user, resolved password, TLS, timeout), for
   * other parts of the service that read a registered cluster (validation). Throws
   * {@link DiscoveryException} with CREDENTIALS_UNAVAILABLE when the password cannot be read.
   */
  public ConnectionSpec connection(String cluster) {
    return connection(inventory.get(cluster).entry());
  }

  /** How to connect to unregistered seeds: no user, no TLS, the discovery timeout. */
  public ConnectionSpec connectionToSeeds(java.util.List<String> seeds) {
    return new ConnectionSpec(seeds, null, null, null, config.timeout());
  }

  private ConnectionSpec connection(ClusterEntry entry) {
    String user = null;
    String password = null;
    if (entry.credentials() != null) {
      user = entry.credentials().user();
      try {
        password = credentials.password(entry.name(), entry.credentials().passwordFrom());
      } catch (CredentialsUnavailableException | RequestRefused e) {
        // the resolver refuses only a reference outside the credential roots: for a stored entry
        // (registered before the roots were narrowed) discovery reports it as unavailable
        throw new DiscoveryException(DiscoveryException.Reason.CREDENTIALS_UNAVAILABLE, e.getMessage());
      }
    }
    return new ConnectionSpec(entry.seeds(), user, password, entry.tls(), config.timeout());
  }
}

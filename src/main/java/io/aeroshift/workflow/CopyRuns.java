package io.aeroshift.workflow;

import io.aeroshift.transfer.JdbcCheckpointStore;
import io.aeroshift.transfer.TransferSettings;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires the {@link CopyRunService} into the service: runs and checkpoints in the state store,
 * clusters reached as discovery reaches them (inventory entry: seeds, user, password reference,
 * TLS; or plain seeds), estimates from the latest discovery snapshot, meters in the application's
 * registry. Interrupted runs are resumed at startup; at shutdown running runs are left RUNNING.
 */
@ApplicationScoped
public class CopyRuns {

  @Inject AgroalDataSource dataSource;
  @Inject InventoryConnector connector;
  @Inject SnapshotEstimates estimates;
  @Inject MeterRegistry registry;

  /** Subtracted from the previous pass's start in a catch-up filter (clock skew between nodes). */
  @ConfigProperty(name = "aeroshift.copy.skew-margin", defaultValue = "PT30S")
  Duration skewMargin;

  /** Partition scans in flight per run (the engine's worker threads). */
  @ConfigProperty(name = "aeroshift.copy.max-scans", defaultValue = "16")
  int maxScans;

  /** Partition scans in flight per source node. */
  @ConfigProperty(name = "aeroshift.copy.scans-per-node", defaultValue = "4")
  int scansPerNode;

  /** Target writes in flight per run. */
  @ConfigProperty(name = "aeroshift.copy.write-concurrency", defaultValue = "16")
  int writeConcurrency;

  /** A pass whose source or target has no connected node for this long fails (X_UNREACHABLE). */
  @ConfigProperty(name = "aeroshift.copy.unreachable-deadline", defaultValue = "PT60S")
  Duration unreachableDeadline;

  private volatile CopyRunService service;

  /** The service (created on first use, or at startup to resume interrupted runs). */
  public synchronized CopyRunService service() {
    if (service == null) {
      TransferSettings settings = TransferSettings.defaults().withSkewMargin(skewMargin)
          .withConcurrency(scansPerNode, maxScans, writeConcurrency).withUnreachableDeadline(unreachableDeadline);
      service = new CopyRunService(new JdbcCopyRunStore(dataSource), new JdbcCheckpointStore(dataSource),
          connector, estimates, settings, registry, Clock.systemUTC(), Duration.ofMillis(250));
    }
    return service;
  }

  void onStart(@Observes StartupEvent event) {
    service().resumeInterrupted();
  }

  void onStop(@Observes ShutdownEvent event) {
    CopyRunService s = service;
    if (s != null) {
      s.close();
    }
  }
}

package io.aeroshift.workflow;

import io.aeroshift.transfer.CopyConfig;
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

  @Inject CopyConfig config;

  private volatile CopyRunService service;

  /** The service (created on first use, or at startup to resume interrupted runs). */
  public synchronized CopyRunService service() {
    if (service == null) {
      TransferSettings settings = TransferSettings.defaults().withSkewMargin(config.skewMargin())
          .withConcurrency(config.scansPerNode(), config.maxScans(), config.writeConcurrency());
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

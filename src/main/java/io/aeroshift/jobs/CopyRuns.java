package io.aeroshift.jobs;

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
 * registry. Runs nobody works on are resumed at startup and taken over while the service runs
 * (leases: {@link RunLeasing}); at shutdown running runs are left RUNNING, their leases given up.
 */
@ApplicationScoped
public class CopyRuns {

  @Inject AgroalDataSource dataSource;
  @Inject InventoryConnector connector;
  @Inject SnapshotEstimates estimates;
  @Inject MeterRegistry registry;

  @Inject CopyConfig config;

  /** A run that makes no progress for this long fails with reason STALLED (0 = never). */
  @Inject JobsConfig jobs;

  /** A pass whose source or target has no connected node for this long fails (X_UNREACHABLE). */
  private volatile CopyRunService service;

  /** The service (created on first use, or at startup to resume interrupted runs). */
  public synchronized CopyRunService service() {
    if (service == null) {
      service = newService(connector, Clock.systemUTC());
    }
    return service;
  }

  /**
   * Another service over the same runs, checkpoints and settings, reaching the clusters through
   * {@code through}: a migration reconciler's own runner (the caller closes it).
   */
  public CopyRunService newService(CopyRunService.Connector through, Clock clock) {
    TransferSettings settings = TransferSettings.defaults().withSkewMargin(config.skewMargin())
        .withConcurrency(config.scansPerNode(), config.maxScans(), config.writeConcurrency())
        .withUnreachableDeadline(config.unreachableDeadline());
    return new CopyRunService(new JdbcCopyRunStore(dataSource, LeaseTerms.newRunner(jobs.leaseTtl()), clock),
        new JdbcCheckpointStore(dataSource), through, estimates, settings, registry, clock, Duration.ofMillis(250),
        jobs.stallLimit());
  }

  /**
   * Resumes the runs nobody works on, and keeps looking for them. On a store only this process can
   * open (embedded H2), every lease found at start is a previous process's: its runs resume at once
   * instead of after their leases run out.
   */
  void onStart(@Observes StartupEvent event) {
    CopyRunService s = service();
    s.resumeInterrupted(RunLeases.onlyThisProcess(dataSource));
    s.takeOverEvery();
  }

  void onStop(@Observes ShutdownEvent event) {
    CopyRunService s = service;
    if (s != null) {
      s.close();
    }
  }
}

package io.aeroshift.workflow.migration;

import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.discovery.SnapshotStore;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.planning.SourceConfig;
import io.aeroshift.provisioning.PlanCompiler;
import io.aeroshift.provisioning.PlanPreview;
import io.aeroshift.jobs.CopyRuns;
import io.aeroshift.jobs.Jobs;
import io.aeroshift.jobs.ValidationRuns;
import io.aeroshift.transfer.JdbcCheckpointStore;
import io.aeroshift.transfer.TransferSettings;
import io.aeroshift.validation.ValidationResultStore;
import io.aeroshift.validation.ValidationSuite;
import io.aeroshift.validation.ValidationSuiteLoader;
import io.aeroshift.workflow.machine.PhaseMachine;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Wires the workflow into the service: builds a {@link MigrationReconciler} over the state store,
 * a job runner of its own ({@link Jobs#over}, behind {@link RunnerMigrationJobs}) and a Kubernetes
 * client ({@link Fabric8TargetClusters})
 * and runs a round every {@code aeroshift.workflow.tick}. The Kubernetes client is the
 * application's (kubeconfig or in-cluster) unless one is installed with {@link #useKubernetes}
 * (the embedded default's mock API server, tests). Off with
 * {@code aeroshift.workflow.reconciler.enabled=false} (the test profile: tests drive reconcilers
 * themselves).
 */
@ApplicationScoped
public class WorkflowRuntime {
  private static final Logger LOG = Logger.getLogger(WorkflowRuntime.class);

  @Inject MigrationStore store;
  @Inject PlanCatalog plans;
  @Inject SourceConnections sources;
  @Inject SnapshotStore snapshots;
  @Inject AgroalDataSource dataSource;
  @Inject CopyRuns copyRuns;
  @Inject ValidationRuns validationRuns;
  @Inject ValidationResultStore validations;
  @Inject Instance<KubernetesClient> applicationKubernetes;

  @Inject WorkflowConfig config;
  @Inject io.aeroshift.validation.ValidatorsConfig validators;
  @Inject io.aeroshift.transfer.CopyConfig copy;

  private volatile KubernetesClient kubernetes;
  private volatile MigrationReconciler reconciler;

  /**
   * Uses this Kubernetes API (the embedded default's mock server) instead of the application's
   * client; null goes back to the application's. The service's own reconciler is rebuilt on its
   * next round, so one built before the client was installed never keeps the old one.
   */
  public void useKubernetes(KubernetesClient client) {
    this.kubernetes = client;
    MigrationReconciler r = reconciler;
    reconciler = null;
    if (r != null) {
      r.close();
    }
  }

  /**
   * A new reconciler with a job runner of its own, as one service replica has (tests build
   * several): the job runner's copy and validation services over the shared run tables,
   * {@code run_lock} and checkpoints, reaching clusters through the migrations' connections.
   */
  public MigrationReconciler newReconciler(String owner, Duration ttl, Clock clock) {
    KubernetesClient k = kubernetes != null ? kubernetes : applicationKubernetes.get();
    Fabric8TargetClusters targets = new Fabric8TargetClusters(k, this::compile, clock);
    TransferSettings settings = TransferSettings.defaults().withSkewMargin(copy.skewMargin());
    WorkflowConnections connections = new WorkflowConnections(store, plans, sources, targets, this::suite,
        copy.maxScans() + copy.writeConcurrency(), new JdbcCheckpointStore(dataSource), settings, clock);
    Jobs runner = Jobs.over(copyRuns.newService(connections, clock), validationRuns.newService(connections, clock));
    CutoverSteps cutover = new CutoverSteps(sources::connection, targets::connection, sources::namespaces,
        new JdbcCheckpointStore(dataSource), validations, this::suite, settings, k, store::find, cutoverSettings(),
        clock);
    RunnerMigrationJobs jobs = new RunnerMigrationJobs(runner, cutover, sources::namespaces, validations, backupDir(),
        clock);
    return new MigrationReconciler(owner, store, jobs, targets, plans, new PhaseMachine(config.poll()),
        new MigrationReconciler.Settings(ttl, 16, limits()), clock);
  }

  /** Where BACKUP_RESTORE migrations keep their backup files: one directory per run below it. */
  Path backupDir() {
    return config.backupDir().map(Path::of)
        .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "aeroshift-workflow-backups"));
  }

  CutoverSteps.Settings cutoverSettings() {
    return new CutoverSteps.Settings(config.cutoverSwitchTimeout(), config.cutoverFinalDeltaPasses(),
        config.cutoverDrainMaxDuration(), config.cutoverDrainPause(), 5, config.cutoverWebhookAttemptTimeout());
  }

  public WorkflowPlans.Limits limits() {
    return new WorkflowPlans.Limits(config.maxCatchUpPasses(), config.provisioningTimeout());
  }

  public Duration poll() {
    return config.poll();
  }

  @Scheduled(every = "${aeroshift.workflow.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    if (!config.reconcilerEnabled() || (config.awaitInstalledKubernetes() && kubernetes == null)) {
      return;
    }
    try {
      MigrationReconciler r = reconciler;
      if (r == null) {
        r = newReconciler("aeroshift-" + UUID.randomUUID().toString().substring(0, 8), config.leaseTtl(), Clock.systemUTC());
        reconciler = r;
      }
      r.runOnce();
    } catch (RuntimeException e) {
      LOG.errorf(e, "workflow round failed; the next tick tries again");
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    MigrationReconciler r = reconciler;
    if (r != null) {
      r.close();
    }
  }

  @ActivateRequestContext
  PlanPreview compile(MigrationPlan plan) {
    ClusterSnapshot snapshot = snapshots.latest(plan.source().cluster()).orElseThrow(() -> new IllegalStateException(
        "source " + plan.source().cluster() + " was never discovered: no plan can be compiled"));
    return PlanCompiler.compile(plan, snapshot, new SourceConfig(snapshot.serviceConfig(), snapshot.networkConfig()));
  }

  ValidationSuite suite(String name) {
    return ValidationSuiteLoader.load(Path.of(validators.dir()), name);
  }
}

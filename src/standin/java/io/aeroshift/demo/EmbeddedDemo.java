package io.aeroshift.demo;

import io.aeroshift.api.DemoDescription;
import io.aeroshift.api.DemoView;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.inventory.ClusterEntry;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.inventory.Origin;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.planning.PlanDirectory;
import io.aeroshift.planning.PlanLoader;
import io.aeroshift.plans.PlanRepository;
import io.aeroshift.validation.ValidatorsConfig;
import io.aeroshift.workflow.migration.WorkflowRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The embedded default's demo: two emulated Community Edition source clusters with data for two
 * teams, registered in the inventory (origin DEMO) so a newcomer can discover and migrate them
 * right away; fabric8's mock Kubernetes API server with the simulated AKO operator as the
 * workflow's Kubernetes ({@link DemoKubernetes}); the demo wave of {@code demo-plans/} with each
 * plan's seeds ConfigMap, Deployments and a simulated application writing to its source
 * ({@link DemoWave}). On only when {@code aeroshift.demo.enabled=true} (the default profile; off in the
 * test and postgres profiles). The clusters are kept on disk under {@code aeroshift.demo.dir}
 * with the ports of their first start, so a restarted (or killed) service finds the same clusters
 * with the same records; {@code bin/aeroshift --reset-demo} starts afresh.
 */
@ApplicationScoped
public class EmbeddedDemo implements DemoDescription {
  private static final Logger LOG = Logger.getLogger(EmbeddedDemo.class);
  private static final long GIB = 1L << 30;

  /**
   * A demo source cluster: inventory name, owning team, the Aerospike namespace its simulated
   * application writes.
   */
  public record DemoCluster(String name, String team, String appNamespace, EmulatedCluster cluster) {}

  @Inject DemoConfig config;
  @Inject ValidatorsConfig validators;

  @Inject Inventory inventory;
  @Inject DiscoveryService discovery;
  @Inject PlanRepository plans;
  @Inject WorkflowRuntime workflow;

  private final List<DemoCluster> running = new ArrayList<>();
  private final List<EmulatedCluster> targets = new ArrayList<>();
  private final List<SimulatedApplication> applications = new ArrayList<>();
  private final List<SimulatedDeploymentController> controllers = new ArrayList<>();
  private final List<DemoWave.Member> members = new CopyOnWriteArrayList<>();
  private volatile DemoKubernetes kubernetes;

  void onStart(@Observes @Priority(200) StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    Kept payments = keep("payments-ce", EmulatedCluster.builder().nodes(3).edition(Edition.COMMUNITY).build("6.4.0.10")
        .clusterName("payments-ce")
        .namespace(NamespaceSpec.named("payments").replicationFactor(2).defaultTtl(0)
            .storageDevice(List.of("/dev/nvme0n1"), 64 * GIB))
        .namespace(NamespaceSpec.named("sessions").replicationFactor(2).defaultTtl(3600).storageMemory(4 * GIB)));
    if (payments.fresh()) {
      DemoData.load(payments.cluster(), List.of(
          new DemoData.SetFill("payments", "transactions", scaled(40_000), 0.0, 0),
          new DemoData.SetFill("payments", "accounts", scaled(10_000), 0.0, 0),
          new DemoData.SetFill("sessions", "web", scaled(15_000), 1.0, 86_400)));
    }
    register("payments-ce", "payments", "payments", payments.cluster());

    Kept catalog = keep("catalog-ce", EmulatedCluster.builder().nodes(2).edition(Edition.COMMUNITY).build("6.1.0.3")
        .clusterName("catalog-ce")
        .namespace(NamespaceSpec.named("catalog").replicationFactor(2).defaultTtl(0).storageMemory(8 * GIB)));
    if (catalog.fresh()) {
      DemoData.load(catalog.cluster(), List.of(
          new DemoData.SetFill("catalog", "products", scaled(25_000), 0.0, 0),
          new DemoData.SetFill("catalog", "prices", scaled(20_000), 0.25, 7 * 86_400)));
    }
    register("catalog-ce", "catalog", "catalog", catalog.cluster());
    discoverAll();
    startCopyTarget();
    startKubernetes();
  }

  private int scaled(int records) {
    return (int) Math.max(1, Math.round(records * config.recordsScale()));
  }

  /**
   * The mock Kubernetes API server with the simulated operator, installed as the workflow's
   * Kubernetes; then the demo wave's plans, and for each the ConfigMap its clients read their
   * seeds from (the source's, on a fresh start), its Deployments and a simulated application.
   */
  private void startKubernetes() {
    DemoKubernetes k = DemoKubernetes.start(Path.of(config.dir()).resolve("kubernetes"), config.kubernetesPort());
    workflow.useKubernetes(k.client);
    for (MigrationPlan plan : loadPlans()) {
      DemoCluster source = running.stream().filter(d -> d.name().equals(plan.source().cluster())).findFirst()
          .orElseThrow(() -> new IllegalStateException("demo plan " + plan.name() + " names " + plan.source().cluster()
              + ", not a demo source"));
      DemoWave.Member member = DemoWave.member(plan, source);
      members.add(member);
      DemoWave.ensureWorkloads(k.client, member, source.cluster().seeds());
      startApplication(k.client, member, source);
    }
    kubernetes = k; // from here on GET /api/v1/demo describes the whole demo
    LOG.infof("demo Kubernetes API at %s (AerospikeClusters, ConfigMaps, Deployments: curl %s/apis/asdb.aerospike.com/v1/aerospikeclusters)",
        k.url(), k.url());
    LOG.infof("demo wave %s ready to start (as engineer): %s", waves(), members.stream()
        .map(m -> m.plan() + " (team " + m.team() + ", approved by owner-" + m.team() + ")")
        .collect(Collectors.joining(", ")));
  }

  /**
   * The demo plans, stored as submitted plans (by {@code demo}) on the first start; a later start
   * finds them stored and leaves them as they are.
   */
  private List<MigrationPlan> loadPlans() {
    PlanLoader loader = new PlanLoader(PlanDirectory.suites(Path.of(validators.dir())));
    List<MigrationPlan> out = new ArrayList<>();
    for (Map.Entry<Path, String> file : DemoWave.planFiles(Path.of(config.plansDir())).entrySet()) {
      MigrationPlan plan = loader.load(file.getKey().toString(), file.getValue());
      if (plans.plan(plan.name()).isEmpty()) {
        plans.submit(file.getValue(), "demo");
      }
      out.add(plan);
    }
    if (out.isEmpty()) {
      LOG.warnf("no demo plans in %s: the demo has no wave (set aeroshift.demo.plans-dir)", config.plansDir());
    }
    return out;
  }

  private String waves() {
    return members.stream().map(DemoWave.Member::wave).distinct().collect(Collectors.joining(", "));
  }

  /**
   * One pod of the plan's first Deployment, writing and rewriting (not deleting: a Community source
   * keeps no trace of a delete, and a record created and deleted between the last catch-up pass and
   * the validation's read shows as extra on the target, failing the validation; see the report).
   */
  private void startApplication(KubernetesClient client, DemoWave.Member m, DemoCluster source) {
    if (config.applicationWritesPerSecond() <= 0 || m.deployments().isEmpty()) {
      return;
    }
    SimulatedDeploymentController controller = new SimulatedDeploymentController(client, m.kubernetesNamespace());
    String deployment = m.deployments().get(0);
    SimulatedApplication app = new SimulatedApplication(client, new SimulatedApplication.Settings(
        m.kubernetesNamespace(), m.configMap(), m.seedsKey(), deployment, source.appNamespace(), DemoWave.APP_SET,
        deployment, config.applicationWritesPerSecond(), false));
    controller.pod(deployment, app);
    controllers.add(controller.start(Duration.ofMillis(250)));
    applications.add(app.start());
    LOG.infof("demo application %s/%s writes %d records/s to %s.%s, seeds from ConfigMap %s/%s key %s",
        m.kubernetesNamespace(), deployment, config.applicationWritesPerSecond(), source.appNamespace(),
        DemoWave.APP_SET, m.kubernetesNamespace(), m.configMap(), m.seedsKey());
  }

  /** A demo cluster and whether it was just created (and so needs its data). */
  record Kept(EmulatedCluster cluster, boolean fresh) {}

  /**
   * Starts a demo cluster kept on disk under the demo directory: the first start picks free ports
   * and records them; later starts (after a restart or a kill of the service) take the same ports
   * and find the same records, so stored runs, snapshots and migrations still describe it.
   */
  Kept keep(String name, EmulatedCluster.Builder builder) {
    Path dir = Path.of(config.dir()).resolve(name);
    Path portsFile = dir.resolve("ports");
    boolean fresh = !Files.exists(portsFile);
    try {
      if (!fresh) {
        builder.nodePorts(Arrays.stream(Files.readString(portsFile).trim().split(","))
            .mapToInt(Integer::parseInt).toArray());
      }
      EmulatedCluster cluster = builder.keepOnDisk(dir).start();
      Files.writeString(portsFile, Arrays.stream(cluster.ports()).mapToObj(Integer::toString)
          .collect(Collectors.joining(",")));
      return new Kept(cluster, fresh);
    } catch (IOException e) {
      throw new UncheckedIOException("demo cluster " + name + " in " + dir, e);
    } catch (UncheckedIOException e) {
      throw new IllegalStateException("demo cluster " + name + " cannot take its ports again (" + e.getMessage()
          + "): is another Aeroshift running on " + config.dir() + "? Stop it, or start afresh with bin/aeroshift --reset-demo",
          e);
    }
  }

  /**
   * An empty Enterprise cluster serving the demo namespaces, registered as {@code demo-target}, so
   * a copy run can be started against it right away ({@code POST /api/v1/copies}, see README).
   * Not discovered: it is a target, not a source to migrate.
   */
  private void startCopyTarget() {
    EmulatedCluster target = keep("demo-target", EmulatedCluster.builder().nodes(2).edition(Edition.ENTERPRISE)
        .build("7.2.0.6")
        .clusterName("demo-target")
        .namespace(NamespaceSpec.named("payments").replicationFactor(2).defaultTtl(0).storageMemory(8 * GIB))
        .namespace(NamespaceSpec.named("sessions").replicationFactor(2).defaultTtl(3600).storageMemory(4 * GIB))
        .namespace(NamespaceSpec.named("catalog").replicationFactor(2).defaultTtl(0).storageMemory(8 * GIB)))
        .cluster();
    targets.add(target);
    ClusterEntry entry = new ClusterEntry("demo-target", "platform", target.seeds(), null, null,
        Map.of("demo", "true", "edition", "enterprise", "role", "copy-target", "build", target.build()));
    if (inventory.find(entry.name()).isPresent()) {
      inventory.replace(entry, Origin.DEMO);
    } else {
      inventory.create(entry, Origin.DEMO);
    }
    LOG.infof("demo copy target demo-target (empty, Enterprise) at %s", target.seeds());
  }

  /**
   * One discovery per demo source, so the dry run of every example plan works on a fresh start
   * (a preview needs a snapshot of its source). A failure is logged, never fatal: the engineer can
   * rerun discovery through the API.
   */
  private void discoverAll() {
    for (DemoCluster d : running) {
      try {
        discovery.discover(d.name());
      } catch (RuntimeException e) {
        LOG.warnf("demo discovery of %s failed: %s", d.name(), e.getMessage());
      }
    }
  }

  private void register(String name, String team, String appNamespace, EmulatedCluster cluster) {
    running.add(new DemoCluster(name, team, appNamespace, cluster));
    ClusterEntry entry = new ClusterEntry(name, team, cluster.seeds(), null, null,
        Map.of("demo", "true", "edition", "community", "build", cluster.build()));
    if (inventory.find(name).isPresent()) {
      inventory.replace(entry, Origin.DEMO);
    } else {
      inventory.create(entry, Origin.DEMO);
    }
    LOG.infof("demo source cluster %s (team %s) at %s", name, team, cluster.seeds());
  }

  /** The demo clusters started by this run (empty when the demo is off). */
  public List<DemoCluster> clusters() {
    return List.copyOf(running);
  }

  /** What outside tools need to follow the demo (empty when the demo is off). */
  @Override
  public Optional<DemoView> describe() {
    DemoKubernetes k = kubernetes;
    if (k == null) {
      return Optional.empty();
    }
    List<DemoView.Source> sources = new ArrayList<>();
    for (DemoCluster d : running) {
      List<String> nodeIds = new ArrayList<>();
      for (int i = 0; i < d.cluster().size(); i++) {
        nodeIds.add(d.cluster().nodeId(i));
      }
      sources.add(new DemoView.Source(d.name(), d.team(), d.cluster().seeds(), nodeIds));
    }
    List<DemoView.Migration> migrations = members.stream().map(m -> new DemoView.Migration(m.plan(), m.team(),
        m.source(), m.kubernetesNamespace(), m.targetCluster(),
        m.configMap() == null ? null : m.kubernetesNamespace() + "/" + m.configMap(), m.seedsKey(), m.deployments()))
        .toList();
    List<DemoView.User> users = new ArrayList<>(List.of(
        new DemoView.User("engineer", "engineer", "start, pause and resume the wave; cut over; every command"),
        new DemoView.User("viewer", "viewer", "read only")));
    running.stream().map(DemoCluster::team).distinct().forEach(team -> users.add(new DemoView.User("owner-" + team,
        "owner", "approve or reject the migrations of team " + team)));
    return Optional.of(new DemoView(k.url(), null, waves(), sources, migrations, List.copyOf(users)));
  }

  void onStop(@Observes ShutdownEvent event) {
    applications.forEach(SimulatedApplication::close);
    applications.clear();
    controllers.forEach(SimulatedDeploymentController::close);
    controllers.clear();
    DemoKubernetes k = kubernetes;
    kubernetes = null;
    if (k != null) {
      k.close();
    }
    workflow.useKubernetes(null);
    members.clear();
    for (DemoCluster d : running) {
      d.cluster().close();
    }
    running.clear();
    targets.forEach(EmulatedCluster::close);
    targets.clear();
  }
}

package io.aeroshift.demo;

import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.inventory.ClusterEntry;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.inventory.Origin;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The embedded default's demo: two emulated Community Edition source clusters with data for two
 * teams, registered in the inventory (origin DEMO) so a newcomer can discover and migrate them
 * right away. On only when {@code aeroshift.demo.enabled=true} (the default profile; off in the
 * test and postgres profiles). The clusters are kept on disk under {@code aeroshift.demo.dir}
 * with the ports of their first start, so a restarted (or killed) service finds the same clusters
 * with the same records; {@code bin/aeroshift --reset-demo} starts afresh.
 */
@ApplicationScoped
public class EmbeddedDemo {
  private static final Logger LOG = Logger.getLogger(EmbeddedDemo.class);
  private static final long GIB = 1L << 30;

  /** A demo source cluster: inventory name, owning team. */
  public record DemoCluster(String name, String team, EmulatedCluster cluster) {}

  @Inject DemoConfig config;

  @Inject Inventory inventory;
  @Inject DiscoveryService discovery;

  private final List<DemoCluster> running = new ArrayList<>();
  private final List<EmulatedCluster> targets = new ArrayList<>();

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
          new DemoData.SetFill("payments", "transactions", 40_000, 0.0, 0),
          new DemoData.SetFill("payments", "accounts", 10_000, 0.0, 0),
          new DemoData.SetFill("sessions", "web", 15_000, 1.0, 86_400)));
    }
    register("payments-ce", "payments", payments.cluster());

    Kept catalog = keep("catalog-ce", EmulatedCluster.builder().nodes(2).edition(Edition.COMMUNITY).build("6.1.0.3")
        .clusterName("catalog-ce")
        .namespace(NamespaceSpec.named("catalog").replicationFactor(2).defaultTtl(0).storageMemory(8 * GIB)));
    if (catalog.fresh()) {
      DemoData.load(catalog.cluster(), List.of(
          new DemoData.SetFill("catalog", "products", 25_000, 0.0, 0),
          new DemoData.SetFill("catalog", "prices", 20_000, 0.25, 7 * 86_400)));
    }
    register("catalog-ce", "catalog", catalog.cluster());
    discoverAll();
    startCopyTarget();
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

  private void register(String name, String team, EmulatedCluster cluster) {
    running.add(new DemoCluster(name, team, cluster));
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

  void onStop(@Observes ShutdownEvent event) {
    for (DemoCluster d : running) {
      d.cluster().close();
    }
    running.clear();
    targets.forEach(EmulatedCluster::close);
    targets.clear();
  }
}

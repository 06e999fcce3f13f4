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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The embedded default's demo: two emulated Community Edition source clusters with data for two
 * teams, registered in the inventory (origin DEMO) so a newcomer can discover and migrate them
 * right away. On only when {@code aeroshift.demo.enabled=true} (the default profile; off in the
 * test and postgres profiles). The emulated nodes listen on free loopback ports chosen at each
 * start, so the entries are re-registered with the new seeds every time.
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
    EmulatedCluster payments = EmulatedCluster.builder().nodes(3).edition(Edition.COMMUNITY).build("6.4.0.10")
        .clusterName("payments-ce")
        .namespace(NamespaceSpec.named("payments").replicationFactor(2).defaultTtl(0)
            .storageDevice(List.of("/dev/nvme0n1"), 64 * GIB))
        .namespace(NamespaceSpec.named("sessions").replicationFactor(2).defaultTtl(3600).storageMemory(4 * GIB))
        .start();
    payments.loadRecords("payments", "transactions", 6000, 300);
    payments.loadRecords("payments", "accounts", 1500, 500);
    payments.loadRecords("sessions", "web", 3000, 120);
    register("payments-ce", "payments", payments);

    EmulatedCluster catalog = EmulatedCluster.builder().nodes(2).edition(Edition.COMMUNITY).build("5.7.0.21")
        .clusterName("catalog-ce")
        .namespace(NamespaceSpec.named("catalog").replicationFactor(2).defaultTtl(0).storageMemory(8 * GIB))
        .start();
    catalog.loadRecords("catalog", "products", 4000, 800);
    catalog.loadRecords("catalog", "prices", 4000, 100);
    register("catalog-ce", "catalog", catalog);
    discoverAll();
    startCopyTarget();
  }

  /**
   * An empty Enterprise cluster serving the demo namespaces, registered as {@code demo-target}, so
   * a copy run can be started against it right away ({@code POST /api/v1/copies}, see README).
   * Not discovered: it is a target, not a source to migrate.
   */
  private void startCopyTarget() {
    EmulatedCluster target = EmulatedCluster.builder().nodes(2).edition(Edition.ENTERPRISE).build("7.2.0.6")
        .clusterName("demo-target")
        .namespace(NamespaceSpec.named("payments").replicationFactor(2).defaultTtl(0).storageMemory(8 * GIB))
        .namespace(NamespaceSpec.named("sessions").replicationFactor(2).defaultTtl(3600).storageMemory(4 * GIB))
        .namespace(NamespaceSpec.named("catalog").replicationFactor(2).defaultTtl(0).storageMemory(8 * GIB))
        .start();
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

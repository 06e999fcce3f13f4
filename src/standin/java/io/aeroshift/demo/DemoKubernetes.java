package io.aeroshift.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aeroshift.provisioning.crd.AerospikeCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The demo's Kubernetes: fabric8's mock API server on {@code 127.0.0.1} ({@link AkoMockServer}: the
 * AKO CRD and its admission) with the simulated AKO operator running the pods of every
 * AerospikeCluster, kept under {@code <dir>/pods}.
 *
 * <p>The mock API server keeps its objects in memory only, so this saves the ones the service and
 * the demo work with (AerospikeClusters with their status, ConfigMaps, Secrets, Deployments) to
 * {@code <dir>/objects.json} every second when they changed, and at stop; a new start loads them
 * back (on the port of the first start, recorded in {@code <dir>/port}) before the operator runs,
 * and the operator starts the kept pods again on their ports. So a restarted service finds the
 * AerospikeCluster it provisioned, Completed, with the same endpoints and records, and provisions
 * nothing twice. A kill loses at most the last second of changes: an object written in it (e.g. a
 * just-created AerospikeCluster) is created again by the workflow, which applies idempotently.
 */
final class DemoKubernetes implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DemoKubernetes.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration SAVE_EVERY = Duration.ofSeconds(1);

  final AkoMockServer server;
  final KubernetesClient client;
  final SimulatedAkoOperator operator;
  private final Path objectsFile;
  private final ScheduledExecutorService saver;
  private volatile String saved = "";

  private DemoKubernetes(AkoMockServer server, Path dir) {
    this.server = server;
    this.client = server.client;
    this.objectsFile = dir.resolve("objects.json");
    this.operator = new SimulatedAkoOperator(client).keepPodsOnDisk(dir.resolve("pods"));
    this.saver = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-kubernetes-saver");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts the API server (on the recorded port, else {@code firstPort}), loads the kept objects,
   * runs the operator once in the foreground (the kept pods listen before anyone reads their
   * endpoints), then in the background, and starts saving.
   */
  static DemoKubernetes start(Path dir, int firstPort) {
    try {
      Files.createDirectories(dir);
      Path portFile = dir.resolve("port");
      int port = Files.exists(portFile) ? Integer.parseInt(Files.readString(portFile).trim()) : firstPort;
      AkoMockServer server = new AkoMockServer(loopback(), port);
      Files.writeString(portFile, Integer.toString(server.server.getPort()));
      DemoKubernetes k = new DemoKubernetes(server, dir);
      k.load();
      k.operator.reconcileOnce();
      k.operator.start(Duration.ofMillis(200));
      k.saver.scheduleWithFixedDelay(k::saveQuietly, SAVE_EVERY.toMillis(), SAVE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
      return k;
    } catch (IOException e) {
      throw new UncheckedIOException("demo Kubernetes API in " + dir, e);
    }
  }

  /** The API server's base URL, for curl and any Kubernetes client. */
  String url() {
    return "http://127.0.0.1:" + server.server.getPort();
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByName("127.0.0.1");
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the kept objects when they changed since the last save (atomically: a kill leaves the old or the new file). */
  synchronized void save() throws IOException {
    ObjectNode all = JSON.createObjectNode();
    all.set("aerospikeClusters", JSON.valueToTree(
        client.resources(AerospikeCluster.class).inAnyNamespace().list().getItems()));
    all.set("configMaps", JSON.valueToTree(client.configMaps().inAnyNamespace().list().getItems()));
    all.set("secrets", JSON.valueToTree(client.secrets().inAnyNamespace().list().getItems()));
    all.set("deployments", JSON.valueToTree(client.apps().deployments().inAnyNamespace().list().getItems()));
    String text = all.toPrettyString();
    if (text.equals(saved)) {
      return;
    }
    Path tmp = objectsFile.resolveSibling(objectsFile.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, objectsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    saved = text;
  }

  private void saveQuietly() {
    try {
      save();
    } catch (IOException | RuntimeException e) {
      LOG.warnf("demo Kubernetes objects not saved (next try in %s): %s", SAVE_EVERY, e.getMessage());
    }
  }

  private void load() throws IOException {
    if (!Files.exists(objectsFile)) {
      return;
    }
    JsonNode all = JSON.readTree(objectsFile.toFile());
    int n = 0;
    n += recreate(all.path("secrets"), Secret.class);
    n += recreate(all.path("configMaps"), ConfigMap.class);
    n += recreate(all.path("deployments"), Deployment.class);
    for (AerospikeCluster c : items(all.path("aerospikeClusters"), AerospikeCluster.class)) {
      var status = c.getStatus();
      c.setStatus(null);
      AerospikeCluster created = client.resources(AerospikeCluster.class).inNamespace(c.getMetadata().getNamespace())
          .resource(c).create();
      if (status != null) {
        created.setStatus(status);
        client.resources(AerospikeCluster.class).inNamespace(c.getMetadata().getNamespace()).resource(created)
            .updateStatus();
      }
      n++;
    }
    LOG.infof("demo Kubernetes API: %d kept objects loaded from %s", n, objectsFile);
  }

  private <T extends HasMetadata> int recreate(JsonNode items, Class<T> type) {
    List<T> list = items(items, type);
    for (T item : list) {
      client.resource(item).inNamespace(item.getMetadata().getNamespace()).create();
    }
    return list.size();
  }

  /** Items as they were, minus what the API server assigns (a create with a resourceVersion is refused). */
  private static <T extends HasMetadata> List<T> items(JsonNode array, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (JsonNode node : array) {
      T item = JSON.convertValue(node, type);
      item.getMetadata().setResourceVersion(null);
      out.add(item);
    }
    return out;
  }

  @Override
  public void close() {
    saver.shutdownNow();
    saveQuietly();
    operator.close();
    server.close();
  }
}

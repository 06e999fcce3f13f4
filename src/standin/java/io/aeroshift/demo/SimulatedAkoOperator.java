package io.aeroshift.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.planning.TargetImage;
import io.aeroshift.provisioning.AkoAdmissionRules;
import io.aeroshift.provisioning.CrdSchemaValidator;
import io.aeroshift.provisioning.SchemaViolation;
import io.aeroshift.provisioning.ServerConfigValidator;
import io.aeroshift.provisioning.crd.AerospikeCluster;
import io.aeroshift.provisioning.crd.AerospikeClusterStatus;
import io.aeroshift.provisioning.crd.aerospikeclusterstatus.Pods;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Does to an AerospikeCluster what AKO 4.5 does, against a Kubernetes API without controllers
 * (fabric8's mock server): each reconcile first sets {@code phase=InProgress}, "runs" the pods (one
 * emulated Enterprise node per pod, so the cluster is reachable by the real client), then copies the
 * spec into the status mirror, writes one {@code status.pods} entry per pod and sets
 * {@code phase=Completed}. An invalid resource gets {@code phase=Error} and a Warning event with the
 * webhook's message. {@link #admit} is the admission check a test API server calls before storing.
 * Demo and test code only.
 *
 * <p>With {@link #keepPodsOnDisk} (the embedded demo) each cluster's pods keep their records, node
 * ids and ports under a directory, and a cluster whose status says its pods run but that this
 * process does not run yet (the service restarted; real pods would have kept running) is started
 * again there as it was, without touching the resource.
 */
public final class SimulatedAkoOperator implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final KubernetesClient client;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final Set<String> stuck = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService scheduler;
  private volatile Path podsDir;

  private record Running(EmulatedCluster cluster, int size, String image, String configJson) {}

  public SimulatedAkoOperator(KubernetesClient client) {
    this.client = client;
  }

  /**
   * What AKO's admission (API server structural schema, mutating and validating webhooks) says about
   * the resource: empty when admitted, else the message the API server returns.
   */
  public static Optional<String> admit(AerospikeCluster cluster) {
    List<SchemaViolation> crd = CrdSchemaValidator.validate(cluster);
    if (!crd.isEmpty()) {
      return Optional.of("AerospikeCluster.asdb.aerospike.com \"" + name(cluster) + "\" is invalid: " + crd.get(0).path()
          + ": " + crd.get(0).message());
    }
    List<SchemaViolation> rules = AkoAdmissionRules.check(cluster);
    if (!rules.isEmpty()) {
      return Optional.of(rules.get(0).message());
    }
    String version = TargetImage.parse(cluster.getSpec().getImage()).image().schemaVersion();
    List<SchemaViolation> config = ServerConfigValidator.validate(
        cluster.getSpec().getAerospikeConfig().getAdditionalProperties(), version);
    if (!config.isEmpty()) {
      return Optional.of(AkoAdmissionRules.VALIDATING + "aerospikeConfig not valid: generated config not valid for"
          + " version " + version + ": " + config.get(0).path() + ": " + config.get(0).message());
    }
    return Optional.empty();
  }

  /**
   * Keeps every cluster's pods (records, node ids, ports) under {@code dir/<namespace>/<name>}, so a
   * new operator on the same directory finds the running clusters as they were.
   */
  public SimulatedAkoOperator keepPodsOnDisk(Path dir) {
    this.podsDir = dir;
    return this;
  }

  /** Keeps the named cluster InProgress forever (a cluster that never converges), for tests and demos. */
  public void neverComplete(String namespace, String name) {
    stuck.add(namespace + "/" + name);
  }

  /** Reconciles every AerospikeCluster once. Two passes take a new or changed cluster to Completed. */
  public synchronized void reconcileOnce() {
    for (AerospikeCluster c : client.resources(AerospikeCluster.class).inAnyNamespace().list().getItems()) {
      try {
        reconcile(c);
      } catch (RuntimeException e) {
        setPhase(c, AerospikeClusterStatus.Phase.ERROR);
        event(c, "UpdateFailed", "reconcile failed: " + e.getMessage());
      }
    }
  }

  /** Reconciles every {@code period} in the background until closed. */
  public synchronized void start(Duration period) {
    if (scheduler == null) {
      scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated-ako");
        t.setDaemon(true);
        return t;
      });
      scheduler.scheduleWithFixedDelay(this::reconcileOnce, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** The emulated cluster behind an AerospikeCluster, if its pods run. */
  public Optional<EmulatedCluster> emulated(String namespace, String name) {
    return Optional.ofNullable(running.get(namespace + "/" + name)).map(Running::cluster);
  }

  private void reconcile(AerospikeCluster c) {
    String key = c.getMetadata().getNamespace() + "/" + c.getMetadata().getName();
    if (Boolean.TRUE.equals(c.getSpec().getPaused())) {
      return;
    }
    Optional<String> invalid = admit(c);
    if (invalid.isPresent()) {
      setPhase(c, AerospikeClusterStatus.Phase.ERROR);
      event(c, "ValidationFailed", invalid.get());
      return;
    }
    if (upToDate(c)) {
      if (podsDir != null && !running.containsKey(key)) {
        Running r = ensurePods(key, c);
        if (!r.cluster().seeds().equals(endpoints(c))) {
          complete(c, r); // the kept ports were taken meanwhile: the pods came back elsewhere
        }
      }
      return;
    }
    AerospikeClusterStatus.Phase phase = c.getStatus() == null ? null : c.getStatus().getPhase();
    if (phase != AerospikeClusterStatus.Phase.INPROGRESS || stuck.contains(key)) {
      setPhase(c, AerospikeClusterStatus.Phase.INPROGRESS);
      return;
    }
    Running r = ensurePods(key, c);
    complete(c, r);
  }

  /** True when the status mirror already equals the spec and the pods run it. */
  private boolean upToDate(AerospikeCluster c) {
    AerospikeClusterStatus s = c.getStatus();
    if (s == null || s.getPhase() != AerospikeClusterStatus.Phase.COMPLETED) {
      return false;
    }
    return JSON.valueToTree(c.getSpec().getAerospikeConfig()).equals(JSON.valueToTree(s.getAerospikeConfig()))
        && c.getSpec().getSize().equals(s.getSize()) && c.getSpec().getImage().equals(s.getImage())
        && s.getPods() != null && s.getPods().size() == c.getSpec().getSize();
  }

  private Running ensurePods(String key, AerospikeCluster c) {
    String configJson = JSON.valueToTree(c.getSpec().getAerospikeConfig()).toString();
    Running r = running.get(key);
    if (r != null && r.size() == c.getSpec().getSize() && r.image().equals(c.getSpec().getImage())
        && r.configJson().equals(configJson)) {
      return r;
    }
    if (r != null) {
      r.cluster().close(); // a real operator rolls pods and keeps data; the simulation restarts empty
    }
    EmulatedCluster.Builder b = EmulatedCluster.builder().nodes(c.getSpec().getSize()).basePort(0)
        .edition(Edition.ENTERPRISE).build(TargetImage.parse(c.getSpec().getImage()).image().build())
        .clusterName(c.getMetadata().getName());
    for (Object o : list(c.getSpec().getAerospikeConfig().getAdditionalProperties().get("namespaces"))) {
      b.namespace(namespaceSpec(map(o)));
    }
    if (c.getSpec().getAerospikeAccessControl() != null && c.getSpec().getAerospikeAccessControl().getUsers() != null) {
      for (var u : c.getSpec().getAerospikeAccessControl().getUsers()) {
        b.user(u.getName(), password(c.getMetadata().getNamespace(), u.getSecretName()),
            u.getRoles().toArray(new String[0]));
      }
    }
    Running started = new Running(podsDir == null ? b.start() : startKept(b, key, c.getSpec().getSize()),
        c.getSpec().getSize(), c.getSpec().getImage(), configJson);
    running.put(key, started);
    return started;
  }

  /** Starts the pods kept under the pods directory, on the ports they had when the node count is unchanged. */
  private EmulatedCluster startKept(EmulatedCluster.Builder b, String key, int size) {
    Path dir = podsDir.resolve(key);
    Path portsFile = dir.resolve("ports");
    try {
      Files.createDirectories(dir);
      if (Files.exists(portsFile)) {
        int[] ports = Arrays.stream(Files.readString(portsFile).trim().split(",")).mapToInt(Integer::parseInt).toArray();
        if (ports.length == size) {
          b.nodePorts(ports);
        }
      }
      EmulatedCluster cluster;
      try {
        cluster = b.keepOnDisk(dir).start();
      } catch (UncheckedIOException e) {
        cluster = b.nodePorts(new int[size]).start(); // a kept port is taken: same records, new ports
      }
      Files.writeString(portsFile, Arrays.stream(cluster.ports()).mapToObj(Integer::toString)
          .collect(Collectors.joining(",")));
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException("pods of " + key + " in " + dir, e);
    }
  }

  /** The endpoints the status lists, in pod order. */
  private static List<String> endpoints(AerospikeCluster c) {
    List<String> out = new ArrayList<>();
    if (c.getStatus() != null && c.getStatus().getPods() != null) {
      c.getStatus().getPods().values().forEach(p -> out.add(p.getPodIP() + ":" + p.getPodPort()));
    }
    return out;
  }

  private static NamespaceSpec namespaceSpec(Map<String, Object> ns) {
    NamespaceSpec spec = NamespaceSpec.named((String) ns.get("name"))
        .replicationFactor(((Number) ns.getOrDefault("replication-factor", 2)).intValue());
    if (ns.get("default-ttl") instanceof Number ttl) {
      spec.defaultTtl(ttl.longValue());
    }
    Map<String, Object> engine = map(ns.get("storage-engine"));
    List<String> devices = strings(engine.get("devices"));
    List<String> files = strings(engine.get("files"));
    long size = engine.get("data-size") instanceof Number n ? n.longValue()
        : engine.get("filesize") instanceof Number f ? f.longValue() * Math.max(1, files.size()) : 1L << 30;
    if (!devices.isEmpty()) {
      spec.storageDevice(devices, size);
    } else if (!files.isEmpty()) {
      spec.storageFile(files, size);
    } else {
      spec.storageMemory(size);
    }
    if ("memory".equals(engine.get("type")) && (!devices.isEmpty() || !files.isEmpty())) {
      spec.dataInMemory(true);
    }
    return spec;
  }

  private String password(String namespace, String secretName) {
    Secret s = client.secrets().inNamespace(namespace).withName(secretName).get();
    if (s != null && s.getStringData() != null && s.getStringData().containsKey("password")) {
      return s.getStringData().get("password"); // an API server without the stringData conversion
    }
    if (s == null || s.getData() == null || !s.getData().containsKey("password")) {
      throw new IllegalStateException("Secret " + namespace + "/" + secretName + " with key 'password' not found");
    }
    return new String(Base64.getDecoder().decode(s.getData().get("password")), StandardCharsets.UTF_8);
  }

  private void complete(AerospikeCluster c, Running r) {
    AerospikeClusterStatus status = JSON.convertValue(specWithoutUnknowns(c), AerospikeClusterStatus.class);
    status.setPhase(AerospikeClusterStatus.Phase.COMPLETED);
    status.setSelector("app=aerospike-cluster,aerospike.com/cr=" + c.getMetadata().getName());
    Map<String, Pods> pods = new LinkedHashMap<>();
    List<String> seeds = r.cluster().seeds();
    int racks = c.getSpec().getRackConfig() == null || c.getSpec().getRackConfig().getRacks() == null ? 0
        : c.getSpec().getRackConfig().getRacks().size();
    String configHash = sha256(JSON.valueToTree(c.getSpec().getAerospikeConfig()).toString());
    String podSpecHash = sha256(JSON.valueToTree(c.getSpec().getPodSpec()).toString());
    String networkHash = sha256(String.valueOf(JSON.valueToTree(c.getSpec().getAerospikeNetworkPolicy())));
    for (int i = 0; i < seeds.size(); i++) {
      long rackId = racks == 0 ? 0 : c.getSpec().getRackConfig().getRacks().get(i % racks).getId();
      int ordinal = racks == 0 ? i : i / racks;
      String podName = c.getMetadata().getName() + "-" + rackId + "-" + ordinal;
      String[] hp = seeds.get(i).split(":");
      Pods pod = new Pods();
      pod.setImage(c.getSpec().getImage());
      pod.setPodIP(hp[0]);
      pod.setPodPort(Long.parseLong(hp[1]));
      pod.setServicePort(Integer.parseInt(hp[1]));
      pod.setAerospikeConfigHash(configHash);
      pod.setNetworkPolicyHash(networkHash);
      pod.setPodSpecHash(podSpecHash);
      var as = new io.aeroshift.provisioning.crd.aerospikeclusterstatus.pods.Aerospike();
      as.setClusterName(c.getMetadata().getName());
      as.setNodeID(r.cluster().nodeId(i));
      as.setRackID(rackId);
      as.setAccessEndpoints(List.of(seeds.get(i)));
      pod.setAerospike(as);
      pods.put(podName, pod);
    }
    status.setPods(pods);
    c.setStatus(status);
    client.resources(AerospikeCluster.class).inNamespace(c.getMetadata().getNamespace()).resource(c).updateStatus();
  }

  /** The spec as a tree, minus generated defaults the status type does not know. */
  private static Object specWithoutUnknowns(AerospikeCluster c) {
    var tree = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.valueToTree(c.getSpec());
    tree.remove("operations");
    return tree;
  }

  private void setPhase(AerospikeCluster c, AerospikeClusterStatus.Phase phase) {
    AerospikeClusterStatus status = c.getStatus() == null ? new AerospikeClusterStatus() : c.getStatus();
    if (status.getPhase() == phase) {
      return;
    }
    status.setPhase(phase);
    c.setStatus(status);
    client.resources(AerospikeCluster.class).inNamespace(c.getMetadata().getNamespace()).resource(c).updateStatus();
  }

  private void event(AerospikeCluster c, String reason, String message) {
    client.v1().events().inNamespace(c.getMetadata().getNamespace()).resource(new EventBuilder()
        .withNewMetadata().withGenerateName(c.getMetadata().getName() + "-").endMetadata()
        .withType("Warning").withReason(reason).withMessage(message)
        .withLastTimestamp(Instant.now().toString())
        .withNewInvolvedObject().withKind("AerospikeCluster").withApiVersion("asdb.aerospike.com/v1")
        .withName(c.getMetadata().getName()).withNamespace(c.getMetadata().getNamespace()).endInvolvedObject()
        .build()).create();
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    running.values().forEach(r -> r.cluster().close());
    running.clear();
  }

  private static String name(AerospikeCluster c) {
    return c.getMetadata() == null ? "" : c.getMetadata().getName();
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<?> list(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    for (Object x : list(o)) {
      out.add(String.valueOf(x));
    }
    return out;
  }
}

package io.aeroshift.planning;

import com.fasterxml.jackson.databind.JsonNode;
import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.discovery.NamespaceInfo;
import io.aeroshift.planning.MigrationPlan.Features;
import io.aeroshift.planning.NamespacePlan.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Translates a Community 4.9/5.x/6.x configuration into the Enterprise 7.x/8.x
 * {@code aerospikeConfig} AKO expects (pure). Parameter existence and types come from the target
 * version's schema, so the same code serves 7.0, 7.2, 8.0 and 8.1.1. Every translated, carried and
 * dropped setting becomes a {@link TranslationEntry}.
 */
public final class ConfigTranslator {
  /** Where AKO mounts the feature-key Secret in the renderer's layout. */
  public static final String SECRET_PATH = "/etc/aerospike/secret";
  public static final String FEATURE_KEY_FILE = SECRET_PATH + "/features.conf";
  public static final int SERVICE_PORT = 3000;
  public static final int FABRIC_PORT = 3001;
  public static final int HEARTBEAT_PORT = 3002;

  private static final Pattern LIST_ENTRY = Pattern.compile("storage-engine\\.(device|file)(\\[\\d+])?");

  /** Settings removed before 7.x that may still sit in 4.9/5.x/6.x configs, with the reason. */
  private static final Map<String, String> REMOVED_NAMESPACE = Map.ofEntries(
      Map.entry("single-bin", "removed in 6.4: every namespace is multi-bin (single-bin records keep their"
          + " unnamed bin as bin \"\")"),
      Map.entry("data-in-index", "removed in 6.4 together with single-bin"),
      Map.entry("enable-xdr", "4.x XDR was replaced in 5.0 by the xdr context; XDR is configured per DC, not here"),
      Map.entry("sets-enable-xdr", "4.x XDR setting, replaced in 5.0 by the xdr context"),
      Map.entry("ns-forward-xdr-writes", "4.x XDR setting, replaced in 5.0 by the xdr context"),
      Map.entry("allow-nonxdr-writes", "4.x XDR setting, replaced by reject-non-xdr-writes"),
      Map.entry("allow-xdr-writes", "4.x XDR setting, replaced by reject-xdr-writes"),
      Map.entry("xdr-remote-datacenter", "4.x XDR setting, replaced in 5.0 by the xdr context"),
      Map.entry("rack-id", "operator-owned: AKO injects rack-id per rack for rack-aware namespaces"),
      Map.entry("memory-size", "removed in 7.0"),
      Map.entry("strong-consistency", "chosen by the plan's features.strongConsistency"),
      Map.entry("index-type", "CE keeps the primary index in shared memory (shmem), the Enterprise default"),
      Map.entry("sindex-type", "CE keeps secondary indexes in shared memory (shmem), the Enterprise default"),
      Map.entry("replication-factor", "set by the planner"),
      Map.entry("name", "namespace name"));

  private static final Map<String, String> REMOVED_SERVICE = Map.ofEntries(
      Map.entry("node-id", "operator-owned: AKO sets node-id from ENV_NODE_ID and rejects other values"),
      Map.entry("node-id-interface", "operator-owned: node ids are set by AKO"),
      Map.entry("feature-key-file", "replaced by the feature-key Secret mounted at " + SECRET_PATH),
      Map.entry("feature-key-files", "replaced by the feature-key Secret mounted at " + SECRET_PATH),
      Map.entry("work-directory", "AKO keeps the work directory at /opt/aerospike on its own volume"),
      Map.entry("pidfile", "the container runs asd in the foreground; deprecated in 8.1"),
      Map.entry("user", "the container image chooses the user; deprecated in 8.1"),
      Map.entry("group", "the container image chooses the group; deprecated in 8.1"),
      Map.entry("run-as-daemon", "the container runs asd in the foreground"),
      Map.entry("advertise-ipv6", "AKO rejects advertise-ipv6 true"),
      Map.entry("nsup-period", "service-level nsup-period is obsolete (asd refuses to start); it is per namespace"),
      Map.entry("transaction-queues", "obsolete since 4.7 (asd refuses to start)"),
      Map.entry("transaction-threads-per-queue", "obsolete since 4.7 (asd refuses to start)"),
      Map.entry("salt-allocations", "removed in 7.0"),
      Map.entry("paxos-single-replica-limit", "removed in 6.0"),
      Map.entry("allow-inline-transactions", "obsolete (asd refuses to start)"),
      Map.entry("respond-client-on-master-completion", "obsolete (asd refuses to start)"),
      Map.entry("transaction-repeatable-read", "obsolete (asd refuses to start)"));

  /** 5.x scan parameters renamed to query parameters in 6.0. */
  private static final Map<String, String> RENAMED_SERVICE = Map.of(
      "scan-max-done", "query-max-done",
      "scan-threads-limit", "query-threads-limit");

  private final TargetSchema schema;
  private final List<TranslationEntry> entries = new ArrayList<>();
  private final List<PlanWarning> warnings = new ArrayList<>();

  private ConfigTranslator(TargetSchema schema) {
    this.schema = schema;
  }

  /**
   * Translates.
   *
   * @param plan the plan (cluster name, features, licence)
   * @param snapshot the discovery snapshot of the source
   * @param source service/network settings when known ({@link SourceConfig#NONE} otherwise)
   * @param capacity the planner's decisions (replication factors, storage layout, sizes)
   * @param schema the target version's schema
   */
  public static TranslatedConfig translate(MigrationPlan plan, ClusterSnapshot snapshot, SourceConfig source,
      CapacityPlan capacity, TargetSchema schema) {
    ConfigTranslator t = new ConfigTranslator(schema);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("service", t.service(plan, snapshot, source.service()));
    if (plan.target().features().security()) {
      config.put("security", new LinkedHashMap<>());
    }
    config.put("network", t.network(source.network()));
    List<Object> namespaces = new ArrayList<>();
    for (NamespaceInfo ns : snapshot.namespaces()) {
      namespaces.add(t.namespace(ns, capacity.namespace(ns.name()), plan.target().features(), schema));
    }
    config.put("namespaces", namespaces);
    List<Object> logging = new ArrayList<>();
    Map<String, Object> console = new LinkedHashMap<>();
    console.put("name", "console");
    console.put("any", "info");
    logging.add(console);
    config.put("logging", logging);
    t.featureWarnings(plan, snapshot);
    return new TranslatedConfig(config, t.entries, t.warnings);
  }

  private Map<String, Object> service(MigrationPlan plan, ClusterSnapshot snapshot, Map<String, String> src) {
    Map<String, Object> out = new LinkedHashMap<>();
    String clusterName = plan.target().clusterName();
    out.put("feature-key-file", FEATURE_KEY_FILE);
    out.put("cluster-name", clusterName);
    String srcName = src.getOrDefault("cluster-name", snapshot.clusterName());
    entries.add(new TranslationEntry("service", srcName == null ? null : "cluster-name=" + srcName,
        "cluster-name=" + clusterName, "AKO forces cluster-name to the AerospikeCluster name (required from 7.0);"
        + " clients that set ClientPolicy.clusterName must use the new name"));
    Map<String, String> defaults = new TreeMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(src).entrySet()) {
      String key = e.getKey();
      String value = e.getValue();
      if (key.equals("cluster-name")) {
        continue;
      }
      String from = key + "=" + value;
      if (REMOVED_SERVICE.containsKey(key)) {
        entries.add(new TranslationEntry("service", from, null, REMOVED_SERVICE.get(key)));
        continue;
      }
      String target = RENAMED_SERVICE.getOrDefault(key, key);
      JsonNode p = schema.serviceProperty(target);
      if (p == null) {
        entries.add(new TranslationEntry("service", from, null, "not a service parameter in server "
            + schema.version()));
        continue;
      }
      Object v = TargetSchema.convert(p, value);
      if (v == null) {
        entries.add(new TranslationEntry("service", from, null, "'" + value + "' is not a valid "
            + p.path("type").asText() + " for " + target + " in " + schema.version()));
      } else if (!target.equals(key)) {
        out.put(target, v);
        entries.add(new TranslationEntry("service", from, target + "=" + v, "renamed in 6.0 (scan became query)"));
      } else if (TargetSchema.isDefault(p, v)) {
        defaults.put(key, value);
      } else {
        out.put(target, v);
        entries.add(new TranslationEntry("service", from, target + "=" + v, "carried over unchanged"));
      }
    }
    summariseDefaults("service", defaults);
    return out;
  }

  private Map<String, Object> network(Map<String, String> src) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> service = new LinkedHashMap<>();
    service.put("port", SERVICE_PORT);
    Map<String, Object> fabric = new LinkedHashMap<>();
    fabric.put("port", FABRIC_PORT);
    Map<String, Object> heartbeat = new LinkedHashMap<>();
    // AKO's mutating webhook injects mode mesh before validating; stating it keeps the schema check
    // at plan time identical to the webhook's, and AKO accepts a value equal to its own
    heartbeat.put("mode", "mesh");
    heartbeat.put("port", HEARTBEAT_PORT);
    out.put("service", service);
    out.put("heartbeat", heartbeat);
    out.put("fabric", fabric);
    for (Map.Entry<String, String> e : new TreeMap<>(src).entrySet()) {
      String key = e.getKey();
      String from = key + "=" + e.getValue();
      int dot = key.indexOf('.');
      String sub = dot < 0 ? "" : key.substring(0, dot);
      String param = dot < 0 ? key : key.substring(dot + 1);
      if (param.contains("access-address") || param.contains("access-port")) {
        entries.add(new TranslationEntry("network", from, null, "operator-owned: AKO injects access addresses from"
            + " aerospikeNetworkPolicy and rejects user values"));
      } else if (key.equals("heartbeat.mode")) {
        entries.add(new TranslationEntry("network", from, null, "operator-owned: AKO sets heartbeat mode mesh"
            + (e.getValue().equals("multicast") ? " (multicast is not available in Kubernetes)" : "")));
      } else if (key.startsWith("heartbeat.mesh-seed") || key.startsWith("heartbeat.multicast-group")) {
        entries.add(new TranslationEntry("network", from, null, "operator-owned: AKO injects mesh seeds from the"
            + " headless service at pod start"));
      } else if (param.equals("address") || param.equals("interface-address")) {
        entries.add(new TranslationEntry("network", from, null, "pods listen on their pod address"));
      } else if (param.equals("port") && (sub.equals("service") || sub.equals("fabric") || sub.equals("heartbeat"))) {
        int planned = sub.equals("service") ? SERVICE_PORT : sub.equals("fabric") ? FABRIC_PORT : HEARTBEAT_PORT;
        entries.add(new TranslationEntry("network", from, "network." + sub + ".port=" + planned,
            e.getValue().equals(String.valueOf(planned)) ? "same port" : "standard port inside the pod; clients"
                + " reach the cluster through AKO's services and advertised endpoints"));
      } else if (sub.equals("heartbeat") && schema.networkProperty("heartbeat", param) != null) {
        JsonNode p = schema.networkProperty("heartbeat", param);
        Object v = TargetSchema.convert(p, e.getValue());
        if (v == null) {
          entries.add(new TranslationEntry("network", from, null, "not a valid value in " + schema.version()));
        } else if (!TargetSchema.isDefault(p, v)) {
          heartbeat.put(param, v);
          entries.add(new TranslationEntry("network", from, "network.heartbeat." + param + "=" + v,
              "carried over unchanged"));
        } else {
          entries.add(new TranslationEntry("network", from, "(left at the target default)", "same as the default"));
        }
      } else {
        entries.add(new TranslationEntry("network", from, null, "the network layout inside Kubernetes is set by AKO"
            + " and the renderer (ports 3000/3001/3002)"));
      }
    }
    return out;
  }

  private Map<String, Object> namespace(NamespaceInfo ns, NamespacePlan plan, Features features,
      TargetSchema schema) {
    String scope = "namespace " + ns.name();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", ns.name());
    out.put("replication-factor", plan.replicationFactor());
    entries.add(new TranslationEntry(scope, "replication-factor=" + ns.replicationFactor(),
        "replication-factor=" + plan.replicationFactor(), plan.replicationFactor() == ns.replicationFactor()
            ? "kept" : "lowered to the target's node count"));

    Map<String, String> cfg = new TreeMap<>(ns.config());
    Map<String, Object> engine = new LinkedHashMap<>();
    String engineType = plan.storage().engineType();
    engine.put("type", engineType);
    storage(ns, plan, cfg, engine, scope);
    thresholds(ns, plan, cfg, engine, out, scope);

    Map<String, String> defaults = new TreeMap<>();
    Map<String, Map<String, Object>> nested = new TreeMap<>();
    for (Map.Entry<String, String> e : cfg.entrySet()) {
      String key = e.getKey();
      String value = e.getValue();
      String from = key + "=" + value;
      if (handled(key)) {
        continue;
      }
      if (key.startsWith("storage-engine.")) {
        String param = key.substring("storage-engine.".length());
        carry(scope, from, "storage-engine." + param, schema.storageProperty(engineType, param), value,
            engine, param, defaults, "not a storage-engine " + engineType + " parameter in server " + schema.version());
        continue;
      }
      if (REMOVED_NAMESPACE.containsKey(key)) {
        if (!key.equals("name") && !key.equals("replication-factor") && !key.equals("memory-size")
            && !(key.equals("strong-consistency") && features.strongConsistency())) {
          String reason = REMOVED_NAMESPACE.get(key);
          if (key.equals("strong-consistency") && value.equals("false")) {
            reason = "CE namespaces are AP; " + reason;
          }
          entries.add(new TranslationEntry(scope, from, null, reason));
          if (key.equals("single-bin") && value.equals("true")) {
            warnings.add(new PlanWarning("SINGLE_BIN", scope + " is single-bin on the source; records are copied"
                + " into a multi-bin namespace (bin name \"\"); clients reading by bin name must be checked"));
          }
        }
        continue;
      }
      int dot = key.indexOf('.');
      if (dot > 0) {
        String parent = key.substring(0, dot);
        String param = key.substring(dot + 1);
        if (parent.equals("index-type") || parent.equals("sindex-type")) {
          entries.add(new TranslationEntry(scope, from, null, value.equals("shmem") || param.equals("type")
              ? "CE keeps indexes in shared memory, the Enterprise default (shmem)" : parent
              + " settings of CE have no flash/pmem meaning; the index stays in shared memory"));
          continue;
        }
        JsonNode parentSchema = schema.namespaceProperty(parent);
        JsonNode p = parentSchema == null ? null : parentSchema.path("properties").get(param);
        Map<String, Object> target = nested.computeIfAbsent(parent, k -> new LinkedHashMap<>());
        carry(scope, from, key, p, value, target, param, defaults, "not a parameter in server " + schema.version());
        continue;
      }
      if (key.equals("max-record-size")) {
        maxRecordSize(scope, value, cfg, out);
        continue;
      }
      JsonNode p = schema.namespaceProperty(key);
      if (p != null && !p.has("type")) {
        entries.add(new TranslationEntry(scope, from, null, "structured setting not translated"));
        continue;
      }
      carry(scope, from, key, p, value, out, key, defaults,
          "not a namespace parameter in server " + schema.version() + " (removed or renamed before it)");
    }
    nested.forEach((k, v) -> {
      if (!v.isEmpty()) {
        out.put(k, v);
      }
    });
    if (features.strongConsistency()) {
      if (plan.storage() == Storage.MEMORY) {
        warnings.add(new PlanWarning("STRONG_CONSISTENCY_SKIPPED", scope + " stays AP: AKO rejects strong"
            + " consistency on a namespace without persistence"));
      } else {
        out.put("strong-consistency", true);
        entries.add(new TranslationEntry(scope, null, "strong-consistency=true", "plan features.strongConsistency"));
      }
    }
    out.put("storage-engine", engine);
    summariseDefaults(scope, defaults);
    return out;
  }

  private static boolean handled(String key) {
    return key.equals("storage-engine") || LIST_ENTRY.matcher(key).matches()
        || key.equals("storage-engine.data-in-memory") || key.equals("storage-engine.filesize")
        || key.equals("storage-engine.max-used-pct") || key.equals("storage-engine.min-avail-pct")
        || key.equals("storage-engine.write-block-size") || key.equals("storage-engine.post-write-queue")
        || key.equals("high-water-memory-pct") || key.equals("high-water-disk-pct") || key.equals("stop-writes-pct");
  }

  /** The 7.0 storage model: data-in-memory and memory-size become storage-engine memory. */
  private void storage(NamespaceInfo ns, NamespacePlan plan, Map<String, String> cfg, Map<String, Object> engine,
      String scope) {
    String memorySize = cfg.getOrDefault("memory-size",
        ns.memoryConfiguredBytes() > 0 ? String.valueOf(ns.memoryConfiguredBytes()) : null);
    String srcEngine = "storage-engine=" + ns.storageEngine();
    switch (plan.storage()) {
      case MEMORY -> {
        engine.put("data-size", plan.dataSizeBytes());
        entries.add(new TranslationEntry(scope, srcEngine + (memorySize == null ? "" : ", memory-size=" + memorySize),
            "storage-engine={type: memory, data-size: " + plan.dataSizeBytes() + "}",
            "7.0 removed memory-size: in-memory data has its own budget, data-size (per node, data only; the"
                + " index is outside it), sized by the planner"));
      }
      case MEMORY_ON_DEVICES, MEMORY_ON_FILES -> {
        boolean devices = plan.storage() == Storage.MEMORY_ON_DEVICES;
        engine.put(devices ? "devices" : "files", devices ? plan.devicePaths() : plan.filePaths());
        if (!devices) {
          engine.put("filesize", plan.filesizeBytes());
        }
        entries.add(new TranslationEntry(scope, srcEngine + ", storage-engine.data-in-memory=true",
            "storage-engine={type: memory, " + (devices ? "devices" : "files") + ": "
                + (devices ? plan.devicePaths() : plan.filePaths()) + "}",
            "7.0 moved data-in-memory to storage-engine memory persisted to the same devices/files (no data-size:"
                + " it is exclusive with devices/files); RAM needed equals the persisted size"));
        if (memorySize != null) {
          entries.add(new TranslationEntry(scope, "memory-size=" + memorySize, null, "removed in 7.0: memory is"
              + " the mirrored storage size; the planner sizes pod memory from it"));
        }
      }
      case DEVICES, FILES -> {
        boolean devices = plan.storage() == Storage.DEVICES;
        engine.put(devices ? "devices" : "files", devices ? plan.devicePaths() : plan.filePaths());
        if (!devices) {
          engine.put("filesize", plan.filesizeBytes());
        }
        entries.add(new TranslationEntry(scope, srcEngine + (ns.dataInMemory() ? "" : ", data-in-memory=false"),
            "storage-engine={type: device, " + (devices ? "devices" : "files") + ": "
                + (devices ? plan.devicePaths() : plan.filePaths()) + "}",
            "same engine; paths are the AerospikeCluster's " + (devices ? "Block" : "Filesystem") + " volumes"));
        if (memorySize != null) {
          entries.add(new TranslationEntry(scope, "memory-size=" + memorySize, null, "removed in 7.0: the primary"
              + " index is no longer bounded by memory-size; the planner sizes pod memory for it"));
        }
      }
      default -> throw new IllegalStateException(plan.storage().toString());
    }
    List<String> sourcePaths = new ArrayList<>(ns.devices());
    sourcePaths.addAll(ns.files());
    if (!sourcePaths.isEmpty()) {
      entries.add(new TranslationEntry(scope, "storage-engine." + (ns.devices().isEmpty() ? "file" : "device") + "="
          + sourcePaths, (plan.devicePaths().isEmpty() ? "files=" + plan.filePaths() : "devices="
          + plan.devicePaths()), "VM paths replaced by the pod's persistent volume paths"));
    }
    String filesize = cfg.get("storage-engine.filesize");
    if (filesize != null) {
      entries.add(new TranslationEntry(scope, "storage-engine.filesize=" + filesize, plan.filesizeBytes() > 0
          ? "storage-engine.filesize=" + plan.filesizeBytes() : null, plan.filesizeBytes() > 0
          ? "sized by the planner from use, growth and headroom" : "no files on the target"));
    }
    String wbs = cfg.get("storage-engine.write-block-size");
    if (wbs != null) {
      JsonNode p = schema.storageProperty(plan.storage().engineType(), "write-block-size");
      Object v = p == null ? null : TargetSchema.convert(p, wbs);
      if (v != null) {
        if (!TargetSchema.isDefault(p, v)) {
          engine.put("write-block-size", v);
        }
        entries.add(new TranslationEntry(scope, "storage-engine.write-block-size=" + wbs,
            "storage-engine.write-block-size=" + v, "still configurable in " + schema.version()));
      } else {
        entries.add(new TranslationEntry(scope, "storage-engine.write-block-size=" + wbs, null,
            "removed in 7.1: write blocks are always 8 MiB; flush-size sets the flush unit"));
      }
    }
    String pwq = cfg.get("storage-engine.post-write-queue");
    if (pwq != null) {
      JsonNode old = schema.storageProperty(plan.storage().engineType(), "post-write-queue");
      JsonNode cache = schema.storageProperty(plan.storage().engineType(), "post-write-cache");
      if (old != null) {
        carry(scope, "storage-engine.post-write-queue=" + pwq, "storage-engine.post-write-queue", old, pwq, engine,
            "post-write-queue", new TreeMap<>(), "");
      } else if (cache != null) {
        long blocks = parseLong(pwq, 256);
        long blockSize = wbs == null ? 1L << 20 : parseLong(wbs, 1L << 20);
        long bytes = blocks * blockSize;
        if (!TargetSchema.isDefault(cache, bytes)) {
          engine.put("post-write-cache", bytes);
        }
        entries.add(new TranslationEntry(scope, "storage-engine.post-write-queue=" + pwq,
            "storage-engine.post-write-cache=" + bytes, "renamed in 7.1 and counted in bytes: " + blocks
                + " write blocks x " + blockSize + " B"));
      } else {
        entries.add(new TranslationEntry(scope, "storage-engine.post-write-queue=" + pwq, null,
            "no post-write cache for storage-engine " + plan.storage().engineType() + " in " + schema.version()));
      }
    }
  }

  /** Renamed thresholds: the meaning moves with the 7.0 memory model. */
  private void thresholds(NamespaceInfo ns, NamespacePlan plan, Map<String, String> cfg, Map<String, Object> engine,
      Map<String, Object> out, String scope) {
    String hwm = value(cfg, "high-water-memory-pct", ns.highWaterMemoryPct());
    String hwd = value(cfg, "high-water-disk-pct", ns.highWaterDiskPct());
    String swp = value(cfg, "stop-writes-pct", ns.stopWritesPct());
    String engineType = plan.storage().engineType();
    switch (plan.storage()) {
      case MEMORY -> {
        if (hwm != null) {
          threshold(scope, "high-water-memory-pct=" + hwm, engine, "storage-engine.", "evict-used-pct",
              schema.storageProperty(engineType, "evict-used-pct"), hwm,
              "memory-size held index and data; data now has its own budget (data-size) and is evicted at"
                  + " evict-used-pct of it");
        }
        if (hwd != null) {
          entries.add(new TranslationEntry(scope, "high-water-disk-pct=" + hwd, null, "the namespace has no"
              + " persistence on the source nor on the target"));
        }
        if (swp != null) {
          threshold(scope, "stop-writes-pct=" + swp, engine, "storage-engine.", "stop-writes-used-pct",
              schema.storageProperty(engineType, "stop-writes-used-pct"), swp,
              "stop-writes-pct was a share of memory-size; writes now stop at stop-writes-used-pct of data-size");
        }
      }
      case MEMORY_ON_DEVICES, MEMORY_ON_FILES -> {
        String evict = lowerNonZero(hwm, hwd);
        if (hwd != null) {
          threshold(scope, "high-water-disk-pct=" + hwd, engine, "storage-engine.", "evict-used-pct",
              schema.storageProperty(engineType, "evict-used-pct"), evict,
              "renamed in 7.0 (storage-engine evict-used-pct)" + (evict.equals(hwd) ? "" : "; the lower of the"
                  + " memory and disk high-water marks is kept, as data in memory mirrors the storage"));
        }
        if (hwm != null) {
          if (hwd == null) {
            threshold(scope, "high-water-memory-pct=" + hwm, engine, "storage-engine.", "evict-used-pct",
                schema.storageProperty(engineType, "evict-used-pct"), hwm,
                "data in memory mirrors the storage: one eviction threshold, evict-used-pct");
          } else {
            entries.add(new TranslationEntry(scope, "high-water-memory-pct=" + hwm,
                "storage-engine.evict-used-pct=" + evict, "merged with high-water-disk-pct: data in memory mirrors"
                + " the storage, so one threshold (the lower non-zero one) applies"));
          }
        }
        if (swp != null) {
          threshold(scope, "stop-writes-pct=" + swp, out, "", "stop-writes-sys-memory-pct",
              schema.namespaceProperty("stop-writes-sys-memory-pct"), swp,
              "removed in 7.0; memory pressure now stops writes at a share of system memory");
        }
      }
      case DEVICES, FILES -> {
        if (hwd != null) {
          threshold(scope, "high-water-disk-pct=" + hwd, engine, "storage-engine.", "evict-used-pct",
              schema.storageProperty(engineType, "evict-used-pct"), hwd, "renamed in 7.0");
        }
        if (hwm != null) {
          indexEviction(scope, hwm, plan, out);
        }
        if (swp != null) {
          threshold(scope, "stop-writes-pct=" + swp, out, "", "stop-writes-sys-memory-pct",
              schema.namespaceProperty("stop-writes-sys-memory-pct"), swp,
              "removed in 7.0; memory (the index here) now stops writes at a share of system memory");
        }
      }
      default -> throw new IllegalStateException(plan.storage().toString());
    }
    String maxUsed = cfg.get("storage-engine.max-used-pct");
    if (maxUsed != null) {
      threshold(scope, "storage-engine.max-used-pct=" + maxUsed, engine, "storage-engine.", "stop-writes-used-pct",
          schema.storageProperty(engineType, "stop-writes-used-pct"), maxUsed, "renamed in 7.0");
    }
    String minAvail = cfg.get("storage-engine.min-avail-pct");
    if (minAvail != null) {
      threshold(scope, "storage-engine.min-avail-pct=" + minAvail, engine, "storage-engine.", "stop-writes-avail-pct",
          schema.storageProperty(engineType, "stop-writes-avail-pct"), minAvail, "renamed in 7.0");
    }
  }

  /** The index-memory high-water mark of a namespace whose data is on storage. */
  private void indexEviction(String scope, String hwm, NamespacePlan plan, Map<String, Object> out) {
    String from = "high-water-memory-pct=" + hwm;
    if (parseLong(hwm, 0) == 0) {
      entries.add(new TranslationEntry(scope, from, null, "0 disabled eviction on memory; nothing to carry"));
      return;
    }
    JsonNode pct = schema.namespaceProperty("evict-indexes-memory-pct");
    JsonNode budget = schema.namespaceProperty("indexes-memory-budget");
    if (pct != null && budget != null) {
      long b = CapacityPlanner.roundUpGib(plan.indexBytesPerNode());
      out.put("indexes-memory-budget", b);
      out.put("evict-indexes-memory-pct", parseLong(hwm, 0));
      entries.add(new TranslationEntry(scope, from, "evict-indexes-memory-pct=" + hwm + ", indexes-memory-budget=" + b,
          "the index was bounded by memory-size; 7.1+ bounds it with indexes-memory-budget (planned index"
              + " memory per node incl. growth, rounded up to a GiB) and evicts at evict-indexes-memory-pct"));
      return;
    }
    JsonNode sys = schema.namespaceProperty("evict-sys-memory-pct");
    if (sys != null) {
      threshold(scope, from, out, "", "evict-sys-memory-pct", sys, hwm,
          "7.0 evicts on memory pressure at a share of system memory (evict-sys-memory-pct)");
      return;
    }
    entries.add(new TranslationEntry(scope, from, null, "no index eviction threshold in " + schema.version()));
  }

  private void threshold(String scope, String from, Map<String, Object> into, String prefix, String key,
      JsonNode p, String value, String reason) {
    if (p == null) {
      entries.add(new TranslationEntry(scope, from, null, key + " does not exist in " + schema.version()));
      return;
    }
    Object v = TargetSchema.convert(p, value);
    if (v == null) {
      entries.add(new TranslationEntry(scope, from, null, "'" + value + "' is not a valid value for " + key));
      return;
    }
    if (!TargetSchema.isDefault(p, v)) {
      into.put(key, v);
    }
    entries.add(new TranslationEntry(scope, from, prefix + key + "=" + v, reason
        + (TargetSchema.isDefault(p, v) ? " (the target default, so not written)" : "")));
  }

  /** 6.x max-record-size 0 meant "up to the write block"; 7.1+ defaults to 1 MiB and 8.1 refuses 0. */
  private void maxRecordSize(String scope, String value, Map<String, String> cfg, Map<String, Object> out) {
    JsonNode p = schema.namespaceProperty("max-record-size");
    String from = "max-record-size=" + value;
    long v = parseLong(value, 0);
    if (v != 0) {
      carry(scope, from, "max-record-size", p, value, out, "max-record-size", new TreeMap<>(), "not in "
          + schema.version());
      return;
    }
    long wbs = parseLong(cfg.getOrDefault("storage-engine.write-block-size", "1048576"), 1L << 20);
    long def = p.path("default").asLong(0);
    if (def == 0) {
      entries.add(new TranslationEntry(scope, from, "(left at the target default)", "same meaning in "
          + schema.version()));
      return;
    }
    long limit = Math.min(Math.max(wbs, def), p.path("maximum").asLong(8L << 20));
    if (limit != def) {
      out.put("max-record-size", limit);
    }
    entries.add(new TranslationEntry(scope, from, "max-record-size=" + limit, "0 meant 'up to the write block ("
        + wbs + " B)'; " + schema.version() + " needs an explicit limit (default " + def + " B)"));
    warnings.add(new PlanWarning("MAX_RECORD_SIZE", scope + ": records larger than " + limit + " B are refused by"
        + " the target; check the source's largest record before copying"));
  }

  private void carry(String scope, String from, String targetKey, JsonNode p, String value, Map<String, Object> into,
      String param, Map<String, String> defaults, String missingReason) {
    if (p == null) {
      entries.add(new TranslationEntry(scope, from, null, missingReason));
      return;
    }
    Object v = TargetSchema.convert(p, value);
    if (v == null) {
      entries.add(new TranslationEntry(scope, from, null, "'" + value + "' is not a valid " + p.path("type").asText()
          + " for " + targetKey + " in " + schema.version()));
    } else if (TargetSchema.isDefault(p, v)) {
      defaults.put(targetKey, value);
    } else {
      into.put(param, v);
      entries.add(new TranslationEntry(scope, from, targetKey + "=" + v, "carried over unchanged"));
    }
  }

  private void summariseDefaults(String scope, Map<String, String> defaults) {
    if (!defaults.isEmpty()) {
      entries.add(new TranslationEntry(scope, String.join(", ", defaults.keySet()), "(left at the target default)",
          defaults.size() + " setting(s) equal the " + schema.version() + " defaults and are not written"));
    }
  }

  private void featureWarnings(MigrationPlan plan, ClusterSnapshot snapshot) {
    Features f = plan.target().features();
    if (!f.security()) {
      warnings.add(new PlanWarning("SECURITY_OFF", "access control is left off: the Enterprise cluster accepts"
          + " unauthenticated clients as the CE cluster did; set target.features.security to create users"));
    }
    if (!f.tls()) {
      warnings.add(new PlanWarning("TLS_OFF", "TLS is left off: client and fabric traffic stay unencrypted"));
    }
    if (!f.strongConsistency()) {
      warnings.add(new PlanWarning("STRONG_CONSISTENCY_OFF", "namespaces stay AP as on CE; strong consistency can"
          + " only be chosen when the cluster is created"));
    }
    if (!f.durableDeletes()) {
      warnings.add(new PlanWarning("DURABLE_DELETES_OFF", "clients keep non-durable deletes: a deleted record can"
          + " return after a cold start; Enterprise durable deletes need client changes"));
    }
    if (plan.licence() == null || !plan.licence().sideBySideAcknowledged()) {
      warnings.add(new PlanWarning("LICENCE_NOT_ACKNOWLEDGED", "running Community and Enterprise side by side"
          + " during the migration is subject to the Aerospike licence terms; set licence.sideBySideAcknowledged"
          + " and licence.acknowledgedBy before starting"));
    }
    if (snapshot.partial()) {
      warnings.add(new PlanWarning("PARTIAL_DISCOVERY", "the discovery snapshot is partial (" + snapshot.problems()
          + "); figures cover only the nodes read"));
    }
  }

  private static String value(Map<String, String> cfg, String key, Integer typed) {
    String v = cfg.get(key);
    return v != null ? v : typed == null ? null : String.valueOf(typed);
  }

  private static String lowerNonZero(String a, String b) {
    long x = a == null ? 0 : parseLong(a, 0);
    long y = b == null ? 0 : parseLong(b, 0);
    if (x == 0) {
      return b == null ? "0" : b;
    }
    if (y == 0) {
      return a;
    }
    return x <= y ? a : b;
  }

  private static long parseLong(String s, long fallback) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException | NullPointerException e) {
      return fallback;
    }
  }
}

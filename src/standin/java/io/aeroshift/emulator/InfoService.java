package io.aeroshift.emulator;

import io.aeroshift.emulator.EmulatedCluster.NamespaceRuntime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The info protocol (proto type 1): each request line is echoed byte for byte, then a tab, the
 * value and a newline (spec 3.1). Values use the real server's names for the emulated version;
 * see docs/emulator.md for which fields appear for which build.
 */
final class InfoService {
  static final String FEATURES = "batch-any;batch-index;blob-bits;cdt-index;cdt-list;cdt-map;cluster-stable;float;geo;"
      + "sindex-exists;peers;pipelining;pquery;pscans;query-show;relaxed-sc;replicas;replicas-all;replicas-master;"
      + "replicas-max;truncate-namespace;udf";
  static final String UNRECOGNIZED = "ERROR:4:unrecognized command";

  private final EmulatedCluster cluster;
  private final EmulatedNode node;
  private final ClientConnection connection;

  InfoService(EmulatedCluster cluster, EmulatedNode node, ClientConnection connection) {
    this.cluster = cluster;
    this.node = node;
    this.connection = connection;
  }

  String answer(String request) {
    StringBuilder sb = new StringBuilder();
    if (request.isEmpty() || request.equals("\n")) {
      for (String name : List.of("build", "edition", "features", "node", "partition-generation", "services", "statistics", "version")) {
        sb.append(name).append('\t').append(value(name)).append('\n');
      }
      return sb.toString();
    }
    for (String line : request.split("\n", -1)) {
      if (line.isEmpty()) continue;
      sb.append(line).append('\t').append(value(line)).append('\n');
    }
    return sb.toString();
  }

  private String value(String command) {
    if (cluster.securityEnabled() && connection.user == null) return "ERROR:80:not authenticated";
    String name = command;
    String args = "";
    int cut = indexOfAny(command, ':', '/');
    if (cut >= 0) {
      name = command.substring(0, cut);
      args = command.substring(cut + 1);
    }
    boolean slash = cut >= 0 && command.charAt(cut) == '/';
    long now = cluster.faults().nowMillis(node.index); // this node's clock (current_time, uptime, expiry)
    switch (name) {
      case "node": return node.nodeId;
      case "features": return FEATURES;
      case "build": return cluster.version.build();
      case "version": return cluster.edition.editionName() + " build " + cluster.version.build();
      case "edition": return cluster.edition.editionName();
      case "build_os": return "ubuntu22.04";
      case "build_time": return "Thu Jan 01 00:00:00 UTC 2026";
      case "cluster-name": return cluster.clusterName == null ? "null" : cluster.clusterName;
      case "cluster-stable": return Long.toHexString(cluster.clusterKey.get()).toUpperCase();
      case "partition-generation": return Integer.toString(cluster.partitionGeneration.get());
      case "peers-generation": return Integer.toString(cluster.peersGeneration.get());
      case "rebalance-generation": return Integer.toString(cluster.partitionGeneration.get());
      case "user-agent-set": return "ok";
      case "peers-clear-std":
      case "peers-clear-alt":
        return peers();
      case "peers-tls-std":
      case "peers-tls-alt":
      case "alumni-clear-std":
      case "alumni-tls-std":
        return cluster.peersGeneration.get() + "," + node.port() + ",[]";
      case "services":
      case "services-clear-std":
        return services();
      case "services-alumni":
        return "";
      case "service":
      case "service-clear-std":
      case "service-clear-alt":
        return "127.0.0.1:" + node.port();
      case "replicas": return replicas(true);
      case "replicas-all": return replicas(false);
      case "replicas-master": return replicasMaster();
      case "rack-ids": return rackIds();
      case "namespaces": return String.join(";", cluster.namespaces.keySet());
      case "namespace": return slash ? namespaceInfo(args, now) : UNRECOGNIZED;
      case "sets": return sets(slash ? args : "", now);
      case "statistics": return statistics(now);
      case "get-config": return getConfig(params(args));
      case "set-config": return setConfig(params(args));
      case "get-stats": return getStats(params(args));
      case "feature-key": return cluster.xdr.featureKey();
      case "sindex-list": return sindexList(params(args));
      case "sindex": return slash ? sindexStat(args) : sindexList(Map.of());
      case "sindex-create": return sindexCreate(params(args));
      case "sindex-delete": return sindexDelete(params(args));
      case "sindex-exists": return sindexExists(params(args));
      case "udf-list": return udfList();
      case "udf-get": return udfGet(params(args));
      case "udf-put": return udfPut(params(args));
      case "udf-remove": return udfRemove(params(args));
      case "truncate": return truncate(params(args), false);
      case "truncate-namespace": return truncate(params(args), true);
      case "query-show": return queryShow(params(args), false);
      case "scan-show": return cluster.version.atLeast(6, 4) ? UNRECOGNIZED : queryShow(params(args), true);
      case "jobs": return cluster.version.atLeast(6, 3) ? UNRECOGNIZED : jobs(params(args));
      case "status": return "ok";
      case FaultCommand.NAME: return new FaultCommand(cluster, node.index, connection).answer(params(args));
      case "racks": return rackList();
      default: return UNRECOGNIZED;
    }
  }

  private static int indexOfAny(String s, char a, char b) {
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) == a || s.charAt(i) == b) return i;
    return -1;
  }

  static Map<String, String> params(String args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : args.split(";")) {
      if (part.isEmpty()) continue;
      int eq = part.indexOf('=');
      if (eq < 0) out.put(part, "");
      else out.put(part.substring(0, eq), part.substring(eq + 1));
    }
    return out;
  }

  // -------------------------------------------------------------- cluster shape

  private String peers() {
    StringBuilder sb = new StringBuilder();
    sb.append(cluster.peersGeneration.get()).append(',').append(node.port()).append(",[");
    boolean[] running = cluster.runningNodes();
    boolean first = true;
    for (EmulatedNode n : cluster.nodes) {
      if (n == node || !running[n.index]) continue;
      if (!first) sb.append(',');
      first = false;
      sb.append('[').append(n.nodeId).append(",,[127.0.0.1:").append(n.port()).append("]]");
    }
    return sb.append(']').toString();
  }

  private String services() {
    List<String> out = new ArrayList<>();
    boolean[] running = cluster.runningNodes();
    for (EmulatedNode n : cluster.nodes) if (n != node && running[n.index]) out.add("127.0.0.1:" + n.port());
    return String.join(";", out);
  }

  private String replicas(boolean withRegime) {
    boolean[] running = cluster.runningNodes();
    List<String> parts = new ArrayList<>();
    for (NamespaceRuntime ns : cluster.namespaces.values()) {
      String v = cluster.partitionMap.replicasFor(node.index, ns.spec.replicationFactor(), running);
      parts.add(ns.spec.name() + ":" + (withRegime ? v : v.substring(v.indexOf(',') + 1)));
    }
    return String.join(";", parts);
  }

  private String replicasMaster() {
    boolean[] running = cluster.runningNodes();
    List<String> parts = new ArrayList<>();
    for (NamespaceRuntime ns : cluster.namespaces.values()) {
      String v = cluster.partitionMap.replicasFor(node.index, ns.spec.replicationFactor(), running);
      String[] f = v.split(",");
      parts.add(ns.spec.name() + ":" + f[2]);
    }
    return String.join(";", parts);
  }

  private String rackIds() {
    List<String> parts = new ArrayList<>();
    for (String ns : cluster.namespaces.keySet()) parts.add(ns + ":0");
    return String.join(";", parts);
  }

  private String rackList() {
    List<String> parts = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    boolean[] running = cluster.runningNodes();
    for (EmulatedNode n : cluster.nodes) if (running[n.index]) ids.add(n.nodeId);
    for (String ns : cluster.namespaces.keySet()) parts.add("ns=" + ns + ":rack_0=" + String.join(",", ids));
    return String.join(";", parts);
  }

  // -------------------------------------------------------------- namespace info

  private boolean v7() {
    return cluster.version.atLeast(7, 0);
  }

  private String namespaceInfo(String nsName, long now) {
    NamespaceRuntime ns = cluster.namespace(nsName);
    if (ns == null) return "type=unknown";
    Map<String, String> kv = new LinkedHashMap<>();
    boolean[] running = cluster.runningNodes();
    int[] counts = ns.store.liveCountsPerPartition(now);
    long[][] perNode = cluster.partitionMap.objectsPerNode(counts, ns.spec.replicationFactor(), running);
    long master = perNode[node.index][0];
    long prole = perNode[node.index][1];
    long total = 0;
    for (int c : counts) total += c;
    long dataBytes = ns.store.dataBytes();
    long nodeData = total == 0 ? 0 : dataBytes * (master + prole) / total;
    int alive = 0;
    for (boolean r : running) if (r) alive++;
    kv.put("ns_cluster_size", Integer.toString(alive));
    kv.put("effective_replication_factor", Integer.toString(PartitionMap.effectiveReplicationFactor(ns.spec.replicationFactor(), running)));
    kv.put("objects", Long.toString(master + prole));
    kv.put("tombstones", "0");
    kv.put("xdr_tombstones", "0");
    kv.put("master_objects", Long.toString(master));
    kv.put("master_tombstones", "0");
    kv.put("prole_objects", Long.toString(prole));
    kv.put("prole_tombstones", "0");
    kv.put("non_replica_objects", "0");
    kv.put("non_replica_tombstones", "0");
    kv.put("unreplicated_records", "0");
    kv.put("dead_partitions", "0");
    kv.put("unavailable_partitions", "0");
    kv.put("stop_writes", "false");
    kv.put("hwm_breached", "false");
    kv.put("current_time", Long.toString(StoredRecord.nowSince2010(now)));
    long indexBytes = (master + prole) * 64;
    long size = ns.spec.storageSize();
    if (v7()) {
      kv.put("data_total_bytes", Long.toString(size));
      kv.put("data_used_bytes", Long.toString(nodeData));
      kv.put("data_used_pct", Long.toString(size == 0 ? 0 : nodeData * 100 / size));
      kv.put("data_avail_pct", Long.toString(size == 0 ? 100 : 100 - nodeData * 100 / size));
      kv.put("index_used_bytes", Long.toString(indexBytes));
      kv.put("sindex_used_bytes", "0");
      kv.put("set_index_used_bytes", "0");
    } else {
      boolean inMemory = ns.spec.storage() == NamespaceSpec.StorageKind.MEMORY || ns.spec.dataInMemory();
      long memData = inMemory ? nodeData : 0;
      long memUsed = memData + indexBytes;
      long memSize = Long.parseLong(config(ns).getOrDefault("memory-size", Long.toString(size)));
      kv.put("memory_used_bytes", Long.toString(memUsed));
      kv.put("memory_used_data_bytes", Long.toString(memData));
      kv.put("memory_used_index_bytes", Long.toString(indexBytes));
      kv.put("memory_used_set_index_bytes", "0");
      kv.put("memory_used_sindex_bytes", "0");
      kv.put("memory_free_pct", Long.toString(memSize == 0 ? 100 : Math.max(0, 100 - memUsed * 100 / memSize)));
      if (ns.spec.storage() != NamespaceSpec.StorageKind.MEMORY) {
        kv.put("device_total_bytes", Long.toString(size));
        kv.put("device_used_bytes", Long.toString(nodeData));
        kv.put("device_free_pct", Long.toString(size == 0 ? 100 : 100 - nodeData * 100 / size));
        kv.put("device_available_pct", Long.toString(size == 0 ? 100 : 100 - nodeData * 100 / size));
      }
    }
    NodeStats st = node.stats;
    for (String c : List.of("client_read_success", "client_read_not_found", "client_read_error", "client_read_filtered_out",
        "client_write_success", "client_write_error", "client_write_filtered_out", "client_delete_success",
        "client_delete_not_found", "client_delete_error", "client_delete_filtered_out", "client_tsvc_error",
        "client_udf_complete", "client_udf_error", "batch_sub_read_success", "batch_sub_read_not_found",
        "batch_sub_read_error", "batch_sub_read_filtered_out", "batch_sub_write_success", "batch_sub_write_error",
        "batch_sub_delete_success", "batch_sub_delete_not_found", "pi_query_long_basic_complete", "scan_records_returned")) {
      kv.put(c, Long.toString(st.get(ns.spec.name(), c)));
    }
    kv.putAll(config(ns));
    return join(kv);
  }

  /** The namespace configuration as get-config reports it for the emulated version. */
  private Map<String, String> config(NamespaceRuntime ns) {
    NamespaceSpec s = ns.spec;
    Map<String, String> kv = new LinkedHashMap<>();
    kv.put("allow-ttl-without-nsup", "false");
    kv.put("default-ttl", Long.toString(ns.defaultTtl));
    kv.put("disallow-null-setname", "false");
    kv.put("nsup-period", "120");
    kv.put("replication-factor", Integer.toString(s.replicationFactor()));
    kv.put("strong-consistency", "false");
    kv.put("max-record-size", "0");
    boolean memory = s.storage() == NamespaceSpec.StorageKind.MEMORY;
    String pathKey = s.storage() == NamespaceSpec.StorageKind.DEVICE ? "device" : "file";
    if (v7()) {
      kv.put("stop-writes-sys-memory-pct", "90");
      if (!cluster.version.atLeast(7, 1)) kv.put("evict-sys-memory-pct", "0");
      else {
        kv.put("indexes-memory-budget", "0");
        kv.put("evict-indexes-memory-pct", "0");
      }
      boolean engineMemory = memory || s.dataInMemory();
      kv.put("storage-engine", engineMemory ? "memory" : "device");
      if (memory) kv.put("storage-engine.data-size", Long.toString(s.storageSize()));
      for (int i = 0; i < s.storagePaths().size(); i++) kv.put("storage-engine." + pathKey + "[" + i + "]", s.storagePaths().get(i));
      if (s.storage() == NamespaceSpec.StorageKind.FILE) kv.put("storage-engine.filesize", Long.toString(s.storageSize()));
      kv.put("storage-engine.evict-used-pct", "0");
      kv.put("storage-engine.stop-writes-avail-pct", "5");
      kv.put("storage-engine.stop-writes-used-pct", "70");
    } else {
      kv.put("high-water-disk-pct", "0");
      kv.put("high-water-memory-pct", "0");
      kv.put("memory-size", Long.toString(memory ? s.storageSize() : Math.max(1L << 30, s.storageSize() / 4)));
      kv.put("stop-writes-pct", "90");
      kv.put("stop-writes-sys-memory-pct", "90");
      kv.put("storage-engine", memory ? "memory" : "device");
      if (!memory) {
        for (int i = 0; i < s.storagePaths().size(); i++) kv.put("storage-engine." + pathKey + "[" + i + "]", s.storagePaths().get(i));
        if (s.storage() == NamespaceSpec.StorageKind.FILE) kv.put("storage-engine.filesize", Long.toString(s.storageSize()));
        kv.put("storage-engine.data-in-memory", Boolean.toString(s.dataInMemory()));
        kv.put("storage-engine.max-used-pct", "70");
        kv.put("storage-engine.min-avail-pct", "5");
      }
    }
    kv.putAll(s.configOrdered());
    kv.putAll(ns.overrides);
    return kv;
  }

  private String sets(String args, long now) {
    String[] parts = args.isEmpty() ? new String[0] : args.split("/");
    List<String> entries = new ArrayList<>();
    boolean[] running = cluster.runningNodes();
    for (NamespaceRuntime ns : cluster.namespaces.values()) {
      if (parts.length >= 1 && !parts[0].equals(ns.spec.name())) continue;
      ns.store.reapExpired(now);
      int alive = 0;
      for (boolean r : running) if (r) alive++;
      int eff = PartitionMap.effectiveReplicationFactor(ns.spec.replicationFactor(), running);
      for (NamespaceStore.SetStats st : new TreeMap<>(ns.store.sets).values()) {
        if (st.name.isEmpty()) continue;
        if (parts.length >= 2 && !parts[1].equals(st.name)) continue;
        // Each node reports an even share of the set's copies (objects × effective rf); the remainder
        // goes to the first running nodes so the sum over nodes is exact.
        int rank = 0;
        for (int i = 0; i < node.index; i++) if (running[i]) rank++;
        long objects = share(st.objects.sum() * eff, alive, rank);
        long bytes = share(st.bytes.sum() * eff, alive, rank);
        Map<String, String> kv = new LinkedHashMap<>();
        if (parts.length < 2) {
          kv.put("ns", ns.spec.name());
          kv.put("set", st.name);
        }
        kv.put("objects", Long.toString(objects));
        kv.put("tombstones", "0");
        if (v7()) kv.put("data_used_bytes", Long.toString(bytes));
        else {
          kv.put("memory_data_bytes", Long.toString(bytes));
          kv.put("device_data_bytes", Long.toString(ns.spec.storage() == NamespaceSpec.StorageKind.MEMORY ? 0 : bytes));
        }
        kv.put("truncate_lut", Long.toString(ns.store.truncateLut.getOrDefault(st.name, 0L)));
        kv.put("sindexes", "0");
        kv.put("index_populating", "false");
        kv.put("disable-eviction", "false");
        kv.put("enable-index", "false");
        kv.put("stop-writes-count", "0");
        kv.put("stop-writes-size", "0");
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : kv.entrySet()) {
          if (sb.length() > 0) sb.append(':');
          sb.append(e.getKey()).append('=').append(e.getValue());
        }
        entries.add(sb.toString());
      }
    }
    if (parts.length >= 1 && cluster.namespace(parts[0]) == null) return "ns_type=unknown";
    return entries.isEmpty() ? "" : String.join(";", entries) + ";";
  }

  private static long share(long total, int parts, int rank) {
    if (parts == 0) return 0;
    return total / parts + (rank < total % parts ? 1 : 0);
  }

  private String statistics(long now) {
    Map<String, String> kv = new LinkedHashMap<>();
    boolean[] running = cluster.runningNodes();
    int alive = 0;
    for (boolean r : running) if (r) alive++;
    long objects = 0;
    for (NamespaceRuntime ns : cluster.namespaces.values()) {
      int[] counts = ns.store.liveCountsPerPartition(now);
      long[][] perNode = cluster.partitionMap.objectsPerNode(counts, ns.spec.replicationFactor(), running);
      objects += perNode[node.index][0] + perNode[node.index][1];
    }
    NodeStats st = node.stats;
    Runtime rt = Runtime.getRuntime();
    kv.put("cluster_size", Integer.toString(alive));
    kv.put("cluster_key", Long.toHexString(cluster.clusterKey.get()).toUpperCase());
    kv.put("cluster_generation", Integer.toString(cluster.partitionGeneration.get()));
    kv.put("cluster_integrity", "true");
    kv.put("cluster_is_member", "true");
    kv.put("cluster_principal", principal(running));
    kv.put("cluster_clock_skew_ms", Long.toString(clockSkewMillis()));
    kv.put("uptime", Long.toString((now - st.startMillis) / 1000));
    kv.put("objects", Long.toString(objects));
    kv.put("tombstones", "0");
    kv.put("client_connections", Integer.toString(st.clientConnections.get()));
    kv.put("client_connections_opened", Long.toString(st.connectionsOpened.get()));
    kv.put("client_connections_closed", Long.toString(st.connectionsClosed.get()));
    kv.put("heartbeat_connections", Integer.toString(Math.max(0, alive - 1)));
    kv.put("fabric_connections", Integer.toString(Math.max(0, alive - 1) * 16));
    kv.put("migrate_partitions_remaining", "0");
    kv.put("process_cpu_pct", "0");
    kv.put("system_free_mem_pct", "90");
    kv.put("heap_allocated_kbytes", Long.toString((rt.totalMemory() - rt.freeMemory()) / 1024));
    kv.put("heap_efficiency_pct", "100");
    return join(kv);
  }

  private String principal(boolean[] running) {
    String best = "0";
    for (EmulatedNode n : cluster.nodes) if (running[n.index] && n.nodeId.compareTo(best) > 0) best = n.nodeId;
    return best;
  }

  // -------------------------------------------------------------- config

  private Map<String, String> serviceConfig() {
    Map<String, String> kv = new LinkedHashMap<>();
    kv.put("advertise-ipv6", "false");
    kv.put("batch-index-threads", "2");
    kv.put("cluster-name", cluster.clusterName == null ? "null" : cluster.clusterName);
    kv.put("enable-health-check", "false");
    kv.put("feature-key-file", cluster.edition == Edition.ENTERPRISE ? "/etc/aerospike/features.conf" : "null");
    kv.put("info-threads", "16");
    kv.put("migrate-fill-delay", "0");
    kv.put("migrate-max-num-incoming", "4");
    kv.put("migrate-threads", "1");
    kv.put("node-id", node.nodeId);
    kv.put("proto-fd-idle-ms", "0");
    kv.put("proto-fd-max", "15000");
    kv.put("query-max-done", "100");
    kv.put("service-threads", "2");
    kv.put("transaction-retry-ms", "1002");
    kv.putAll(cluster.serviceConfig);
    return kv;
  }

  private String getConfig(Map<String, String> p) {
    String context = p.getOrDefault("context", "service");
    switch (context) {
      case "service":
        return join(serviceConfig());
      case "network": {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("service.access-port", "0");
        kv.put("service.address", "any");
        kv.put("service.port", Integer.toString(node.port()));
        kv.put("heartbeat.mode", "mesh");
        kv.put("heartbeat.port", "3002");
        kv.put("heartbeat.interval", "150");
        kv.put("heartbeat.timeout", "10");
        kv.put("fabric.port", "3001");
        kv.put("info.port", "3003");
        return join(kv);
      }
      case "namespace": {
        String id = p.get("id");
        NamespaceRuntime ns = cluster.namespace(id);
        if (ns == null) return "ERROR::namespace not found";
        return join(config(ns));
      }
      case "xdr":
        return cluster.xdr.getConfig(node, p);
      default:
        return "ERROR::invalid context";
    }
  }

  private String setConfig(Map<String, String> p) {
    String context = p.remove("context");
    if (context == null) return "ERROR::missing context";
    switch (context) {
      case "service":
        if (p.isEmpty()) return "ERROR::missing parameter";
        for (Map.Entry<String, String> e : p.entrySet()) {
          if (!serviceConfig().containsKey(e.getKey()) || e.getKey().equals("node-id") || e.getKey().equals("cluster-name")) {
            return "ERROR::unknown or static parameter " + e.getKey();
          }
        }
        cluster.serviceConfig.putAll(p);
        return "ok";
      case "namespace": {
        String id = p.remove("id");
        NamespaceRuntime ns = cluster.namespace(id);
        if (ns == null) return "ERROR::namespace not found";
        if (p.isEmpty()) return "ERROR::missing parameter";
        Map<String, String> current = config(ns);
        for (Map.Entry<String, String> e : p.entrySet()) {
          String k = e.getKey();
          boolean known = current.containsKey(k) || current.containsKey("storage-engine." + k);
          if (!known || k.equals("replication-factor") || k.startsWith("storage-engine") && !k.contains("pct")) {
            return "ERROR::unknown or static parameter " + k;
          }
          if (k.equals("default-ttl")) {
            try {
              long ttl = Long.parseLong(e.getValue());
              if (ttl < 0 || ttl > Commands.MAX_TTL) return "ERROR::default-ttl out of range";
            } catch (NumberFormatException ex) {
              return "ERROR::default-ttl must be an integer";
            }
          }
        }
        for (Map.Entry<String, String> e : p.entrySet()) {
          String k = current.containsKey(e.getKey()) ? e.getKey() : "storage-engine." + e.getKey();
          if (k.equals("default-ttl")) ns.defaultTtl = Long.parseLong(e.getValue());
          else ns.overrides.put(k, e.getValue());
        }
        return "ok";
      }
      case "xdr":
        return cluster.xdr.setConfig(node, p);
      default:
        return "ERROR::invalid context";
    }
  }

  private String getStats(Map<String, String> p) {
    if (!"xdr".equals(p.get("context"))) return "ERROR:4:unknown context";
    return cluster.xdr.getStats(node, p);
  }

  // -------------------------------------------------------------- jobs

  /**
   * {@code query-show[:id=N]} (server 8.1 {@code cmd_query_show}; {@code trid=} is its alias): all
   * jobs newest first, {@code ;}-separated, empty when the node has none; one job by id, or
   * {@code ERROR:2:job not found}; a malformed or zero id {@code ERROR:4:bad id}. Before 6.4,
   * {@code scan-show} is the same command; before 6.0 scans were their own module, so there
   * {@code query-show} lists no scan and {@code scan-show} lists them, in the job monitor format.
   */
  private String queryShow(Map<String, String> p, boolean scanShow) {
    boolean scansHere = cluster.version.atLeast(6, 0) || scanShow;
    boolean monitorFormat = !cluster.version.atLeast(6, 3);
    String id = p.containsKey("id") ? p.get("id") : p.get("trid");
    if (id == null) {
      if (!scansHere) return "";
      List<String> out = new ArrayList<>();
      for (QueryJobs.Job j : node.jobs.all()) out.add(QueryJobs.describe(j, monitorFormat));
      return String.join(";", out);
    }
    long trid;
    try {
      trid = Long.parseUnsignedLong(id);
    } catch (NumberFormatException e) {
      trid = 0;
    }
    if (trid == 0) return "ERROR:4:bad id";
    QueryJobs.Job j = scansHere ? node.jobs.find(trid) : null;
    return j == null ? "ERROR:2:job not found" : QueryJobs.describe(j, monitorFormat);
  }

  /**
   * The job monitor before 6.3 ({@code jobs[:module=M[;cmd=get-job;trid=N]]}, server 6.1
   * {@code monitor.c}): entries {@code module=<m>:trid=...;}; scans are module {@code scan} before
   * 6.0 and {@code query} from 6.0 (where {@code module=scan} is accepted as {@code query}).
   */
  private String jobs(Map<String, String> p) {
    String scanModule = cluster.version.atLeast(6, 0) ? "query" : "scan";
    List<String> modules = cluster.version.atLeast(6, 0) ? List.of("query", "sindex-builder") : List.of("query", "scan", "sindex-builder");
    String module = p.get("module");
    if (module != null && cluster.version.atLeast(6, 0) && module.equals("scan")) module = "query";
    if (module != null && !modules.contains(module)) return "ERROR:2:module \"" + module + "\" not found";
    String cmd = module == null ? null : p.get("cmd");
    if (cmd == null) {
      if (module != null && !module.equals(scanModule)) return "";
      StringBuilder sb = new StringBuilder();
      for (QueryJobs.Job j : node.jobs.all()) {
        sb.append("module=").append(scanModule).append(':').append(QueryJobs.describe(j, true)).append(';');
      }
      if (sb.length() > 0) sb.setLength(sb.length() - 1);
      return sb.toString();
    }
    switch (cmd) {
      case "get-job": {
        long trid;
        try {
          trid = Long.parseUnsignedLong(p.getOrDefault("trid", ""));
        } catch (NumberFormatException e) {
          return "ERROR:4:bad trid";
        }
        QueryJobs.Job j = module.equals(scanModule) ? node.jobs.find(trid) : null;
        return j == null ? "ERROR:2:job not found" : QueryJobs.describe(j, true);
      }
      case "set-priority":
        return "OK";
      default:
        // kill-job included: the emulator cannot abort a running scan, so it refuses rather than
        // acknowledging a kill it would not do.
        return "ERROR:4:unrecognized command \"" + cmd + "\"";
    }
  }

  // -------------------------------------------------------------- sindex

  /** The namespace of a sindex command: {@code ns=}, or {@code namespace=} (server 8.1 form). */
  private NamespaceRuntime sindexNamespace(Map<String, String> p) {
    String ns = p.containsKey("namespace") ? p.get("namespace") : p.get("ns");
    return ns == null ? null : cluster.namespace(ns);
  }

  private String sindexList(Map<String, String> p) {
    StringBuilder sb = new StringBuilder();
    if (p.containsKey("ns") || p.containsKey("namespace")) {
      NamespaceRuntime ns = sindexNamespace(p);
      if (ns == null) return "FAIL:20:namespace not found";
      ns.sindexes.list(sb, cluster.version);
    } else {
      for (NamespaceRuntime ns : cluster.namespaces.values()) ns.sindexes.list(sb, cluster.version);
    }
    return sb.toString();
  }

  private String sindexCreate(Map<String, String> p) {
    NamespaceRuntime ns = sindexNamespace(p);
    if (ns == null) return "FAIL:20:namespace not found";
    return ns.sindexes.create(p, cluster.version);
  }

  private String sindexDelete(Map<String, String> p) {
    NamespaceRuntime ns = sindexNamespace(p);
    if (ns == null) return "FAIL:20:namespace not found";
    return ns.sindexes.delete(p);
  }

  /** {@code sindex-exists:ns=..;indexname=..}: {@code true}/{@code false} (client IndexTask on drop). */
  private String sindexExists(Map<String, String> p) {
    NamespaceRuntime ns = sindexNamespace(p);
    if (ns == null) return "FAIL:20:namespace not found";
    return Boolean.toString(ns.sindexes.exists(p.getOrDefault("indexname", "")));
  }

  /** {@code sindex/<ns>/<name>} (client IndexTask on create polls it for load_pct). */
  private String sindexStat(String args) {
    int cut = args.indexOf('/');
    NamespaceRuntime ns = cluster.namespace(cut < 0 ? args : args.substring(0, cut));
    if (ns == null) return "FAIL:20:namespace not found";
    if (cut < 0) {
      StringBuilder sb = new StringBuilder();
      ns.sindexes.list(sb, cluster.version);
      return sb.toString();
    }
    return ns.sindexes.stat(args.substring(cut + 1));
  }

  // -------------------------------------------------------------- udf, truncate

  /**
   * {@code udf-get:filename=X}: {@code gen=<hash>;type=LUA;content=<base64>} as the server's
   * udf_cask answers (what asbackup and backup-go decode); an unknown module gives
   * {@code error=not_found}.
   */
  private String udfGet(Map<String, String> p) {
    String file = p.get("filename");
    String content = file == null ? null : cluster.udfs.get(file);
    if (content == null) return "error=not_found";
    return "gen=" + sha1(content) + ";type=LUA;content=" + content;
  }

  private String udfList() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(cluster.udfs).entrySet()) {
      sb.append("filename=").append(e.getKey()).append(",hash=").append(sha1(e.getValue())).append(",type=LUA;");
    }
    return sb.toString();
  }

  private String udfPut(Map<String, String> p) {
    String file = p.get("filename");
    String content = p.get("content");
    if (file == null || file.isEmpty() || content == null) return "error=invalid_request;message=missing filename or content";
    try {
      Base64.getDecoder().decode(content);
    } catch (IllegalArgumentException e) {
      return "error=invalid_request;message=content is not base64";
    }
    cluster.udfs.put(file, content);
    return "";
  }

  private String udfRemove(Map<String, String> p) {
    String file = p.get("filename");
    // client 9.2.0 removeUdf accepts "error=file_not_found" as already removed
    if (file == null || cluster.udfs.remove(file) == null) return "error=file_not_found";
    return "ok";
  }

  private static String sha1(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String truncate(Map<String, String> p, boolean wholeNamespace) {
    NamespaceRuntime ns = cluster.namespace(p.get("namespace"));
    if (ns == null) return "ERROR:4:namespace not found";
    String set = wholeNamespace ? null : p.get("set");
    if (!wholeNamespace && (set == null || set.isEmpty())) return "ERROR:4:set not specified";
    long lutMillis = System.currentTimeMillis();
    String lut = p.get("lut");
    if (lut != null) {
      try {
        lutMillis = Long.parseLong(lut) / 1_000_000L;
      } catch (NumberFormatException e) {
        return "ERROR:4:bad lut";
      }
      if (lutMillis > System.currentTimeMillis()) return "ERROR:4:lut is in the future";
    } else {
      lutMillis = lutMillis + 1;
    }
    ns.store.truncate(set, lutMillis);
    return "ok";
  }

  private static String join(Map<String, String> kv) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : kv.entrySet()) {
      if (sb.length() > 0) sb.append(';');
      sb.append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.toString();
  }

  /** The largest clock difference between running nodes, as the server's heartbeat measures it. */
  private long clockSkewMillis() {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    boolean[] running = cluster.runningNodes();
    for (int i = 0; i < running.length; i++) {
      if (running[i]) {
        long offset = cluster.faults().clockOffsetMillis(i);
        min = Math.min(min, offset);
        max = Math.max(max, offset);
      }
    }
    return max >= min ? max - min : 0;
  }
}

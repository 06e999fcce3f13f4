package io.aeroshift.emulator;

import io.aeroshift.emulator.EmulatedCluster.NamespaceRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * XDR of an emulated cluster: the {@code xdr} info context on each node (dynamic XDR, AKO-NOTES
 * section 9.1) and the shipping of changes to the DC destinations ({@link XdrShipper}).
 *
 * <p>Replies follow the server: {@code ok} on success; a parameter or state the server refuses
 * answers {@code ERROR:4:invalid state or set-config parameter} ({@code cfg_info.c} when
 * {@code as_xdr_set_config} fails: creating an existing DC, deleting a DC that still ships
 * namespaces, adding a namespace twice, an unknown parameter, {@code connector} without the
 * {@code asdb-change-notification} feature, any DC without {@code asdb-xdr}); Community Edition
 * answers {@code set-config:context=xdr} with {@code ERROR:25:enterprise only} and
 * {@code get-config}/{@code get-stats} of the xdr context with an empty value ({@code xdr_ce.c}).
 */
final class XdrService {
  static final String REFUSED = "ERROR:4:invalid state or set-config parameter";
  static final String ENTERPRISE_ONLY = "ERROR:25:enterprise only";

  private final EmulatedCluster cluster;
  private final XdrShipper shipper;
  /** True once any node has had a DC: writes only look for DCs after that. */
  private volatile boolean anyDc;

  XdrService(EmulatedCluster cluster) {
    this.cluster = cluster;
    this.shipper = new XdrShipper(cluster);
  }

  void close() {
    shipper.close();
  }

  // ---------------------------------------------------------------- change capture

  /** A client write or delete committed on the record: queue it on its master node's DCs. */
  void submit(String namespace, byte[] digest, String set) {
    if (!anyDc) return;
    int[] owners = cluster.partitionMap.owners(Wire.partitionId(digest), 1, cluster.runningNodes());
    if (owners.length == 0) return;
    EmulatedNode master = cluster.node(owners[0]);
    long now = System.currentTimeMillis();
    Map<String, XdrDc> dcs = master.xdrDcs;
    synchronized (dcs) {
      for (XdrDc dc : dcs.values()) {
        XdrDc.DcNamespace ns = dc.namespaces.get(namespace);
        if (ns != null && Boolean.parseBoolean(ns.options.get("enabled"))) ns.enqueue(digest, set, now);
      }
    }
  }

  // ---------------------------------------------------------------- info

  String featureKey() {
    if (cluster.edition != Edition.ENTERPRISE) return ENTERPRISE_ONLY;
    StringBuilder sb = new StringBuilder("feature-key-version=2;serial-number=emulated;account-name=aeroshift-emulator");
    for (String f : List.of("asdb-change-notification", "asdb-cluster-nodes-limit", "asdb-compression",
        "asdb-encryption-at-rest", "asdb-flash-index", "asdb-ldap", "asdb-pmem", "asdb-rack-aware", "asdb-secrets",
        "asdb-strong-consistency", "asdb-vault", "asdb-xdr")) {
      if (f.equals("asdb-cluster-nodes-limit")) sb.append(';').append(f).append("=0");
      else sb.append(';').append(f).append('=').append(cluster.featureKeys.contains(f));
    }
    return sb.toString();
  }

  String getConfig(EmulatedNode node, Map<String, String> p) {
    if (cluster.edition != Edition.ENTERPRISE) return "";
    Map<String, XdrDc> dcs = node.xdrDcs;
    synchronized (dcs) {
      String dcName = p.get("dc");
      if (dcName == null) {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("dcs", String.join(",", dcs.keySet()));
        kv.put("src-id", "0");
        kv.put("trace-sample", "0");
        kv.putAll(cluster.xdrConfig);
        return join(kv);
      }
      XdrDc dc = dcs.get(dcName);
      if (dc == null) return "ERROR:4:DC not found";
      String nsName = p.get("namespace");
      if (nsName != null) {
        XdrDc.DcNamespace ns = dc.namespaces.get(nsName);
        return ns == null ? "ERROR:4:namespace not found" : join(ns.options);
      }
      Map<String, String> kv = new LinkedHashMap<>(dc.options);
      kv.put("node-address-port", String.join(",", dc.nodeAddressPorts));
      kv.put("namespaces", String.join(",", dc.namespaces.keySet()));
      return join(kv);
    }
  }

  String setConfig(EmulatedNode node, Map<String, String> p) {
    if (cluster.edition != Edition.ENTERPRISE) return ENTERPRISE_ONLY;
    String dcName = p.remove("dc");
    if (dcName == null) {
      for (String k : p.keySet()) if (!k.equals("src-id") && !k.equals("trace-sample")) return REFUSED;
      cluster.xdrConfig.putAll(p);
      return "ok";
    }
    if (!cluster.featureKeys.contains("asdb-xdr")) return REFUSED;
    Map<String, XdrDc> dcs = node.xdrDcs;
    synchronized (dcs) {
      String action = p.remove("action");
      String nsName = p.remove("namespace");
      String address = p.remove("node-address-port");
      XdrDc dc = dcs.get(dcName);
      if (nsName == null && address == null && action != null) {
        if (action.equals("create")) {
          if (dc != null || dcName.isEmpty() || dcName.length() > 31 || !p.isEmpty()) return REFUSED;
          dcs.put(dcName, new XdrDc(dcName));
          anyDc = true;
          shipper.ensureRunning();
          return "ok";
        }
        if (action.equals("delete")) {
          if (dc == null || !dc.namespaces.isEmpty()) return REFUSED;
          dcs.remove(dcName);
          return "ok";
        }
        return REFUSED;
      }
      if (dc == null) return REFUSED;
      if (address != null) return nodeAddressPort(dc, address, action, p);
      if (nsName != null) return namespace(dc, nsName, action, p);
      return dcOptions(dc, p);
    }
  }

  private String dcOptions(XdrDc dc, Map<String, String> p) {
    if (p.isEmpty()) return REFUSED;
    for (Map.Entry<String, String> e : p.entrySet()) {
      String k = e.getKey();
      if (!XdrDc.DC_DEFAULTS.containsKey(k)) return REFUSED;
      if (k.equals("connector")) {
        boolean on = Boolean.parseBoolean(e.getValue());
        if (!e.getValue().equals("true") && !e.getValue().equals("false")) return REFUSED;
        if (on && !cluster.featureKeys.contains("asdb-change-notification")) return REFUSED;
        // the DC's protocol cannot change under namespaces it ships
        if (!dc.namespaces.isEmpty() && on != dc.connector()) return REFUSED;
      }
      if (k.equals("auth-mode") && !List.of("none", "internal", "external", "external-insecure", "pki").contains(e.getValue())) {
        return REFUSED;
      }
    }
    dc.options.putAll(p);
    return "ok";
  }

  private static String nodeAddressPort(XdrDc dc, String address, String action, Map<String, String> rest) {
    if (!rest.isEmpty()) return REFUSED;
    String[] parts = address.split(":");
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) return REFUSED;
    try {
      int port = Integer.parseInt(parts[1]);
      if (port < 1 || port > 65535) return REFUSED;
    } catch (NumberFormatException e) {
      return REFUSED;
    }
    if ("add".equals(action)) {
      if (dc.nodeAddressPorts.contains(address)) return REFUSED;
      dc.nodeAddressPorts.add(address);
      return "ok";
    }
    if ("remove".equals(action)) {
      return dc.nodeAddressPorts.remove(address) ? "ok" : REFUSED;
    }
    return REFUSED;
  }

  private String namespace(XdrDc dc, String nsName, String action, Map<String, String> rest) {
    NamespaceRuntime runtime = cluster.namespace(nsName);
    if (runtime == null) return REFUSED;
    if ("add".equals(action)) {
      if (dc.namespaces.containsKey(nsName)) return REFUSED;
      String rewind = rest.remove("rewind");
      if (!rest.isEmpty()) return REFUSED;
      XdrDc.DcNamespace ns = new XdrDc.DcNamespace(nsName);
      if (rewind != null) {
        long now = System.currentTimeMillis();
        if (rewind.equals("all")) {
          ns.rewindAll = true;
          ns.rewindFromMillis = 0;
        } else {
          try {
            long seconds = Long.parseLong(rewind);
            if (seconds <= 0) return REFUSED;
            ns.rewindFromMillis = now - seconds * 1000;
          } catch (NumberFormatException e) {
            return REFUSED;
          }
        }
        for (int pid = 0; pid < NamespaceStore.PARTITIONS; pid++) ns.recoveriesPending.add(pid);
      }
      dc.namespaces.put(nsName, ns);
      return "ok";
    }
    if ("remove".equals(action)) {
      if (!rest.isEmpty()) return REFUSED;
      return dc.namespaces.remove(nsName) == null ? REFUSED : "ok";
    }
    if (action != null || rest.isEmpty()) return REFUSED;
    XdrDc.DcNamespace ns = dc.namespaces.get(nsName);
    if (ns == null) return REFUSED;
    for (String k : rest.keySet()) if (!XdrDc.NS_DEFAULTS.containsKey(k) && !k.equals("ignore-set") && !k.equals("ship-set")) return REFUSED;
    ns.options.putAll(rest);
    return "ok";
  }

  /**
   * {@code get-stats:context=xdr;dc=DC[;namespace=NS]}: the 5.0+ statistics asadm reads. {@code lag}
   * is seconds since the last-update time of the newest change shipped while changes wait (0 when
   * nothing waits); during a rewind it is measured from the rewind point ({@code rewind=all}: the
   * 2010 epoch), as the server does. An unreachable destination shows as {@code nodes=0}, queued
   * changes that stay queued and growing {@code retry_no_node}.
   */
  String getStats(EmulatedNode node, Map<String, String> p) {
    if (cluster.edition != Edition.ENTERPRISE) return "";
    Map<String, XdrDc> dcs = node.xdrDcs;
    synchronized (dcs) {
      XdrDc dc = dcs.get(p.getOrDefault("dc", ""));
      if (dc == null) return "ERROR:4:DC not found";
      List<XdrDc.DcNamespace> selected = new ArrayList<>();
      String nsName = p.get("namespace");
      if (nsName != null) {
        XdrDc.DcNamespace ns = dc.namespaces.get(nsName);
        if (ns == null) return "ERROR:4:namespace not found";
        selected.add(ns);
      } else {
        selected.addAll(dc.namespaces.values());
      }
      long now = System.currentTimeMillis();
      long inQueue = 0;
      long pending = 0;
      long oldest = Long.MAX_VALUE;
      boolean rewindAll = false;
      long rewindFrom = Long.MAX_VALUE;
      for (XdrDc.DcNamespace ns : selected) {
        inQueue += ns.queue.size();
        pending += ns.recoveriesPending.size();
        if (!ns.queue.isEmpty()) oldest = Math.min(oldest, ns.queue.values().iterator().next().queuedMillis());
        if (!ns.recoveriesPending.isEmpty()) {
          rewindAll |= ns.rewindAll;
          rewindFrom = Math.min(rewindFrom, ns.rewindFromMillis);
        }
      }
      long lag;
      if (pending > 0) {
        lag = rewindAll ? now / 1000 - StoredRecord.EPOCH_2010_SECONDS : (now - rewindFrom) / 1000;
      } else if (inQueue > 0) {
        long basis = Math.min(oldest, Math.max(dc.lastShipMillis, oldest));
        lag = Math.max(0, (now - basis) / 1000);
      } else {
        lag = 0;
      }
      Map<String, String> kv = new LinkedHashMap<>();
      kv.put("lag", Long.toString(lag));
      kv.put("in_queue", Long.toString(inQueue));
      kv.put("in_progress", "0");
      kv.put("success", Long.toString(dc.success.get()));
      kv.put("abandoned", Long.toString(dc.abandoned.get()));
      kv.put("not_found", Long.toString(dc.notFound.get()));
      kv.put("filtered_out", Long.toString(dc.filteredOut.get()));
      kv.put("retry_no_node", Long.toString(dc.retryNoNode.get()));
      kv.put("retry_conn_reset", Long.toString(dc.retryConnReset.get()));
      kv.put("retry_dest", Long.toString(dc.retryDest.get()));
      kv.put("recoveries", Long.toString(dc.recoveries.get()));
      kv.put("recoveries_pending", Long.toString(pending));
      kv.put("hot_keys", "0");
      kv.put("uncompressed_pct", "100.000");
      kv.put("compression_ratio", "1.000");
      kv.put("throughput", Long.toString(dc.throughput));
      kv.put("latency_ms", "0");
      kv.put("lap_us", "0");
      kv.put("nodes", Integer.toString(dc.connectedNodes));
      return join(kv);
    }
  }

  static String join(Map<String, String> kv) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : kv.entrySet()) {
      if (sb.length() > 0) sb.append(';');
      sb.append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.toString();
  }
}

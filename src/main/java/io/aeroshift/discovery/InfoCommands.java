package io.aeroshift.discovery;

import java.util.List;

/** The info commands discovery sends, in one place so the reader and the assembler agree. */
public final class InfoCommands {
  public static final String NODE = "node";
  public static final String BUILD = "build";
  public static final String EDITION = "edition";
  public static final String CLUSTER_NAME = "cluster-name";
  public static final String STATISTICS = "statistics";
  public static final String NAMESPACES = "namespaces";
  public static final String UDF_LIST = "udf-list";
  /** 6.0+ spelling; older servers answer {@link #SINDEX_LEGACY}. */
  public static final String SINDEX_LIST = "sindex-list:";
  public static final String SINDEX_LEGACY = "sindex";
  public static final String PEERS = "peers-clear-std";
  /** Service-context settings (cluster-name, node-id, proto-fd-max...). */
  public static final String SERVICE_CONFIG = "get-config:context=service";
  /** Network-context settings (service.port, heartbeat.mode...). */
  public static final String NETWORK_CONFIG = "get-config:context=network";

  /** Node-level commands sent first to every node, in one request. */
  public static final List<String> NODE_LEVEL =
      List.of(NODE, BUILD, EDITION, CLUSTER_NAME, STATISTICS, NAMESPACES, UDF_LIST, SINDEX_LIST, PEERS,
          SERVICE_CONFIG, NETWORK_CONFIG);

  private InfoCommands() {}

  /** Statistics and configuration of a namespace (both, on every server version). */
  public static String namespace(String ns) {
    return "namespace/" + ns;
  }

  /** The sets of a namespace with their per-node figures. */
  public static String sets(String ns) {
    return "sets/" + ns;
  }

  /** Only the configuration of a namespace (absent on some emulators: then {@link #namespace} serves). */
  public static String namespaceConfig(String ns) {
    return "get-config:context=namespace;id=" + ns;
  }

  /** Commands sent per namespace in the first round. */
  public static List<String> perNamespace(String ns) {
    return List.of(namespace(ns), sets(ns), namespaceConfig(ns));
  }
}

package io.aeroshift.emulator;

import com.aerospike.client.Host;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mindrot.jbcrypt.BCrypt;

/**
 * An in-process Aerospike cluster the official client talks to over loopback TCP. The record
 * store is shared by the nodes; the partition map decides which running node is master and which
 * are replicas of each partition, so stopping a node moves its partitions and data stays readable.
 */
public final class EmulatedCluster implements AutoCloseable {
  private static final AtomicInteger CLUSTER_SEQ = new AtomicInteger();
  private static final int PROCESS_TAG = (int) (ProcessHandle.current().pid() & 0xFFFF);
  /** The client's fixed bcrypt salt for credentials (AdminCommand.hashPassword). */
  static final String CREDENTIAL_SALT = "$2a$10$7EqJtq98hPqEX7fNZaFWoO";

  final Edition edition;
  final ServerVersion version;
  final String clusterName;
  final Map<String, NamespaceRuntime> namespaces;
  final Map<String, UserEntry> users;
  final List<EmulatedNode> nodes = new ArrayList<>();
  final PartitionMap partitionMap;
  final AtomicInteger partitionGeneration = new AtomicInteger(1);
  final AtomicInteger peersGeneration = new AtomicInteger(1);
  final Map<String, String> serviceConfig = new ConcurrentHashMap<>();
  final Map<String, String> xdrConfig = new ConcurrentHashMap<>();
  /** Feature-key features this cluster's key enables (Enterprise only; {@code feature-key} info). */
  final java.util.Set<String> featureKeys;
  final XdrService xdr;
  final Map<String, String> udfs = new ConcurrentHashMap<>();
  final Map<String, SessionEntry> sessions = new ConcurrentHashMap<>();
  final AtomicLong clusterKey = new AtomicLong();
  private final ExecutorService executor;
  private final Faults faults;
  private final Commands commands;
  private volatile boolean[] running;
  private final Map<Integer, NodeDestination> destinations = new ConcurrentHashMap<>();
  private volatile boolean closed;

  record UserEntry(String name, String credential, List<String> roles) {}

  record SessionEntry(String user, long expiresAtMillis) {}

  /** A namespace's spec, store and live (set-config) configuration. */
  static final class NamespaceRuntime {
    final NamespaceSpec spec;
    final NamespaceStore store;
    final Map<String, String> overrides = new ConcurrentHashMap<>();
    final SecondaryIndexes sindexes;
    volatile long defaultTtl;

    NamespaceRuntime(NamespaceSpec spec) {
      this.spec = spec;
      this.store = new NamespaceStore(spec.name());
      this.sindexes = new SecondaryIndexes(spec.name());
      this.defaultTtl = spec.defaultTtl();
    }
  }

  private EmulatedCluster(Builder b) {
    this.edition = b.edition;
    this.version = ServerVersion.parse(b.build);
    this.clusterName = b.clusterName;
    Map<String, NamespaceRuntime> ns = new LinkedHashMap<>();
    for (NamespaceSpec s : b.namespaces) ns.put(s.name(), new NamespaceRuntime(s));
    this.namespaces = Collections.unmodifiableMap(ns);
    this.users = Map.copyOf(b.users);
    this.featureKeys = b.edition != Edition.ENTERPRISE ? java.util.Set.of()
        : b.featureKeys != null ? java.util.Set.copyOf(b.featureKeys) : ALL_FEATURES;
    // A cluster kept on disk keeps its identity too (node ids, partition map): the same cluster
    // after a restart, as a real one is.
    int seq = b.dataDir == null ? CLUSTER_SEQ.incrementAndGet()
        : 0x8000 | (b.dataDir.toAbsolutePath().normalize().toString().hashCode() & 0x7FFF);
    this.partitionMap = new PartitionMap(b.nodes, 0x5EEDL * seq);
    this.clusterKey.set(0xA5A5_0000_0000L + seq * 7919L);
    ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "emulator-conn");
      t.setDaemon(true);
      return t;
    });
    this.executor = pool;
    this.running = new boolean[b.nodes];
    for (int i = 0; i < b.nodes; i++) {
      // unique per process too, as a real node id (MAC and port) is per host: two emulator processes
      // on one machine are two clusters, and source/target checks compare node ids; a cluster kept
      // on disk keeps its ids across processes (it is the same cluster again)
      String nodeId = String.format("BB9%04X%04X%04X", b.dataDir == null ? PROCESS_TAG : 0xD15C, seq & 0xFFFF, i + 1);
      int port = b.nodePorts != null ? b.nodePorts[i] : b.basePort == 0 ? 0 : b.basePort + i;
      nodes.add(new EmulatedNode(this, i, nodeId, port, executor));
    }
    this.faults = new Faults(b.nodes, asking -> nodes.forEach(n -> n.dropConnectionsExcept(asking)));
    this.commands = new Commands(this);
    this.xdr = new XdrService(this);
  }

  /** The features of a full Enterprise feature key (the default for ENTERPRISE clusters). */
  public static final java.util.Set<String> ALL_FEATURES = java.util.Set.of("asdb-change-notification", "asdb-compression",
      "asdb-encryption-at-rest", "asdb-flash-index", "asdb-ldap", "asdb-pmem", "asdb-rack-aware", "asdb-secrets",
      "asdb-strong-consistency", "asdb-vault", "asdb-xdr");

  public static Builder builder() {
    return new Builder();
  }

  /** Builder of an emulated cluster; see the emulator documentation for defaults. */
  public static final class Builder {
    private int nodes = 1;
    private int basePort = 0;
    private Edition edition = Edition.COMMUNITY;
    private String build = "7.2.0.6";
    private String clusterName;
    private final List<NamespaceSpec> namespaces = new ArrayList<>();
    private final Map<String, UserEntry> users = new LinkedHashMap<>();
    private int[] nodePorts;
    private java.nio.file.Path dataDir;
    private java.util.Set<String> featureKeys;

    /**
     * The features the Enterprise feature key enables, e.g. without {@code asdb-xdr} to see XDR
     * refused; default {@link EmulatedCluster#ALL_FEATURES}. Community clusters have no key.
     */
    public Builder featureKeys(String... features) {
      this.featureKeys = java.util.Set.of(features);
      return this;
    }

    public Builder nodes(int n) {
      if (n < 1 || n > 128) throw new IllegalArgumentException("node count " + n + " must be 1..128");
      this.nodes = n;
      return this;
    }

    public Builder basePort(int port) {
      if (port < 0 || port > 65535) throw new IllegalArgumentException("base port " + port + " must be 0..65535");
      this.basePort = port;
      return this;
    }

    /** The port of each node (0 = any free port); overrides {@link #basePort}. */
    public Builder nodePorts(int... ports) {
      for (int p : ports) {
        if (p < 0 || p > 65535) throw new IllegalArgumentException("port " + p + " must be 0..65535");
      }
      this.nodePorts = ports.clone();
      return this;
    }

    /**
     * Keeps the records on disk under {@code dir} (one journal per namespace): a cluster started
     * again on the same directory has the records, node ids and partition map it had, even after
     * its process was killed. For the embedded demo; tests and benchmarks keep memory only.
     */
    public Builder keepOnDisk(java.nio.file.Path dir) {
      this.dataDir = java.util.Objects.requireNonNull(dir, "dir");
      return this;
    }

    public Builder edition(Edition e) {
      this.edition = java.util.Objects.requireNonNull(e, "edition");
      return this;
    }

    public Builder build(String build) {
      ServerVersion.parse(build);
      this.build = build;
      return this;
    }

    public Builder clusterName(String name) {
      if (name != null && (name.isBlank() || name.contains(";") || name.contains("\t") || name.contains("\n"))) {
        throw new IllegalArgumentException("cluster name '" + name + "' must be non-blank without ';', tab or newline");
      }
      this.clusterName = name;
      return this;
    }

    public Builder namespace(NamespaceSpec spec) {
      for (NamespaceSpec s : namespaces) {
        if (s.name().equals(spec.name())) throw new IllegalArgumentException("namespace " + spec.name() + " configured twice");
      }
      namespaces.add(spec);
      return this;
    }

    /** A user with password and roles; only an ENTERPRISE cluster accepts users, and then security is on. */
    public Builder user(String name, String password, String... roles) {
      if (name == null || name.isBlank() || password == null || password.isEmpty()) {
        throw new IllegalArgumentException("user name and password must be non-empty");
      }
      users.put(name, new UserEntry(name, BCrypt.hashpw(password, CREDENTIAL_SALT), List.of(roles)));
      return this;
    }

    /** Starts every node; returns once all of them accept connections. */
    public EmulatedCluster start() {
      if (namespaces.isEmpty()) namespaces.add(NamespaceSpec.named("test"));
      if (!users.isEmpty() && edition != Edition.ENTERPRISE) {
        throw new IllegalArgumentException("users need Edition.ENTERPRISE: Community Edition has no security");
      }
      if (nodePorts != null && nodePorts.length != nodes) {
        throw new IllegalArgumentException(nodePorts.length + " node ports for " + nodes + " nodes");
      }
      EmulatedCluster c = new EmulatedCluster(this);
      try {
        if (dataDir != null) {
          for (NamespaceRuntime rt : c.namespaces.values()) {
            rt.store.keepOnDisk(dataDir.resolve(rt.spec.name() + ".journal"));
          }
        }
        for (int i = 0; i < c.nodes.size(); i++) c.startNode(i);
      } catch (RuntimeException e) {
        c.close();
        throw e;
      }
      return c;
    }
  }

  // Public handle

  /** "127.0.0.1:port" of every node, running or not. */
  public List<String> seeds() {
    List<String> out = new ArrayList<>();
    for (EmulatedNode n : nodes) out.add("127.0.0.1:" + n.port());
    return out;
  }

  /** Hosts of the running nodes. */
  public Host[] hosts() {
    List<Host> out = new ArrayList<>();
    for (EmulatedNode n : nodes) if (n.running()) out.add(new Host("127.0.0.1", n.port()));
    return out.toArray(new Host[0]);
  }

  /** The listening port of every node, running or not, in node order. */
  public int[] ports() {
    return nodes.stream().mapToInt(EmulatedNode::port).toArray();
  }

  /** Records in a namespace now (expired ones reaped first), across the cluster. */
  public long objectCount(String ns) {
    NamespaceRuntime rt = namespaces.get(ns);
    if (rt == null) throw new IllegalArgumentException("unknown namespace " + ns);
    return rt.store.objectCount(System.currentTimeMillis());
  }

  /** Configured node count. */
  public int size() {
    return nodes.size();
  }

  /** The node id (info {@code node}) of node i. */
  public String nodeId(int i) {
    return node(i).nodeId;
  }

  public boolean isRunning(int i) {
    return node(i).running();
  }

  public Faults faults() {
    return faults;
  }

  public Edition edition() {
    return edition;
  }

  public String build() {
    return version.build();
  }

  /** Stops node i: closes its listener and connections; its partitions move to the others. */
  public synchronized void stopNode(int i) {
    EmulatedNode n = node(i);
    boolean[] r = running.clone();
    r[i] = false;
    running = r;
    bumpGenerations();
    n.stop();
  }

  /** (Re)starts node i on the same port with the same node id. */
  public synchronized void startNode(int i) {
    EmulatedNode n = node(i);
    if (closed) throw new IllegalStateException("cluster is closed");
    try {
      n.start();
    } catch (IOException e) {
      throw new UncheckedIOException("node " + i + " could not listen on port " + n.port(), e);
    }
    boolean[] r = running.clone();
    r[i] = true;
    running = r;
    XdrDestination.Registry.register(n.port(), destinations.computeIfAbsent(i, k -> new NodeDestination(n)));
    bumpGenerations();
  }

  private void bumpGenerations() {
    partitionGeneration.incrementAndGet();
    peersGeneration.incrementAndGet();
    clusterKey.addAndGet(0x1_0001L);
  }

  /**
   * Fills a namespace directly (no client round trips) with {@code count} records of one string bin
   * {@code payload} padded to about {@code recordSizeBytes}, keys "key-0".. stored with the record.
   */
  public void loadRecords(String ns, String set, int count, int recordSizeBytes) {
    NamespaceRuntime rt = namespaces.get(ns);
    if (rt == null) throw new IllegalArgumentException("unknown namespace " + ns);
    if (count < 0 || recordSizeBytes < 0) throw new IllegalArgumentException("count and size must be >= 0");
    String setName = set == null ? "" : rt.store.internSet(set);
    long now = System.currentTimeMillis();
    byte[] name = "payload".getBytes(StandardCharsets.UTF_8);
    int valueLen = Math.max(1, recordSizeBytes - 20);
    for (int i = 0; i < count; i++) {
      String keyString = "key-" + i;
      byte[] digest = com.aerospike.client.Key.computeDigest(setName, new com.aerospike.client.Value.StringValue(keyString));
      byte[] value = new byte[valueLen];
      byte[] tag = (keyString + ":").getBytes(StandardCharsets.US_ASCII);
      for (int j = 0; j < valueLen; j++) value[j] = j < tag.length ? tag[j] : (byte) ('a' + (j + i) % 26);
      OutBuffer bins = new OutBuffer(8 + name.length + valueLen);
      AsMsg.binOp(bins, name, 3, value);
      StoredRecord r = new StoredRecord(digest, setName, 1, 0, now, (byte) 3,
          keyString.getBytes(StandardCharsets.UTF_8), bins.buf, 1);
      Partition p = rt.store.partition(digest);
      synchronized (p) {
        rt.store.store(p, r);
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    xdr.close();
    destinations.forEach((i, d) -> XdrDestination.Registry.unregister(nodes.get(i).port(), d));
    for (EmulatedNode n : nodes) n.stop();
    executor.shutdownNow();
    for (NamespaceRuntime rt : namespaces.values()) rt.store.closeJournal();
  }

  // Internal access for the protocol handlers

  EmulatedNode node(int i) {
    if (i < 0 || i >= nodes.size()) throw new IllegalArgumentException("node index " + i + " out of 0.." + (nodes.size() - 1));
    return nodes.get(i);
  }

  boolean[] runningNodes() {
    return running;
  }

  Commands commands() {
    return commands;
  }

  boolean securityEnabled() {
    return edition == Edition.ENTERPRISE && !users.isEmpty();
  }

  NamespaceRuntime namespace(String name) {
    return name == null ? null : namespaces.get(name);
  }

  /**
   * A node of this cluster as the destination of another cluster's XDR DC. Shipped records keep
   * the origin's last-update time and void time (XDR carries them; a copy made by a client would
   * not), the generation counts on from the destination's, and the destination node counts them
   * as {@code xdr_client_write_success} / {@code xdr_client_delete_success|not_found}.
   */
  private final class NodeDestination implements XdrDestination {
    private final EmulatedNode node;

    NodeDestination(EmulatedNode node) {
      this.node = node;
    }

    @Override
    public boolean connector() {
      return false;
    }

    @Override
    public boolean reachable() {
      return !closed && node.running();
    }

    @Override
    public Outcome write(String namespace, StoredRecord r) {
      if (!reachable()) return Outcome.UNREACHABLE;
      NamespaceRuntime ns = namespace(namespace);
      if (ns == null) return Outcome.ABANDONED;
      Partition p = ns.store.partition(r.digest);
      synchronized (p) {
        StoredRecord old = p.get(r.digest);
        int generation = old == null ? 1 : Commands.nextGeneration(old.generation);
        ns.store.store(p, new StoredRecord(r.digest, ns.store.internSet(r.setName), generation, r.voidTime, r.lastUpdateMillis,
            r.keyType, r.key, r.bins, r.binCount));
      }
      // XDR writes are not shipped on by the destination's own DCs (forward false, the default)
      node.stats.inc(namespace, "xdr_client_write_success");
      return Outcome.SHIPPED;
    }

    @Override
    public Outcome delete(String namespace, String set, byte[] digest) {
      if (!reachable()) return Outcome.UNREACHABLE;
      NamespaceRuntime ns = namespace(namespace);
      if (ns == null) return Outcome.ABANDONED;
      Partition p = ns.store.partition(digest);
      StoredRecord old;
      synchronized (p) {
        old = ns.store.delete(p, digest);
      }
      node.stats.inc(namespace, old == null ? "xdr_client_delete_not_found" : "xdr_client_delete_success");
      return old == null ? Outcome.NOT_FOUND : Outcome.SHIPPED;
    }
  }
}

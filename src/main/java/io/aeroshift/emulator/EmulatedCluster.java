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
  final Map<String, Map<String, String>> xdrDcs = new ConcurrentHashMap<>();
  final Map<String, String> udfs = new ConcurrentHashMap<>();
  final Map<String, SessionEntry> sessions = new ConcurrentHashMap<>();
  final AtomicLong clusterKey = new AtomicLong();
  private final ExecutorService executor;
  private final Faults faults;
  private final Commands commands;
  private volatile boolean[] running;
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
    int seq = CLUSTER_SEQ.incrementAndGet();
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
      // on one machine are two clusters, and source/target checks compare node ids
      String nodeId = String.format("BB9%04X%04X%04X", PROCESS_TAG, seq & 0xFFFF, i + 1);
      int port = b.basePort == 0 ? 0 : b.basePort + i;
      nodes.add(new EmulatedNode(this, i, nodeId, port, executor));
    }
    this.faults = new Faults(() -> nodes.forEach(EmulatedNode::dropConnections));
    this.commands = new Commands(this);
  }

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
      EmulatedCluster c = new EmulatedCluster(this);
      try {
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
    for (EmulatedNode n : nodes) n.stop();
    executor.shutdownNow();
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
}

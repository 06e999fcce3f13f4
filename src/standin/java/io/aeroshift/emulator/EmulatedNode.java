package io.aeroshift.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/** One emulated server node: a loopback listener and its client connections. */
final class EmulatedNode {
  private static final System.Logger LOG = System.getLogger(EmulatedNode.class.getName());

  final int index;
  final String nodeId;
  private final EmulatedCluster cluster;
  private final ExecutorService executor;
  private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
  private volatile int port;
  private volatile ServerSocket listener;
  private Thread acceptor;
  volatile NodeStats stats;
  /** The node's query jobs; a restarted node lists none, as a restarted server. */
  volatile QueryJobs jobs = new QueryJobs();
  /** Dynamic XDR DCs of this node (lock: the map); a restarted node has none, as XDR set by info is not persisted. */
  volatile java.util.Map<String, XdrDc> xdrDcs = new java.util.LinkedHashMap<>();

  EmulatedNode(EmulatedCluster cluster, int index, String nodeId, int port, ExecutorService executor) {
    this.cluster = cluster;
    this.index = index;
    this.nodeId = nodeId;
    this.port = port;
    this.executor = executor;
    this.stats = new NodeStats(index);
  }

  int port() {
    return port;
  }

  /** Ports a node takes when none was asked for: below Linux's ephemeral range (32768-60999). */
  private static final int FIRST_NODE_PORT = 20000;
  private static final int LAST_NODE_PORT = 32767;

  private static ServerSocket bind(int port) throws IOException {
    ServerSocket ss = new ServerSocket();
    ss.setReuseAddress(true);
    try {
      ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    } catch (IOException e) {
      ss.close();
      throw e;
    }
    return ss;
  }

  /**
   * A free port outside the range the kernel hands out to outgoing connections. A port from that
   * range, once its node is stopped, can become the local port of any client connection in the
   * process (a pooled one stays for minutes), and the node could not listen on it again: a stopped
   * node restarts on its own port, as a real server does.
   */
  private static ServerSocket bindBelowEphemeralRange() throws IOException {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    IOException last = null;
    for (int attempt = 0; attempt < 200; attempt++) {
      try {
        return bind(random.nextInt(FIRST_NODE_PORT, LAST_NODE_PORT + 1));
      } catch (java.net.BindException e) {
        last = e; // taken: try another
      }
    }
    throw new IOException("no free port in " + FIRST_NODE_PORT + ".." + LAST_NODE_PORT + " after 200 tries", last);
  }

  boolean running() {
    ServerSocket l = listener;
    return l != null && !l.isClosed();
  }

  synchronized void start() throws IOException {
    if (running()) return;
    ServerSocket ss = port == 0 ? bindBelowEphemeralRange() : bind(port);
    port = ss.getLocalPort();
    stats = new NodeStats(index);
    jobs = new QueryJobs();
    xdrDcs = new java.util.LinkedHashMap<>();
    listener = ss;
    Thread t = new Thread(() -> acceptLoop(ss), "emulator-accept-" + nodeId);
    t.setDaemon(true);
    t.start();
    acceptor = t;
  }

  private void acceptLoop(ServerSocket ss) {
    while (!ss.isClosed()) {
      try {
        Socket s = ss.accept();
        s.setTcpNoDelay(true);
        ClientConnection c = new ClientConnection(cluster, this, s);
        connections.add(c);
        if (ss.isClosed()) {
          // stop() closed the listener while this connection was being accepted, and its sweep of
          // the connections may have missed it: a stopped node serves nobody, as a dead server.
          connections.remove(c);
          c.close();
          continue;
        }
        stats.clientConnections.incrementAndGet();
        stats.connectionsOpened.incrementAndGet();
        executor.execute(() -> {
          try {
            c.run();
          } finally {
            connections.remove(c);
            stats.clientConnections.decrementAndGet();
            stats.connectionsClosed.incrementAndGet();
          }
        });
      } catch (IOException e) {
        if (!ss.isClosed()) LOG.log(System.Logger.Level.WARNING, "node " + nodeId + " accept failed: " + e);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "node " + nodeId + " could not start a connection: " + e);
      }
    }
  }

  synchronized void stop() {
    ServerSocket l = listener;
    listener = null;
    if (l != null) {
      try {
        l.close();
      } catch (IOException ignored) {
        // closing a listener we own; nothing to recover
      }
    }
    dropConnections();
    awaitAcceptorEnd();
  }

  /**
   * The port is free only once the acceptor thread has left {@code accept()}: the JDK defers the
   * close of a listener to the thread blocked in it, so until then the socket still listens and a
   * restart on the port fails with "Address already in use" (a stopped server's port is free).
   */
  private void awaitAcceptorEnd() {
    Thread t = acceptor;
    acceptor = null;
    if (t == null || t == Thread.currentThread()) return;
    try {
      t.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) LOG.log(System.Logger.Level.WARNING, "node " + nodeId + ": acceptor still running 10 s after stop");
  }

  void dropConnections() {
    dropConnectionsExcept(null);
  }

  void dropConnectionsExcept(ClientConnection kept) {
    for (ClientConnection c : connections) if (c != kept) c.close();
  }
}

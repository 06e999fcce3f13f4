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
  volatile NodeStats stats = new NodeStats();
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
  }

  int port() {
    return port;
  }

  boolean running() {
    ServerSocket l = listener;
    return l != null && !l.isClosed();
  }

  synchronized void start() throws IOException {
    if (running()) return;
    ServerSocket ss = new ServerSocket();
    ss.setReuseAddress(true);
    ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    port = ss.getLocalPort();
    stats = new NodeStats();
    jobs = new QueryJobs();
    xdrDcs = new java.util.LinkedHashMap<>();
    listener = ss;
    Thread acceptor = new Thread(() -> acceptLoop(ss), "emulator-accept-" + nodeId);
    acceptor.setDaemon(true);
    acceptor.start();
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
  }

  void dropConnections() {
    for (ClientConnection c : connections) c.close();
  }
}

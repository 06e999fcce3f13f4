package io.aeroshift.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One emulated server node: a loopback listener and its client connections. A blocking acceptor
 * thread takes new sockets (rare: the client pools connections) and hands each to one of the
 * cluster's event loops, which serve its requests.
 */
final class EmulatedNode {
  private static final System.Logger LOG = System.getLogger(EmulatedNode.class.getName());

  final int index;
  final String nodeId;
  private final EmulatedCluster cluster;
  private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
  private volatile int port;
  private volatile ServerSocketChannel listener;
  volatile NodeStats stats = new NodeStats();

  EmulatedNode(EmulatedCluster cluster, int index, String nodeId, int port) {
    this.cluster = cluster;
    this.index = index;
    this.nodeId = nodeId;
    this.port = port;
  }

  int port() {
    return port;
  }

  boolean running() {
    ServerSocketChannel l = listener;
    return l != null && l.isOpen();
  }

  synchronized void start() throws IOException {
    if (running()) return;
    ServerSocketChannel ss = ServerSocketChannel.open();
    try {
      ss.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    } catch (IOException e) {
      ss.close();
      throw e;
    }
    port = ((InetSocketAddress) ss.getLocalAddress()).getPort();
    stats = new NodeStats();
    listener = ss;
    Thread acceptor = new Thread(() -> acceptLoop(ss), "emulator-accept-" + nodeId);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptLoop(ServerSocketChannel ss) {
    while (ss.isOpen()) {
      try {
        SocketChannel s = ss.accept();
        s.configureBlocking(false);
        s.setOption(StandardSocketOptions.TCP_NODELAY, true);
        NodeStats st = stats;
        EventLoop loop = cluster.nextLoop();
        ClientConnection c = new ClientConnection(cluster, this, st, s, loop);
        connections.add(c);
        st.clientConnections.incrementAndGet();
        st.connectionsOpened.incrementAndGet();
        if (!ss.isOpen()) c.close(); // stopped while accepting: stop() may have missed it
        loop.execute(c::register);
      } catch (ClosedChannelException e) {
        return; // stopped
      } catch (IOException e) {
        if (ss.isOpen()) LOG.log(System.Logger.Level.WARNING, "node " + nodeId + " accept failed: " + e);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "node " + nodeId + " could not start a connection: " + e);
      }
    }
  }

  /** Called once by each connection when it closes. */
  void connectionClosed(ClientConnection c) {
    connections.remove(c);
    c.stats().clientConnections.decrementAndGet();
    c.stats().connectionsClosed.incrementAndGet();
  }

  /** The open connections (tests look at their buffering). */
  Set<ClientConnection> connections() {
    return connections;
  }

  synchronized void stop() {
    ServerSocketChannel l = listener;
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

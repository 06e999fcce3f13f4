package io.aeroshift.emulator;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.command.Buffer;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.WritePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An emulated XDR proxy ({@code aerospike-xdr-proxy}, AKO-NOTES 9.3): the endpoint of a source DC
 * with {@code connector true}, writing what it receives into a destination cluster with the
 * official Java client, as the real proxy does. Records arrive whole and are written with
 * REPLACE (bin-policy all) and their remaining TTL; deletes arrive as digest-only notifications
 * and are deleted by digest. Because the proxy writes as a client, the destination's last-update
 * time is the time of the proxy's write (the real proxy behaves the same).
 *
 * <p>It listens on a loopback port (so it is a reachable TCP endpoint) and registers itself for
 * emulated source clusters in this JVM; the change stream itself is handed over in-process.
 * {@link #stop()} makes it unreachable: sources keep their queues until it is back.
 */
public final class EmulatedXdrProxy implements AutoCloseable, XdrDestination {
  private final AerospikeClient client;
  private final ServerSocket listener;
  private final int port;
  private volatile boolean running = true;
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();

  private EmulatedXdrProxy(AerospikeClient client, ServerSocket listener) {
    this.client = client;
    this.listener = listener;
    this.port = listener.getLocalPort();
  }

  /** Starts a proxy writing into the cluster at {@code destination} (its seeds), on an ephemeral loopback port. */
  public static EmulatedXdrProxy start(List<Host> destination, ClientPolicy policy) {
    ClientPolicy p = policy == null ? new ClientPolicy() : new ClientPolicy(policy);
    AerospikeClient client = new AerospikeClient(p, destination.toArray(new Host[0]));
    try {
      ServerSocket ss = new ServerSocket();
      ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      EmulatedXdrProxy proxy = new EmulatedXdrProxy(client, ss);
      Thread t = new Thread(proxy::acceptLoop, "emulated-xdr-proxy-" + proxy.port);
      t.setDaemon(true);
      t.start();
      Registry.register(proxy.port, proxy);
      return proxy;
    } catch (IOException e) {
      client.close();
      throw new UncheckedIOException("xdr proxy could not listen", e);
    }
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try (Socket s = listener.accept()) {
        // connections are accepted and closed: reachability only, the stream is in-process
      } catch (IOException e) {
        return;
      }
    }
  }

  /** {@code 127.0.0.1:<port>}, the form a DC's {@code node-address-port} takes. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long writes() {
    return writes.get();
  }

  public long deletes() {
    return deletes.get();
  }

  /** Takes the proxy away (as a proxy pod that is gone); sources see it unreachable. */
  public void stop() {
    running = false;
  }

  /** Brings a stopped proxy back. */
  public void resume() {
    running = true;
  }

  @Override
  public void close() {
    running = false;
    Registry.unregister(port, this);
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    client.close();
  }

  @Override
  public boolean connector() {
    return true;
  }

  @Override
  public boolean reachable() {
    return running && client.isConnected();
  }

  @Override
  public Outcome write(String namespace, StoredRecord r) {
    if (!reachable()) return Outcome.UNREACHABLE;
    WritePolicy wp = new WritePolicy();
    wp.recordExistsAction = RecordExistsAction.REPLACE;
    wp.sendKey = r.key != null;
    wp.totalTimeout = 5000;
    if (r.voidTime == 0) {
      wp.expiration = -1;
    } else {
      long left = Integer.toUnsignedLong(r.voidTime) - StoredRecord.nowSince2010(System.currentTimeMillis());
      if (left <= 0) return Outcome.NOT_FOUND;
      wp.expiration = (int) left;
    }
    try {
      client.put(wp, key(namespace, r.setName, r.digest, r), bins(r));
      writes.incrementAndGet();
      return Outcome.SHIPPED;
    } catch (AerospikeException e) {
      return classify(e);
    }
  }

  @Override
  public Outcome delete(String namespace, String set, byte[] digest) {
    if (!reachable()) return Outcome.UNREACHABLE;
    WritePolicy wp = new WritePolicy();
    wp.totalTimeout = 5000;
    try {
      boolean existed = client.delete(wp, key(namespace, set, digest, null));
      deletes.incrementAndGet();
      return existed ? Outcome.SHIPPED : Outcome.NOT_FOUND;
    } catch (AerospikeException e) {
      return classify(e);
    }
  }

  private static Outcome classify(AerospikeException e) {
    if (e instanceof AerospikeException.Connection || e instanceof AerospikeException.Timeout
        || e.getResultCode() == ResultCode.SERVER_NOT_AVAILABLE) {
      return Outcome.UNREACHABLE;
    }
    return Outcome.ABANDONED;
  }

  private static Key key(String namespace, String set, byte[] digest, StoredRecord r) {
    Value userKey = null;
    if (r != null && r.key != null) userKey = Buffer.bytesToKeyValue(r.keyType, r.key, 0, r.key.length);
    return new Key(namespace, digest, set == null || set.isEmpty() ? null : set, userKey);
  }

  /** The stored wire bins as client bins (the client's own particle decoding). */
  private static Bin[] bins(StoredRecord r) {
    List<Bin> out = new ArrayList<>();
    byte[] b = r.bins;
    int pos = 0;
    while (pos < b.length) {
      int size = Wire.getInt(b, pos);
      int type = b[pos + 5] & 0xFF;
      int nameLen = b[pos + 7] & 0xFF;
      String name = new String(b, pos + 8, nameLen, StandardCharsets.UTF_8);
      int valueAt = pos + 8 + nameLen;
      int valueLen = pos + 4 + size - valueAt;
      Object v = Buffer.bytesToParticle(type, b, valueAt, valueLen);
      out.add(new Bin(name, v instanceof Value ? (Value) v : Value.get(v)));
      pos += 4 + size;
    }
    return out.toArray(new Bin[0]);
  }
}

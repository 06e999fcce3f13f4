package io.aeroshift.emulator;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One client socket: reads proto frames and answers each in order on the same socket. A frame the
 * server could not parse closes only this connection (logged), as a real node does.
 */
final class ClientConnection implements Runnable {
  private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());
  static final int MAX_FRAME = 128 << 20;

  final EmulatedCluster cluster;
  final EmulatedNode node;
  private final Socket socket;
  private OutputStream out;
  /** The user this connection logged in or authenticated as; null until then. */
  String user;

  static final class DropConnection extends RuntimeException {
    DropConnection() {
      super(null, null, false, false);
    }
  }

  ClientConnection(EmulatedCluster cluster, EmulatedNode node, Socket socket) {
    this.cluster = cluster;
    this.node = node;
    this.socket = socket;
  }

  /** The client's address as the server names it in job listings ({@code ip:port}). */
  String peer() {
    java.net.InetSocketAddress a = (java.net.InetSocketAddress) socket.getRemoteSocketAddress();
    return a == null ? "" : a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // the peer may already be gone
    }
  }

  @Override
  public void run() {
    try (Socket s = socket) {
      DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 64 * 1024));
      out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
      byte[] header = new byte[8];
      byte[] body = new byte[16 * 1024];
      while (true) {
        try {
          in.readFully(header);
        } catch (EOFException e) {
          return;
        }
        long proto = Wire.getLong(header, 0);
        int version = (int) (proto >>> 56);
        int type = (int) (proto >>> 48) & 0xFF;
        long size = proto & 0xFFFFFFFFFFFFL;
        if (version != 2 || type < 1 || type > 4 || size > MAX_FRAME) {
          LOG.log(System.Logger.Level.WARNING, "node " + node.nodeId + ": malformed frame from " + s.getRemoteSocketAddress()
              + " (version " + version + ", type " + type + ", size " + size + "); closing the connection");
          return;
        }
        if (body.length < size) body = new byte[(int) size];
        in.readFully(body, 0, (int) size);
        try {
          dispatch(type, body, (int) size);
        } catch (AsMsg.MalformedException | IndexOutOfBoundsException | DataFormatException e) {
          LOG.log(System.Logger.Level.WARNING, "node " + node.nodeId + ": malformed message from " + s.getRemoteSocketAddress()
              + ": " + e.getMessage() + "; closing the connection" + (Boolean.getBoolean("emulator.debug") ? " " + java.util.HexFormat.of().formatHex(body, 0, (int) Math.min(size, 400)) : ""));
          return;
        } catch (DropConnection e) {
          return;
        }
        out.flush();
      }
    } catch (IOException e) {
      // client went away or the node was stopped: normal end of a connection
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "node " + node.nodeId + ": connection failed", e);
    }
  }

  private void dispatch(int type, byte[] body, int size) throws IOException, DataFormatException {
    switch (type) {
      case 1:
        String request = new String(body, 0, size, StandardCharsets.UTF_8);
        byte[] answer = new InfoService(cluster, node, this).answer(request).getBytes(StandardCharsets.UTF_8);
        sendFrame(1, answer, 0, answer.length);
        break;
      case 2:
        OutBuffer reply = new AdminService(cluster, this).handle(body, size);
        sendFrame(2, reply.buf, 0, reply.len);
        break;
      case 3:
        cluster.commands().handle(AsMsg.parse(body, 0, size), this);
        break;
      default:
        byte[] inner = inflate(body, size);
        long proto = Wire.getLong(inner, 0);
        int innerType = (int) (proto >>> 48) & 0xFF;
        int innerSize = (int) (proto & 0xFFFFFFFFFFFFL);
        if (innerType != 3 || innerSize != inner.length - 8) {
          throw new AsMsg.MalformedException("compressed frame holds type " + innerType + " of size " + innerSize);
        }
        cluster.commands().handle(AsMsg.parse(inner, 8, inner.length), this);
    }
  }

  private static byte[] inflate(byte[] body, int size) throws DataFormatException {
    if (size < 8) throw new AsMsg.MalformedException("compressed frame shorter than 8 bytes");
    long uncompressed = Wire.getLong(body, 0);
    if (uncompressed < 8 || uncompressed > MAX_FRAME) {
      throw new AsMsg.MalformedException("compressed frame announces " + uncompressed + " bytes");
    }
    Inflater inf = new Inflater();
    try {
      inf.setInput(body, 8, size - 8);
      byte[] out = new byte[(int) uncompressed];
      int n = 0;
      while (n < out.length && !inf.finished()) {
        int got = inf.inflate(out, n, out.length - n);
        if (got == 0 && (inf.needsInput() || inf.needsDictionary())) break;
        n += got;
      }
      if (n != out.length) throw new AsMsg.MalformedException("compressed frame inflates to " + n + " bytes, announced " + uncompressed);
      return out;
    } finally {
      inf.end();
    }
  }

  /** Sends one proto frame. */
  void sendFrame(int type, byte[] data, int off, int len) throws IOException {
    byte[] h = new byte[8];
    Wire.putLong(h, 0, (2L << 56) | ((long) type << 48) | len);
    out.write(h);
    out.write(data, off, len);
  }

  /** Sends the buffer as one AS_MSG proto frame and empties it. */
  void sendMsg(OutBuffer buf) throws IOException {
    sendFrame(3, buf.buf, 0, buf.len);
    buf.reset();
  }

  void flush() throws IOException {
    out.flush();
  }
}

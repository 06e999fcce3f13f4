package io.aeroshift.emulator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One client socket, served by an {@link EventLoop}: reads proto frames (split across reads or
 * not) and answers each in order. A single-record command runs inline on the loop, which writes
 * the reply (finishing it on OP_WRITE if the socket is full). Info, admin, compressed, batch and
 * scan messages, and any data command while latency is injected, run on the cluster's worker
 * pool; the worker writes its output itself in chunks and, when the socket is full, waits on a
 * selector of its own until the client reads: backpressure without a hop through the loop, and
 * at most about two chunks buffered per connection however slowly the client reads a scan.
 * The next request is not read before the previous answer is complete (the client never
 * pipelines; answers stay in order), so loop and worker never use the socket at the same time.
 * A frame the server could not parse closes only this connection (logged), as a real node does.
 */
final class ClientConnection {
  private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());
  static final int MAX_FRAME = 128 << 20;
  private static final int READ_BUFFER_BYTES = 16 * 1024;
  /** A worker writes its output once this much is buffered (or when it flushes). */
  static final int CHUNK_BYTES = 128 * 1024;
  /** Buffers grown beyond this for one large message are dropped afterwards, not kept per connection. */
  private static final int KEPT_BUFFER_BYTES = 64 * 1024;

  final EmulatedCluster cluster;
  final EmulatedNode node;
  private final NodeStats stats;
  private final SocketChannel channel;
  private final EventLoop loop;
  private final Object peer;
  /** The user this connection logged in or authenticated as; null until then. */
  volatile String user;

  // Loop thread only.
  private SelectionKey key;
  private ByteBuffer in = ByteBuffer.allocate(READ_BUFFER_BYTES);
  private OutBuffer inlineReply = new OutBuffer(1024);
  private ByteBuffer writing;
  private boolean commandRunning;

  // Owned by whichever thread runs the current command (handed over with it).
  private OutBuffer out;
  private boolean onWorker;
  /** The worker's own selector while it waits for the client to read; null otherwise. */
  private Selector writableWait;

  private volatile boolean waitingForReader;
  private volatile int bufferedBytesPeak;
  private final AtomicBoolean closed = new AtomicBoolean();

  static final class DropConnection extends RuntimeException {
    DropConnection() {
      super(null, null, false, false);
    }
  }

  /** A command run off the loop. */
  @FunctionalInterface
  private interface Work {
    void run() throws IOException, DataFormatException;
  }

  ClientConnection(EmulatedCluster cluster, EmulatedNode node, NodeStats stats, SocketChannel channel, EventLoop loop) {
    this.cluster = cluster;
    this.node = node;
    this.stats = stats;
    this.channel = channel;
    this.loop = loop;
    Object address;
    try {
      address = channel.getRemoteAddress();
    } catch (IOException e) {
      address = "?";
    }
    this.peer = address;
  }

  NodeStats stats() {
    return stats;
  }

  /** Loop thread: starts reading requests. */
  void register() {
    try {
      key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
    } catch (ClosedChannelException | CancelledKeyException e) {
      close();
    }
  }

  /** Closes the socket; callable from any thread, any number of times. */
  void close() {
    if (!closed.compareAndSet(false, true)) return;
    try {
      channel.close();
    } catch (IOException ignored) {
      // the peer may already be gone
    }
    node.connectionClosed(this);
    if (!loop.inLoop()) loop.wakeup(); // the selector releases the socket when it deregisters it
  }

  /** The largest output buffer a worker held for this connection. */
  int bufferedBytesPeak() {
    return bufferedBytesPeak;
  }

  /** True while a worker waits because the socket is full (the client does not read). */
  boolean waitingForReader() {
    return waitingForReader;
  }

  // ---------------------------------------------------------------- loop side

  /** Loop thread: the socket is readable or writable. */
  void onReady(int readyOps) {
    onLoop(() -> {
      if ((readyOps & SelectionKey.OP_WRITE) != 0) drainOutput();
      if ((readyOps & SelectionKey.OP_READ) != 0 && channel.read(in) < 0) {
        close();
        return;
      }
      serveBufferedRequests();
    });
  }

  /** Loop thread: the worker wrote the whole answer; read the next request. */
  private void onCommandDone() {
    onLoop(() -> {
      commandRunning = false;
      onWorker = false;
      serveBufferedRequests();
    });
  }

  private void onLoop(Work action) {
    if (closed.get()) return;
    try {
      action.run();
      updateInterest();
    } catch (IOException | CancelledKeyException e) {
      close(); // client went away or the node was stopped: normal end of a connection
    } catch (RuntimeException | DataFormatException e) {
      LOG.log(System.Logger.Level.ERROR, "node " + node.nodeId + ": connection from " + peer + " failed", e);
      close();
    }
  }

  private void updateInterest() {
    if (closed.get()) return;
    int wanted = writing != null ? SelectionKey.OP_WRITE : commandRunning ? 0 : SelectionKey.OP_READ;
    if (key.interestOps() != wanted) key.interestOps(wanted);
  }

  /** Serves every complete frame held, one at a time, while no answer is pending. */
  private void serveBufferedRequests() throws IOException {
    while (!commandRunning && writing == null && !closed.get()) {
      int held = in.position();
      if (held < 8) return;
      byte[] b = in.array();
      long proto = Wire.getLong(b, 0);
      int version = (int) (proto >>> 56);
      int type = (int) (proto >>> 48) & 0xFF;
      long size = proto & 0xFFFFFFFFFFFFL;
      if (version != 2 || type < 1 || type > 4 || size > MAX_FRAME) {
        LOG.log(System.Logger.Level.WARNING, "node " + node.nodeId + ": malformed frame from " + peer
            + " (version " + version + ", type " + type + ", size " + size + "); closing the connection");
        close();
        return;
      }
      int frame = 8 + (int) size;
      if (held < frame) {
        if (in.capacity() < frame) in = ByteBuffer.allocate(frame).put(in.flip());
        return;
      }
      try {
        dispatch(type, b, 8, (int) size);
      } catch (AsMsg.MalformedException | IndexOutOfBoundsException e) {
        malformed(e, b, 8, (int) size);
        return;
      } catch (DropConnection e) {
        close();
        return;
      }
      consume(frame);
    }
  }

  private void consume(int frame) {
    int rest = in.position() - frame;
    if (in.capacity() > KEPT_BUFFER_BYTES && rest <= READ_BUFFER_BYTES) {
      ByteBuffer small = ByteBuffer.allocate(READ_BUFFER_BYTES);
      small.put(in.array(), frame, rest);
      in = small;
    } else {
      System.arraycopy(in.array(), frame, in.array(), 0, rest);
      in.position(rest);
    }
  }

  /** Runs a single-record command inline; everything that may take long goes to a worker. */
  private void dispatch(int type, byte[] b, int off, int size) throws IOException {
    if (type == 3) {
      AsMsg m = AsMsg.parse(b, off, off + size);
      if (Commands.isSingleRecord(m) && cluster.faults().latencyNanos() == 0) {
        out = inlineReply;
        onWorker = false;
        cluster.commands().handle(m, this);
        writing = ByteBuffer.wrap(out.buf, 0, out.len);
        drainOutput();
        return;
      }
      startOnWorker(() -> handleData(m));
      return;
    }
    byte[] body = Arrays.copyOfRange(b, off, off + size);
    startOnWorker(() -> dispatchOffLoop(type, body));
  }

  /** Loop thread: writes the inline reply until the socket is full (OP_WRITE finishes it) or it is out. */
  private void drainOutput() throws IOException {
    if (writing == null) return;
    channel.write(writing);
    if (writing.hasRemaining()) return;
    writing = null;
    inlineReply.reset();
    if (inlineReply.buf.length > KEPT_BUFFER_BYTES) inlineReply = new OutBuffer(1024);
  }

  private void startOnWorker(Work work) {
    commandRunning = true;
    onWorker = true;
    out = new OutBuffer(8 * 1024);
    try {
      cluster.workers().execute(() -> runOnWorker(work));
    } catch (RejectedExecutionException e) {
      close(); // the cluster is closing
    }
  }

  private void malformed(Exception e, byte[] body, int off, int size) {
    LOG.log(System.Logger.Level.WARNING, "node " + node.nodeId + ": malformed message from " + peer
        + ": " + e.getMessage() + "; closing the connection"
        + (Boolean.getBoolean("emulator.debug") ? " " + java.util.HexFormat.of().formatHex(body, off, off + Math.min(size, 400)) : ""));
    close();
  }

  // ---------------------------------------------------------------- worker side

  private void runOnWorker(Work work) {
    try {
      work.run();
      flush();
      loop.execute(this::onCommandDone);
    } catch (AsMsg.MalformedException | IndexOutOfBoundsException | DataFormatException e) {
      malformed(e, new byte[0], 0, 0);
    } catch (DropConnection | IOException e) {
      close();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "node " + node.nodeId + ": connection from " + peer + " failed", e);
      close();
    } finally {
      stopWaitingForWritable();
    }
  }

  /** A data command off the loop: injected latency first (faults apply to data commands only). */
  private void handleData(AsMsg m) throws IOException {
    long latency = cluster.faults().latencyNanos();
    if (latency > 0) LockSupport.parkNanos(latency);
    cluster.commands().handle(m, this);
  }

  private void dispatchOffLoop(int type, byte[] body) throws IOException, DataFormatException {
    switch (type) {
      case 1:
        String request = new String(body, StandardCharsets.UTF_8);
        byte[] answer = new InfoService(cluster, node, this).answer(request).getBytes(StandardCharsets.UTF_8);
        sendFrame(1, answer, 0, answer.length);
        break;
      case 2:
        OutBuffer reply = new AdminService(cluster, this).handle(body, body.length);
        sendFrame(2, reply.buf, 0, reply.len);
        break;
      default:
        byte[] inner = inflate(body, body.length);
        long proto = Wire.getLong(inner, 0);
        int innerType = (int) (proto >>> 48) & 0xFF;
        int innerSize = (int) (proto & 0xFFFFFFFFFFFFL);
        if (innerType != 3 || innerSize != inner.length - 8) {
          throw new AsMsg.MalformedException("compressed frame holds type " + innerType + " of size " + innerSize);
        }
        handleData(AsMsg.parse(inner, 8, inner.length));
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

  /** Worker: writes the buffered output, waiting while the socket is full. */
  private void writeFromWorker() throws IOException {
    if (out.buf.length > bufferedBytesPeak) bufferedBytesPeak = out.buf.length;
    ByteBuffer pending = ByteBuffer.wrap(out.buf, 0, out.len);
    while (pending.hasRemaining()) {
      if (channel.write(pending) == 0) awaitWritable();
    }
    out.reset();
  }

  /**
   * Worker: blocks until the client has read enough for the socket to take more. The channel is
   * registered with the worker's own selector too (the loop's key wants nothing meanwhile).
   */
  private void awaitWritable() throws IOException {
    if (writableWait == null) {
      writableWait = Selector.open();
      channel.register(writableWait, SelectionKey.OP_WRITE);
    }
    waitingForReader = true;
    try {
      while (writableWait.select(1000) == 0) {
        if (closed.get()) throw new ClosedChannelException();
        if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("worker interrupted: the emulator is closing");
      }
      writableWait.selectedKeys().clear();
    } finally {
      waitingForReader = false;
    }
  }

  private void stopWaitingForWritable() {
    if (writableWait == null) return;
    try {
      writableWait.close(); // deregisters the channel from it
    } catch (IOException ignored) {
      // nothing held any more
    }
    writableWait = null;
  }

  // ---------------------------------------------------------------- the seam commands write through

  /** Sends one proto frame (after the previous ones, once this command's output is flushed). */
  void sendFrame(int type, byte[] data, int off, int len) throws IOException {
    out.u64((2L << 56) | ((long) type << 48) | len);
    out.bytes(data, off, len);
    if (onWorker && out.len >= CHUNK_BYTES) writeFromWorker();
  }

  /** Sends the buffer as one AS_MSG proto frame and empties it. */
  void sendMsg(OutBuffer buf) throws IOException {
    sendFrame(3, buf.buf, 0, buf.len);
    buf.reset();
  }

  /** Makes what was sent so far go out now (before a pause, e.g. a paced scan). */
  void flush() throws IOException {
    if (onWorker && out.len > 0) writeFromWorker();
  }
}

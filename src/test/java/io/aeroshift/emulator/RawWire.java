package io.aeroshift.emulator;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Minimal raw-socket framing for tests that must send what the client never would. */
final class RawWire {
  private RawWire() {}

  static byte[] frame(int type, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(8 + body.length);
    b.putLong((2L << 56) | ((long) type << 48) | body.length);
    b.put(body);
    return b.array();
  }

  static byte[] readFrame(DataInputStream in) throws IOException {
    long header = in.readLong();
    byte[] body = new byte[(int) (header & 0xFFFFFFFFFFFFL)];
    in.readFully(body);
    return body;
  }

  static String info(Socket s, String command) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(frame(1, (command + "\n").getBytes(StandardCharsets.UTF_8)));
    out.flush();
    return new String(readFrame(new DataInputStream(s.getInputStream())), StandardCharsets.UTF_8);
  }

  /**
   * A single-record AS_MSG on namespace {@code ns} and digest: a write of one integer bin when
   * {@code value} is non-null, else a read of all bins.
   */
  static byte[] recordCommand(String ns, byte[] digest, String bin, Long value) {
    byte[] n = ns.getBytes(StandardCharsets.UTF_8);
    byte[] b = bin.getBytes(StandardCharsets.UTF_8);
    boolean write = value != null;
    ByteBuffer msg = ByteBuffer.allocate(22 + 5 + n.length + 5 + digest.length + (write ? 8 + b.length + 8 : 0));
    msg.put((byte) 22).put((byte) (write ? 0 : 0x03)).put((byte) (write ? 0x01 : 0)).put(new byte[15]);
    msg.putShort((short) 2).putShort((short) (write ? 1 : 0));
    msg.putInt(n.length + 1).put((byte) 0).put(n);
    msg.putInt(digest.length + 1).put((byte) 4).put(digest);
    if (write) msg.putInt(4 + b.length + 8).put((byte) 2).put((byte) 1).put((byte) 0).put((byte) b.length).put(b).putLong(value);
    return frame(3, msg.array());
  }

  /** The result code of an AS_MSG reply body. */
  static int resultCode(byte[] reply) {
    return reply[5] & 0xFF;
  }

  /** The value of the first integer bin of an AS_MSG reply body (skipping its fields). */
  static long firstIntBin(byte[] reply) {
    ByteBuffer r = ByteBuffer.wrap(reply);
    int nFields = r.getShort(18);
    int nOps = r.getShort(20);
    r.position(22);
    for (int i = 0; i < nFields; i++) r.position(r.position() + 4 + r.getInt(r.position()));
    if (nOps == 0) throw new IllegalStateException("reply has no bins (result code " + resultCode(reply) + ")");
    int opStart = r.position();
    int nameLen = r.get(opStart + 7);
    return r.getLong(opStart + 8 + nameLen);
  }

  /** An admin LOGIN message with USER and CREDENTIAL fields; returns the reply's result code. */
  static int login(Socket s, String user, String credential) throws IOException {
    byte[] u = user.getBytes(StandardCharsets.UTF_8);
    byte[] c = credential.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(16 + 5 + u.length + 5 + c.length);
    b.put((byte) 0).put((byte) 0).put((byte) 20).put((byte) 2).put(new byte[12]);
    b.putInt(u.length + 1).put((byte) 0).put(u);
    b.putInt(c.length + 1).put((byte) 3).put(c);
    s.getOutputStream().write(frame(2, b.array()));
    s.getOutputStream().flush();
    byte[] reply = readFrame(new DataInputStream(s.getInputStream()));
    return reply[1] & 0xFF;
  }
}

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

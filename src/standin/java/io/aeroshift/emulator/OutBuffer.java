package io.aeroshift.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer for building replies without intermediate objects. */
final class OutBuffer {
  byte[] buf;
  int len;

  OutBuffer(int capacity) {
    buf = new byte[capacity];
  }

  void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  void reset() { len = 0; }

  void u8(int v) { ensure(1); buf[len++] = (byte) v; }
  void u16(int v) { ensure(2); Wire.putShort(buf, len, v); len += 2; }
  void u32(int v) { ensure(4); Wire.putInt(buf, len, v); len += 4; }
  void u64(long v) { ensure(8); Wire.putLong(buf, len, v); len += 8; }

  void bytes(byte[] b) { bytes(b, 0, b.length); }

  void bytes(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  void ascii(String s) { bytes(s.getBytes(StandardCharsets.UTF_8)); }

  /** A field: size (counting the type byte), type, data. */
  void field(int type, byte[] data) {
    u32(data.length + 1);
    u8(type);
    bytes(data);
  }
}

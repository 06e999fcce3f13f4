package io.aeroshift.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer for composing one block of text before it is written whole. */
final class TextBuffer {

  private byte[] buf;
  private int len;

  TextBuffer(int initial) {
    buf = new byte[Math.max(16, initial)];
  }

  void reset() {
    len = 0;
  }

  int length() {
    return len;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      long want = Math.max((long) buf.length * 2, (long) len + extra);
      if (want > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("block too large for one backup record: " + want);
      }
      buf = Arrays.copyOf(buf, (int) want);
    }
  }

  TextBuffer put(int b) {
    ensure(1);
    buf[len++] = (byte) b;
    return this;
  }

  TextBuffer put(byte[] b) {
    return put(b, 0, b.length);
  }

  TextBuffer put(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  /** Appends an ASCII-only string (tokens, numbers, base64). */
  TextBuffer ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
    return this;
  }

  TextBuffer decimal(long v) {
    return ascii(Long.toString(v));
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(buf, 0, len);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }
}

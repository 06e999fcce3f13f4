package io.aeroshift.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Byte-oriented buffered input that knows its offset and physical line, so every parse error can
 * say where it is. Memory stays bounded: a fixed read buffer plus the value being read.
 */
final class TextInput {

  static final int EOF = -1;

  private final InputStream in;
  private final byte[] buf;
  private int pos;
  private int lim;
  private long base;
  private long line = 1;
  private boolean eof;

  TextInput(InputStream in, int bufferSize) {
    this.in = in;
    this.buf = new byte[bufferSize];
  }

  /** Offset of the next byte to be read. */
  long offset() {
    return base + pos;
  }

  /** Physical line (1-based) of the next byte to be read. */
  long line() {
    return line;
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    base += lim;
    pos = 0;
    lim = 0;
    while (lim == 0) {
      int n = in.read(buf, 0, buf.length);
      if (n < 0) {
        eof = true;
        return false;
      }
      lim = n;
    }
    return true;
  }

  int peek() throws IOException {
    if (pos == lim && !fill()) {
      return EOF;
    }
    return buf[pos] & 0xff;
  }

  int read() throws IOException {
    if (pos == lim && !fill()) {
      return EOF;
    }
    int b = buf[pos++] & 0xff;
    if (b == '\n') {
      line++;
    }
    return b;
  }

  /**
   * The common case of a token read, done on the buffer: when the buffered bytes hold the whole
   * token (up to the first {@code delim1} or {@code delim2}, at most {@code max} bytes, and no
   * {@code '\\'} when {@code escapes} are honoured), returns it and stops before the delimiter.
   * Otherwise returns null having consumed nothing, and the caller reads byte by byte (which
   * refills, unescapes and reports errors).
   */
  byte[] bufferedToken(int delim1, int delim2, boolean escapes, int max) {
    int end = (int) Math.min(lim, (long) pos + max + 1);
    int newlines = 0;
    for (int i = pos; i < end; i++) {
      int b = buf[i];
      if (b == delim1 || b == delim2) {
        byte[] token = Arrays.copyOfRange(buf, pos, i);
        pos = i;
        line += newlines;
        return token;
      }
      if (b == '\\' && escapes) {
        return null;
      }
      if (b == '\n') {
        newlines++;
      }
    }
    return null;
  }

  /**
   * Reads exactly {@code n} bytes, growing the result as data arrives so a corrupt huge length in
   * a short file costs no more memory than the file has.
   *
   * @return the bytes, or null when the data ends first
   */
  byte[] readBlock(long n) throws IOException {
    byte[] out = new byte[(int) Math.min(n, 1 << 16)];
    int have = 0;
    while (have < n) {
      if (pos == lim && !fill()) {
        return null;
      }
      int take = (int) Math.min(n - have, lim - pos);
      if (have + take > out.length) {
        out = Arrays.copyOf(out, (int) Math.min(n, Math.max((long) out.length * 2, have + take)));
      }
      System.arraycopy(buf, pos, out, have, take);
      for (int i = pos; i < pos + take; i++) {
        if (buf[i] == '\n') {
          line++;
        }
      }
      pos += take;
      have += take;
    }
    return out;
  }
}

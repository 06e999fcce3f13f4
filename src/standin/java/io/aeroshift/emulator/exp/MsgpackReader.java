package io.aeroshift.emulator.exp;

import java.nio.charset.StandardCharsets;

/**
 * Forward-only msgpack cursor over an expression buffer. Every structural fault is reported as
 * {@link ExpressionException} 4 (PARAMETER_ERROR) naming the offset, as the server refuses such a
 * field.
 */
public final class MsgpackReader {
  public enum Kind { NIL, BOOL, INT, FLOAT, BYTES, ARRAY, MAP, EXT }

  private final byte[] buf;
  private int pos;

  public MsgpackReader(byte[] buf) {
    this.buf = buf;
  }

  int position() {
    return pos;
  }

  public boolean atEnd() {
    return pos >= buf.length;
  }

  byte[] buffer() {
    return buf;
  }

  public Kind peekKind() {
    int b = peek();
    if (b <= 0x7f || b >= 0xe0) {
      return Kind.INT;
    }
    if (b >= 0x80 && b <= 0x8f) {
      return Kind.MAP;
    }
    if (b >= 0x90 && b <= 0x9f) {
      return Kind.ARRAY;
    }
    if (b >= 0xa0 && b <= 0xbf) {
      return Kind.BYTES;
    }
    switch (b) {
      case 0xc0:
        return Kind.NIL;
      case 0xc2:
      case 0xc3:
        return Kind.BOOL;
      case 0xc4:
      case 0xc5:
      case 0xc6:
      case 0xd9:
      case 0xda:
      case 0xdb:
        return Kind.BYTES;
      case 0xc7:
      case 0xc8:
      case 0xc9:
      case 0xd4:
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8:
        return Kind.EXT;
      case 0xca:
      case 0xcb:
        return Kind.FLOAT;
      case 0xcc:
      case 0xcd:
      case 0xce:
      case 0xcf:
      case 0xd0:
      case 0xd1:
      case 0xd2:
      case 0xd3:
        return Kind.INT;
      case 0xdc:
      case 0xdd:
        return Kind.ARRAY;
      case 0xde:
      case 0xdf:
        return Kind.MAP;
      default:
        throw malformed("invalid msgpack byte 0x" + Integer.toHexString(b));
    }
  }

  /** Any integer form; uint64 values above Long.MAX_VALUE keep their bits (two's complement). */
  public long readLong() {
    int b = next();
    if (b <= 0x7f) {
      return b;
    }
    if (b >= 0xe0) {
      return (byte) b;
    }
    switch (b) {
      case 0xcc:
        return next();
      case 0xcd:
        return readBE(2);
      case 0xce:
        return readBE(4);
      case 0xcf:
        return readBE(8);
      case 0xd0:
        return (byte) next();
      case 0xd1:
        return (short) readBE(2);
      case 0xd2:
        return (int) readBE(4);
      case 0xd3:
        return readBE(8);
      default:
        pos--;
        throw malformed("expected an integer, found byte 0x" + Integer.toHexString(b));
    }
  }

  double readDouble() {
    int b = next();
    if (b == 0xca) {
      return Float.intBitsToFloat((int) readBE(4));
    }
    if (b == 0xcb) {
      return Double.longBitsToDouble(readBE(8));
    }
    pos--;
    throw malformed("expected a float, found byte 0x" + Integer.toHexString(b));
  }

  boolean readBool() {
    int b = next();
    if (b == 0xc2 || b == 0xc3) {
      return b == 0xc3;
    }
    pos--;
    throw malformed("expected a bool, found byte 0x" + Integer.toHexString(b));
  }

  void readNil() {
    if (next() != 0xc0) {
      pos--;
      throw malformed("expected nil");
    }
  }

  public int readArrayHeader() {
    int b = next();
    if (b >= 0x90 && b <= 0x9f) {
      return b & 0x0f;
    }
    if (b == 0xdc) {
      return (int) readBE(2);
    }
    if (b == 0xdd) {
      return checkCount(readBE(4));
    }
    pos--;
    throw malformed("expected an array, found byte 0x" + Integer.toHexString(b));
  }

  /** Length of a str or bin value; the cursor is left on its first payload byte. */
  int readBytesHeader() {
    int b = next();
    if (b >= 0xa0 && b <= 0xbf) {
      return need(b & 0x1f);
    }
    switch (b) {
      case 0xc4:
      case 0xd9:
        return need(next());
      case 0xc5:
      case 0xda:
        return need((int) readBE(2));
      case 0xc6:
      case 0xdb:
        return need(checkCount(readBE(4)));
      default:
        pos--;
        throw malformed("expected a string, found byte 0x" + Integer.toHexString(b));
    }
  }

  /** A plain (untyped) string such as a bin name, variable name or regex pattern. */
  String readName() {
    int len = readBytesHeader();
    String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  /** Skips one complete value (recursively) and returns its encoded bytes. */
  public byte[] readRawValue() {
    int start = pos;
    skipValue();
    byte[] raw = new byte[pos - start];
    System.arraycopy(buf, start, raw, 0, raw.length);
    return raw;
  }

  void skipValue() {
    long pending = 1;
    while (pending > 0) {
      pending--;
      int b = next();
      if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3) {
        continue;
      }
      if (b >= 0x80 && b <= 0x8f) {
        pending += 2L * (b & 0x0f);
      } else if (b >= 0x90 && b <= 0x9f) {
        pending += b & 0x0f;
      } else if (b >= 0xa0 && b <= 0xbf) {
        skip(b & 0x1f);
      } else {
        switch (b) {
          case 0xc4:
          case 0xd9:
            skip(next());
            break;
          case 0xc5:
          case 0xda:
            skip((int) readBE(2));
            break;
          case 0xc6:
          case 0xdb:
            skip(checkCount(readBE(4)));
            break;
          case 0xc7:
            skip(next() + 1);
            break;
          case 0xc8:
            skip((int) readBE(2) + 1);
            break;
          case 0xc9:
            skip(checkCount(readBE(4)) + 1);
            break;
          case 0xca:
            skip(4);
            break;
          case 0xcb:
            skip(8);
            break;
          case 0xcc:
          case 0xd0:
            skip(1);
            break;
          case 0xcd:
          case 0xd1:
            skip(2);
            break;
          case 0xce:
          case 0xd2:
            skip(4);
            break;
          case 0xcf:
          case 0xd3:
            skip(8);
            break;
          case 0xd4:
            skip(2);
            break;
          case 0xd5:
            skip(3);
            break;
          case 0xd6:
            skip(5);
            break;
          case 0xd7:
            skip(9);
            break;
          case 0xd8:
            skip(17);
            break;
          case 0xdc:
            pending += readBE(2);
            break;
          case 0xdd:
            pending += readBE(4);
            break;
          case 0xde:
            pending += 2 * readBE(2);
            break;
          case 0xdf:
            pending += 2 * readBE(4);
            break;
          default:
            pos--;
            throw malformed("invalid msgpack byte 0x" + Integer.toHexString(b));
        }
      }
      if (pending > buf.length - pos) {
        throw malformed("container holds more elements than the field has bytes");
      }
    }
  }

  /** Advances over {@code n} payload bytes already checked by {@link #readBytesHeader()}. */
  void advance(int n) {
    skip(n);
  }

  ExpressionException malformed(String what) {
    return new ExpressionException(4, "malformed filter expression at byte " + pos + ": " + what);
  }

  private int peek() {
    if (pos >= buf.length) {
      throw malformed("truncated (expected more bytes)");
    }
    return buf[pos] & 0xFF;
  }

  private int next() {
    int b = peek();
    pos++;
    return b;
  }

  private long readBE(int n) {
    need(n);
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  private int need(int n) {
    if (n < 0 || n > buf.length - pos) {
      throw malformed("truncated (needs " + n + " more bytes, has " + (buf.length - pos) + ")");
    }
    return n;
  }

  private void skip(int n) {
    need(n);
    pos += n;
  }

  private int checkCount(long n) {
    if (n > Integer.MAX_VALUE) {
      throw malformed("length " + n + " is too large");
    }
    return (int) n;
  }
}

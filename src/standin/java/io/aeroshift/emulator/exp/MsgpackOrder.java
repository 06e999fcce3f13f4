package io.aeroshift.emulator.exp;

/**
 * The server's value order for msgpack lists and maps (used when comparing list or map
 * expressions). Types order as NIL &lt; false &lt; true &lt; negative int &lt; int &lt; string &lt;
 * list &lt; map &lt; bytes &lt; double &lt; geojson &lt; ext; lists compare element by element and
 * then by length; maps compare by size first. A leading ext element in a list or map (the order
 * flags) is skipped. A map without the key-ordered flag, or malformed msgpack, makes the two values
 * {@link #INCOMPARABLE}, as the real server answers unknown then.
 */
final class MsgpackOrder {
  static final int INCOMPARABLE = Integer.MIN_VALUE;

  private static final int T_NIL = 1;
  private static final int T_FALSE = 2;
  private static final int T_TRUE = 3;
  private static final int T_NEGINT = 4;
  private static final int T_INT = 5;
  private static final int T_STRING = 6;
  private static final int T_LIST = 7;
  private static final int T_MAP = 8;
  private static final int T_BYTES = 9;
  private static final int T_DOUBLE = 10;
  private static final int T_GEOJSON = 11;
  private static final int T_EXT = 12;
  private static final int T_WILDCARD = 13;
  private static final int T_INF = 14;

  private static final int CMP_EXT_TYPE = 0xff;
  private static final int MAP_KEY_ORDERED = 0x01;

  private MsgpackOrder() {}

  /** Negative, 0 or positive; or {@link #INCOMPARABLE}. */
  static int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
    Cursor x = new Cursor(a, aOff, aOff + aLen);
    Cursor y = new Cursor(b, bOff, bOff + bLen);
    try {
      int cmp = compareValue(x, y);
      if (x.unorderedMap || y.unorderedMap) {
        return INCOMPARABLE;
      }
      return cmp == WILDCARD_STOP ? 0 : cmp;
    } catch (IndexOutOfBoundsException | IllegalStateException e) {
      return INCOMPARABLE;
    }
  }

  /** A wildcard anywhere ends the comparison as equal. */
  private static final int WILDCARD_STOP = Integer.MAX_VALUE;

  private static int compareValue(Cursor x, Cursor y) {
    x.parse();
    y.parse();
    if (x.type == T_WILDCARD || y.type == T_WILDCARD) {
      return WILDCARD_STOP;
    }
    if (x.type != y.type) {
      return Integer.compare(x.type, y.type);
    }
    switch (x.type) {
      case T_NEGINT:
      case T_INT:
        return Long.compareUnsigned(x.num, y.num);
      case T_DOUBLE:
        return x.dbl < y.dbl ? -1 : (x.dbl > y.dbl ? 1 : 0);
      case T_STRING:
      case T_BYTES:
      case T_GEOJSON:
      case T_EXT:
        return java.util.Arrays.compareUnsigned(
            x.buf, x.dataOff, x.dataOff + x.len, y.buf, y.dataOff, y.dataOff + y.len);
      case T_LIST:
        {
          int nx = x.len;
          int ny = y.len;
          int n = Math.min(nx, ny);
          for (int k = 0; k < n; k++) {
            int c = compareValue(x, y);
            if (c != 0) {
              return c;
            }
          }
          return Integer.compare(nx, ny);
        }
      case T_MAP:
        {
          int c0 = Integer.compare(x.len, y.len);
          if (c0 != 0) {
            return c0;
          }
          int n = x.len;
          for (int k = 0; k < n; k++) {
            int c = compareValue(x, y);
            if (c != 0) {
              return c;
            }
          }
          return 0;
        }
      default:
        return 0;
    }
  }

  /** Parses one element head at a time; containers leave their elements to be parsed next. */
  private static final class Cursor {
    final byte[] buf;
    int pos;
    final int end;
    int type;
    long num;
    double dbl;
    int dataOff;
    /** Payload length for bytes and ext; element count for lists; key+value count for maps. */
    int len;
    boolean unorderedMap;

    Cursor(byte[] buf, int pos, int end) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
    }

    private int u8() {
      if (pos >= end) {
        throw new IllegalStateException("truncated");
      }
      return buf[pos++] & 0xFF;
    }

    private long be(int n) {
      long v = 0;
      for (int k = 0; k < n; k++) {
        v = (v << 8) | u8();
      }
      return v;
    }

    private void bytes(int n) {
      dataOff = pos;
      len = n;
      if (n > end - pos) {
        throw new IllegalStateException("truncated");
      }
      pos += n;
      if (n == 0) {
        type = T_BYTES;
        return;
      }
      int t = buf[dataOff] & 0xFF;
      type = t == Particles.STRING ? T_STRING : (t == Particles.GEOJSON ? T_GEOJSON : T_BYTES);
    }

    private void ext(int n) {
      int extType = u8();
      dataOff = pos;
      len = n;
      type = T_EXT;
      if (extType == CMP_EXT_TYPE && n == 1) {
        int v = buf[pos] & 0xFF;
        type = v == 0 ? T_WILDCARD : (v == 1 ? T_INF : T_EXT);
      }
      if (n > end - pos) {
        throw new IllegalStateException("truncated");
      }
      pos += n;
    }

    /** Skips the order-flag ext that may open a list or map. */
    private void container(int perEntry) {
      if (len == 0) {
        return;
      }
      int b = buf[pos] & 0xFF;
      boolean isExt = b == 0xc7 || b == 0xc8 || b == 0xc9 || (b >= 0xd4 && b <= 0xd8);
      if (!isExt) {
        if (type == T_MAP) {
          unorderedMap = true;
        }
        return;
      }
      int saved = pos;
      int flags;
      switch (b) {
        case 0xc7:
          flags = buf[pos + 2] & 0xFF;
          break;
        case 0xc8:
          flags = buf[pos + 3] & 0xFF;
          break;
        case 0xc9:
          flags = buf[pos + 5] & 0xFF;
          break;
        default:
          flags = buf[pos + 1] & 0xFF;
      }
      if (type == T_MAP && (flags & MAP_KEY_ORDERED) == 0) {
        unorderedMap = true;
      }
      if (flags == CMP_EXT_TYPE) {
        return;
      }
      pos = saved;
      int outerType = type;
      int outerLen = len;
      for (int k = 0; k < perEntry; k++) {
        skipOne();
      }
      type = outerType;
      len = outerLen - perEntry;
    }

    private void skipOne() {
      int pending = 1;
      while (pending > 0) {
        pending--;
        parse();
        if (type == T_LIST || type == T_MAP) {
          pending += len;
        }
      }
    }

    void parse() {
      int b = u8();
      if (b <= 0x7f) {
        type = T_INT;
        num = b;
        return;
      }
      if (b >= 0xe0) {
        type = T_NEGINT;
        num = (byte) b;
        return;
      }
      if (b >= 0xa0 && b <= 0xbf) {
        bytes(b & 0x1f);
        return;
      }
      if (b >= 0x80 && b <= 0x8f) {
        type = T_MAP;
        len = 2 * (b & 0x0f);
        container(2);
        return;
      }
      if (b >= 0x90 && b <= 0x9f) {
        type = T_LIST;
        len = b & 0x0f;
        container(1);
        return;
      }
      switch (b) {
        case 0xc0:
          type = T_NIL;
          return;
        case 0xc2:
          type = T_FALSE;
          return;
        case 0xc3:
          type = T_TRUE;
          return;
        case 0xcc:
        case 0xcd:
        case 0xce:
        case 0xcf:
          type = T_INT;
          num = be(1 << (b - 0xcc));
          return;
        case 0xd0:
          signed((byte) be(1));
          return;
        case 0xd1:
          signed((short) be(2));
          return;
        case 0xd2:
          signed((int) be(4));
          return;
        case 0xd3:
          signed(be(8));
          return;
        case 0xca:
          type = T_DOUBLE;
          dbl = Float.intBitsToFloat((int) be(4));
          return;
        case 0xcb:
          type = T_DOUBLE;
          dbl = Double.longBitsToDouble(be(8));
          return;
        case 0xc4:
        case 0xd9:
          bytes(u8());
          return;
        case 0xc5:
        case 0xda:
          bytes((int) be(2));
          return;
        case 0xc6:
        case 0xdb:
          bytes(checked(be(4)));
          return;
        case 0xdc:
          type = T_LIST;
          len = (int) be(2);
          container(1);
          return;
        case 0xdd:
          type = T_LIST;
          len = checked(be(4));
          container(1);
          return;
        case 0xde:
          type = T_MAP;
          len = 2 * (int) be(2);
          container(2);
          return;
        case 0xdf:
          type = T_MAP;
          len = checked(2 * be(4));
          container(2);
          return;
        case 0xd4:
          ext(1);
          return;
        case 0xd5:
          ext(2);
          return;
        case 0xd6:
          ext(4);
          return;
        case 0xd7:
          ext(8);
          return;
        case 0xd8:
          ext(16);
          return;
        case 0xc7:
          ext(u8());
          return;
        case 0xc8:
          ext((int) be(2));
          return;
        case 0xc9:
          ext(checked(be(4)));
          return;
        default:
          throw new IllegalStateException("invalid msgpack byte");
      }
    }

    private void signed(long v) {
      type = v < 0 ? T_NEGINT : T_INT;
      num = v;
    }

    private static int checked(long n) {
      if (n > Integer.MAX_VALUE) {
        throw new IllegalStateException("too large");
      }
      return (int) n;
    }
  }
}

package io.aeroshift.emulator.exp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/** EQ NE GT GE LT LE per operand type, and REGEX. Either operand unknown → unknown. */
final class CompareNodes {
  static final int EQ = 1;
  static final int NE = 2;
  static final int GT = 3;
  static final int GE = 4;
  static final int LT = 5;
  static final int LE = 6;

  private CompareNodes() {}

  /** Maps a three-way comparison result (negative, 0, positive) through the operator. */
  static int fromOrder(int op, int cmp) {
    boolean r;
    switch (op) {
      case EQ:
        r = cmp == 0;
        break;
      case NE:
        r = cmp != 0;
        break;
      case GT:
        r = cmp > 0;
        break;
      case GE:
        r = cmp >= 0;
        break;
      case LT:
        r = cmp < 0;
        break;
      default:
        r = cmp <= 0;
    }
    return r ? Node.TRUE : Node.FALSE;
  }

  abstract static class Compare extends Node {
    final int op;
    final Node left;
    final Node right;

    Compare(int op, Node left, Node right) {
      super(ExpType.BOOL);
      this.op = op;
      this.left = left;
      this.right = right;
    }
  }

  static final class IntCompare extends Compare {
    IntCompare(int op, Node left, Node right) {
      super(op, left, right);
    }

    @Override
    int bool(EvalFrame f) {
      if (!left.integer(f)) {
        return UNKNOWN;
      }
      long a = f.i;
      if (!right.integer(f)) {
        return UNKNOWN;
      }
      return fromOrder(op, Long.compare(a, f.i));
    }
  }

  /** IEEE semantics (NaN compares false except NE), as C comparison operators behave. */
  static final class FloatCompare extends Compare {
    FloatCompare(int op, Node left, Node right) {
      super(op, left, right);
    }

    @Override
    int bool(EvalFrame f) {
      if (!left.real(f)) {
        return UNKNOWN;
      }
      double a = f.d;
      if (!right.real(f)) {
        return UNKNOWN;
      }
      double b = f.d;
      boolean r;
      switch (op) {
        case EQ:
          r = a == b;
          break;
        case NE:
          r = a != b;
          break;
        case GT:
          r = a > b;
          break;
        case GE:
          r = a >= b;
          break;
        case LT:
          r = a < b;
          break;
        default:
          r = a <= b;
      }
      return r ? TRUE : FALSE;
    }
  }

  /** false < true. */
  static final class BoolCompare extends Compare {
    BoolCompare(int op, Node left, Node right) {
      super(op, left, right);
    }

    @Override
    int bool(EvalFrame f) {
      int a = left.bool(f);
      if (a == UNKNOWN) {
        return UNKNOWN;
      }
      int b = right.bool(f);
      if (b == UNKNOWN) {
        return UNKNOWN;
      }
      return fromOrder(op, Integer.compare(a, b));
    }
  }

  /** Two nils are equal. */
  static final class NilCompare extends Compare {
    NilCompare(int op, Node left, Node right) {
      super(op, left, right);
    }

    @Override
    int bool(EvalFrame f) {
      if (!left.nil(f) || !right.nil(f)) {
        return UNKNOWN;
      }
      return fromOrder(op, 0);
    }
  }

  /** Strings and blobs: unsigned byte order, then length (memcmp as the server does). */
  static final class BytesCompare extends Compare {
    BytesCompare(int op, Node left, Node right) {
      super(op, left, right);
    }

    @Override
    int bool(EvalFrame f) {
      if (!left.bytes(f)) {
        return UNKNOWN;
      }
      byte[] a = f.bytes;
      int aOff = f.off;
      int aLen = f.len;
      if (!right.bytes(f)) {
        return UNKNOWN;
      }
      int cmp = Arrays.compareUnsigned(a, aOff, aOff + aLen, f.bytes, f.off, f.off + f.len);
      return fromOrder(op, cmp);
    }
  }

  /** Lists and maps in the server's msgpack value order; unordered maps make the result unknown. */
  static final class MsgpackCompare extends Compare {
    MsgpackCompare(int op, Node left, Node right) {
      super(op, left, right);
    }

    @Override
    int bool(EvalFrame f) {
      if (!left.bytes(f)) {
        return UNKNOWN;
      }
      byte[] a = f.bytes;
      int aOff = f.off;
      int aLen = f.len;
      if (!right.bytes(f)) {
        return UNKNOWN;
      }
      int cmp = MsgpackOrder.compare(a, aOff, aLen, f.bytes, f.off, f.len);
      return cmp == MsgpackOrder.INCOMPARABLE ? UNKNOWN : fromOrder(op, cmp);
    }
  }

  /** {@code regexCompare(pattern, flags, strExp)}: true when the pattern matches anywhere. */
  static final class Regex extends Node {
    private final Pattern pattern;
    private final Node subject;

    Regex(Pattern pattern, Node subject) {
      super(ExpType.BOOL);
      this.pattern = pattern;
      this.subject = subject;
    }

    @Override
    int bool(EvalFrame f) {
      if (!subject.bytes(f)) {
        return UNKNOWN;
      }
      // The server matches a C string: the text ends at the first NUL.
      int end = f.off;
      int limit = f.off + f.len;
      while (end < limit && f.bytes[end] != 0) {
        end++;
      }
      String text = new String(f.bytes, f.off, end - f.off, StandardCharsets.UTF_8);
      return pattern.matcher(text).find() ? TRUE : FALSE;
    }
  }
}

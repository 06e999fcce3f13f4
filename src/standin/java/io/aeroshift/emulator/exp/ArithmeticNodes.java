package io.aeroshift.emulator.exp;

/**
 * Arithmetic and integer bit operations. Any unknown operand makes the result unknown; integer
 * division or modulo by zero is unknown (the server does the same). Integer arithmetic wraps.
 */
final class ArithmeticNodes {
  static final int ADD = 20;
  static final int SUB = 21;
  static final int MUL = 22;
  static final int DIV = 23;
  static final int POW = 24;
  static final int LOG = 25;
  static final int MOD = 26;
  static final int ABS = 27;
  static final int FLOOR = 28;
  static final int CEIL = 29;
  static final int TO_INT = 30;
  static final int TO_FLOAT = 31;
  static final int INT_AND = 32;
  static final int INT_OR = 33;
  static final int INT_XOR = 34;
  static final int INT_NOT = 35;
  static final int LSHIFT = 36;
  static final int RSHIFT = 37;
  static final int ARSHIFT = 38;
  static final int COUNT = 39;
  static final int LSCAN = 40;
  static final int RSCAN = 41;
  static final int MIN = 50;
  static final int MAX = 51;

  private ArithmeticNodes() {}

  /** ADD SUB MUL DIV MIN MAX INT_AND INT_OR INT_XOR over integers. */
  static final class IntFold extends Node {
    private final int op;
    private final Node[] args;

    IntFold(int op, Node[] args) {
      super(ExpType.INT);
      this.op = op;
      this.args = args;
    }

    @Override
    boolean integer(EvalFrame f) {
      if (!args[0].integer(f)) {
        return false;
      }
      long acc = f.i;
      if (args.length == 1) {
        if (op == SUB) {
          f.i = -acc;
        } else if (op == DIV) {
          if (acc == 0) {
            return false;
          }
          f.i = 1 / acc;
        }
        return true;
      }
      long divisor = 1;
      for (int k = 1; k < args.length; k++) {
        if (!args[k].integer(f)) {
          return false;
        }
        long v = f.i;
        switch (op) {
          case ADD:
            acc += v;
            break;
          case SUB:
            acc -= v;
            break;
          case MUL:
            acc *= v;
            break;
          case DIV:
            divisor *= v;
            break;
          case MIN:
            acc = Math.min(acc, v);
            break;
          case MAX:
            acc = Math.max(acc, v);
            break;
          case INT_AND:
            acc &= v;
            break;
          case INT_OR:
            acc |= v;
            break;
          default:
            acc ^= v;
        }
      }
      if (op == DIV) {
        // The server divides by the product of the divisors.
        if (divisor == 0) {
          return false;
        }
        acc /= divisor;
      }
      f.i = acc;
      return true;
    }
  }

  /** ADD SUB MUL DIV MIN MAX over floats. */
  static final class FloatFold extends Node {
    private final int op;
    private final Node[] args;

    FloatFold(int op, Node[] args) {
      super(ExpType.FLOAT);
      this.op = op;
      this.args = args;
    }

    @Override
    boolean real(EvalFrame f) {
      if (!args[0].real(f)) {
        return false;
      }
      double acc = f.d;
      if (args.length == 1) {
        if (op == SUB) {
          f.d = 0.0 - acc;
        } else if (op == DIV) {
          f.d = 1.0 / acc;
        }
        return true;
      }
      double divisor = 1.0;
      for (int k = 1; k < args.length; k++) {
        if (!args[k].real(f)) {
          return false;
        }
        double v = f.d;
        switch (op) {
          case ADD:
            acc += v;
            break;
          case SUB:
            acc -= v;
            break;
          case MUL:
            acc *= v;
            break;
          case DIV:
            divisor *= v;
            break;
          case MIN:
            // Plain C comparison: NaN neither replaces nor is replaced.
            if (acc > v) {
              acc = v;
            }
            break;
          default:
            if (acc < v) {
              acc = v;
            }
        }
      }
      f.d = op == DIV ? acc / divisor : acc;
      return true;
    }
  }

  /** POW and LOG (float, float). */
  static final class FloatBinary extends Node {
    private final int op;
    private final Node left;
    private final Node right;

    FloatBinary(int op, Node left, Node right) {
      super(ExpType.FLOAT);
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    boolean real(EvalFrame f) {
      if (!left.real(f)) {
        return false;
      }
      double a = f.d;
      if (!right.real(f)) {
        return false;
      }
      f.d = op == POW ? Math.pow(a, f.d) : Math.log(a) / Math.log(f.d);
      return true;
    }
  }

  /** MOD LSHIFT RSHIFT ARSHIFT (int, int). Shift counts use the low 6 bits, as x86 does. */
  static final class IntBinary extends Node {
    private final int op;
    private final Node left;
    private final Node right;

    IntBinary(int op, Node left, Node right) {
      super(ExpType.INT);
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    boolean integer(EvalFrame f) {
      if (!left.integer(f)) {
        return false;
      }
      long a = f.i;
      if (!right.integer(f)) {
        return false;
      }
      long b = f.i;
      switch (op) {
        case MOD:
          if (b == 0) {
            return false;
          }
          f.i = a % b;
          return true;
        case LSHIFT:
          f.i = a << b;
          return true;
        case RSHIFT:
          f.i = a >>> b;
          return true;
        default:
          f.i = a >> b;
          return true;
      }
    }
  }

  /** ABS INT_NOT COUNT over an integer. */
  static final class IntUnary extends Node {
    private final int op;
    private final Node arg;

    IntUnary(int op, Node arg) {
      super(ExpType.INT);
      this.op = op;
      this.arg = arg;
    }

    @Override
    boolean integer(EvalFrame f) {
      if (!arg.integer(f)) {
        return false;
      }
      long v = f.i;
      switch (op) {
        case ABS:
          f.i = Math.abs(v);
          break;
        case INT_NOT:
          f.i = ~v;
          break;
        default:
          f.i = Long.bitCount(v);
      }
      return true;
    }
  }

  /** ABS FLOOR CEIL over a float. */
  static final class FloatUnary extends Node {
    private final int op;
    private final Node arg;

    FloatUnary(int op, Node arg) {
      super(ExpType.FLOAT);
      this.op = op;
      this.arg = arg;
    }

    @Override
    boolean real(EvalFrame f) {
      if (!arg.real(f)) {
        return false;
      }
      double v = f.d;
      switch (op) {
        case ABS:
          f.d = Math.abs(v);
          break;
        case FLOOR:
          f.d = Math.floor(v);
          break;
        default:
          f.d = Math.ceil(v);
      }
      return true;
    }
  }

  /** TO_INT: truncation toward zero. */
  static final class ToInt extends Node {
    private final Node arg;

    ToInt(Node arg) {
      super(ExpType.INT);
      this.arg = arg;
    }

    @Override
    boolean integer(EvalFrame f) {
      if (!arg.real(f)) {
        return false;
      }
      f.i = (long) f.d;
      return true;
    }
  }

  static final class ToFloat extends Node {
    private final Node arg;

    ToFloat(Node arg) {
      super(ExpType.FLOAT);
      this.arg = arg;
    }

    @Override
    boolean real(EvalFrame f) {
      if (!arg.integer(f)) {
        return false;
      }
      f.d = (double) f.i;
      return true;
    }
  }

  /**
   * LSCAN / RSCAN: index (0 = most significant bit) of the first bit equal to {@code search},
   * scanning from the left or the right; -1 when there is none.
   */
  static final class Scan extends Node {
    private final boolean fromLeft;
    private final Node value;
    private final Node search;

    Scan(boolean fromLeft, Node value, Node search) {
      super(ExpType.INT);
      this.fromLeft = fromLeft;
      this.value = value;
      this.search = search;
    }

    @Override
    boolean integer(EvalFrame f) {
      if (!value.integer(f)) {
        return false;
      }
      long v = f.i;
      int s = search.bool(f);
      if (s == UNKNOWN) {
        return false;
      }
      if (s == FALSE) {
        v = ~v;
      }
      if (fromLeft) {
        int lz = Long.numberOfLeadingZeros(v);
        f.i = lz == 64 ? -1 : lz;
      } else {
        f.i = 63 - Long.numberOfTrailingZeros(v);
      }
      return true;
    }
  }
}

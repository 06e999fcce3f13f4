package io.aeroshift.emulator.exp;

/** Literals, {@code unknown()}, COND and LET/VAR. */
final class ValueNodes {
  private ValueNodes() {}

  static final class NilLit extends Node {
    NilLit() {
      super(ExpType.NIL);
    }

    @Override
    boolean nil(EvalFrame f) {
      return true;
    }
  }

  static final class BoolLit extends Node {
    private final int value;

    BoolLit(boolean value) {
      super(ExpType.BOOL);
      this.value = value ? TRUE : FALSE;
    }

    @Override
    int bool(EvalFrame f) {
      return value;
    }
  }

  static final class IntLit extends Node {
    private final long value;

    IntLit(long value) {
      super(ExpType.INT);
      this.value = value;
    }

    @Override
    boolean integer(EvalFrame f) {
      f.i = value;
      return true;
    }
  }

  static final class FloatLit extends Node {
    private final double value;

    FloatLit(double value) {
      super(ExpType.FLOAT);
      this.value = value;
    }

    @Override
    boolean real(EvalFrame f) {
      f.d = value;
      return true;
    }
  }

  /** String, blob, geo (JSON), hll, quoted list or map literal. */
  static final class BytesLit extends Node {
    private final byte[] value;

    BytesLit(int type, byte[] value) {
      super(type);
      this.value = value;
    }

    @Override
    boolean bytes(EvalFrame f) {
      f.bytes = value;
      f.off = 0;
      f.len = value.length;
      return true;
    }
  }

  /** {@code unknown()}: typed BOOL, but usable as any type inside COND. */
  static final class Unknown extends Node {
    Unknown() {
      super(ExpType.BOOL);
    }

    @Override
    boolean isUnknownOp() {
      return true;
    }

    @Override
    int bool(EvalFrame f) {
      return UNKNOWN;
    }

    @Override
    boolean integer(EvalFrame f) {
      return false;
    }

    @Override
    boolean real(EvalFrame f) {
      return false;
    }

    @Override
    boolean bytes(EvalFrame f) {
      return false;
    }

    @Override
    boolean nil(EvalFrame f) {
      return false;
    }
  }

  /** {@code cond(b1, v1, b2, v2, ..., default)}; an unknown condition makes the whole COND unknown. */
  static final class Cond extends Node {
    private final Node[] conditions;
    private final Node[] values;
    private final Node fallback;

    Cond(int type, Node[] conditions, Node[] values, Node fallback) {
      super(type);
      this.conditions = conditions;
      this.values = values;
      this.fallback = fallback;
    }

    /** The chosen branch, or null when a condition is unknown. */
    private Node choose(EvalFrame f) {
      for (int k = 0; k < conditions.length; k++) {
        int t = conditions[k].bool(f);
        if (t == UNKNOWN) {
          return null;
        }
        if (t == TRUE) {
          return values[k];
        }
      }
      return fallback;
    }

    @Override
    int bool(EvalFrame f) {
      Node n = choose(f);
      return n == null ? UNKNOWN : n.bool(f);
    }

    @Override
    boolean integer(EvalFrame f) {
      Node n = choose(f);
      return n != null && n.integer(f);
    }

    @Override
    boolean real(EvalFrame f) {
      Node n = choose(f);
      return n != null && n.real(f);
    }

    @Override
    boolean bytes(EvalFrame f) {
      Node n = choose(f);
      return n != null && n.bytes(f);
    }

    @Override
    boolean nil(EvalFrame f) {
      Node n = choose(f);
      return n != null && n.nil(f);
    }
  }

  /** {@code let(def(name, exp)..., scope)}: every definition is evaluated once, in order, then the scope. */
  static final class Let extends Node {
    private final int firstSlot;
    private final Node[] definitions;
    private final Node scope;

    Let(int firstSlot, Node[] definitions, Node scope) {
      super(scope.type);
      this.firstSlot = firstSlot;
      this.definitions = definitions;
      this.scope = scope;
    }

    private void bind(EvalFrame f) {
      for (int k = 0; k < definitions.length; k++) {
        Node def = definitions[k];
        int slot = firstSlot + k;
        boolean known = evalAny(def, f);
        f.varKnown[slot] = known;
        if (!known) {
          continue;
        }
        switch (def.type) {
          case ExpType.BOOL:
            f.varBool[slot] = (int) f.i;
            break;
          case ExpType.INT:
            f.varInt[slot] = f.i;
            break;
          case ExpType.FLOAT:
            f.varFloat[slot] = f.d;
            break;
          case ExpType.NIL:
            break;
          default:
            f.varBytes[slot] = f.bytes;
            f.varOff[slot] = f.off;
            f.varLen[slot] = f.len;
        }
      }
    }

    @Override
    int bool(EvalFrame f) {
      bind(f);
      return scope.bool(f);
    }

    @Override
    boolean integer(EvalFrame f) {
      bind(f);
      return scope.integer(f);
    }

    @Override
    boolean real(EvalFrame f) {
      bind(f);
      return scope.real(f);
    }

    @Override
    boolean bytes(EvalFrame f) {
      bind(f);
      return scope.bytes(f);
    }

    @Override
    boolean nil(EvalFrame f) {
      bind(f);
      return scope.nil(f);
    }
  }

  static final class Var extends Node {
    private final int slot;

    Var(int type, int slot) {
      super(type);
      this.slot = slot;
    }

    @Override
    int bool(EvalFrame f) {
      return f.varKnown[slot] ? f.varBool[slot] : UNKNOWN;
    }

    @Override
    boolean integer(EvalFrame f) {
      f.i = f.varInt[slot];
      return f.varKnown[slot];
    }

    @Override
    boolean real(EvalFrame f) {
      f.d = f.varFloat[slot];
      return f.varKnown[slot];
    }

    @Override
    boolean bytes(EvalFrame f) {
      f.bytes = f.varBytes[slot];
      f.off = f.varOff[slot];
      f.len = f.varLen[slot];
      return f.varKnown[slot];
    }

    @Override
    boolean nil(EvalFrame f) {
      return f.varKnown[slot];
    }
  }
}

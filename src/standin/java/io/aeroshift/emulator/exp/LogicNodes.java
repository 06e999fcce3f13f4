package io.aeroshift.emulator.exp;

/** AND, OR, NOT, EXCLUSIVE with the server's three-valued logic. */
final class LogicNodes {
  private LogicNodes() {}

  /** FALSE wins; otherwise any UNKNOWN makes the result UNKNOWN. */
  static final class And extends Node {
    private final Node[] args;

    And(Node[] args) {
      super(ExpType.BOOL);
      this.args = args;
    }

    @Override
    int bool(EvalFrame f) {
      int result = TRUE;
      for (Node a : args) {
        int t = a.bool(f);
        if (t == FALSE) {
          return FALSE;
        }
        if (t == UNKNOWN) {
          result = UNKNOWN;
        }
      }
      return result;
    }
  }

  /** TRUE wins; otherwise any UNKNOWN makes the result UNKNOWN. */
  static final class Or extends Node {
    private final Node[] args;

    Or(Node[] args) {
      super(ExpType.BOOL);
      this.args = args;
    }

    @Override
    int bool(EvalFrame f) {
      int result = FALSE;
      for (Node a : args) {
        int t = a.bool(f);
        if (t == TRUE) {
          return TRUE;
        }
        if (t == UNKNOWN) {
          result = UNKNOWN;
        }
      }
      return result;
    }
  }

  static final class Not extends Node {
    private final Node arg;

    Not(Node arg) {
      super(ExpType.BOOL);
      this.arg = arg;
    }

    @Override
    int bool(EvalFrame f) {
      int t = arg.bool(f);
      return t == UNKNOWN ? UNKNOWN : (t == TRUE ? FALSE : TRUE);
    }
  }

  /**
   * Exactly one argument true. Evaluated left to right like the server: a second TRUE answers FALSE
   * at once, an UNKNOWN met before that answers UNKNOWN.
   */
  static final class Exclusive extends Node {
    private final Node[] args;

    Exclusive(Node[] args) {
      super(ExpType.BOOL);
      this.args = args;
    }

    @Override
    int bool(EvalFrame f) {
      boolean seenTrue = false;
      for (Node a : args) {
        int t = a.bool(f);
        if (t == UNKNOWN) {
          return UNKNOWN;
        }
        if (t == TRUE) {
          if (seenTrue) {
            return FALSE;
          }
          seenTrue = true;
        }
      }
      return seenTrue ? TRUE : FALSE;
    }
  }
}

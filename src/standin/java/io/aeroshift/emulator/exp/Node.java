package io.aeroshift.emulator.exp;

/**
 * A compiled expression node with a static result type ({@link ExpType}). Evaluation is split by
 * type so values never need boxing: {@link #bool} answers a trilean directly; the others answer
 * whether the value is known and leave it in the {@link EvalFrame} registers.
 */
abstract class Node {
  static final int FALSE = 0;
  static final int TRUE = 1;
  static final int UNKNOWN = 2;

  final int type;

  Node(int type) {
    this.type = type;
  }

  /** BOOL nodes: {@link #TRUE}, {@link #FALSE} or {@link #UNKNOWN}. */
  int bool(EvalFrame f) {
    throw wrongType("bool");
  }

  /** INT nodes: known → value in {@code f.i}. */
  boolean integer(EvalFrame f) {
    throw wrongType("int");
  }

  /** FLOAT nodes: known → value in {@code f.d}. */
  boolean real(EvalFrame f) {
    throw wrongType("float");
  }

  /** STRING, BLOB, GEO (JSON text), LIST/MAP (msgpack), HLL nodes: known → slice in f.bytes/off/len. */
  boolean bytes(EvalFrame f) {
    throw wrongType("bytes");
  }

  /** NIL nodes: whether the nil is known. */
  boolean nil(EvalFrame f) {
    throw wrongType("nil");
  }

  /** True only for the {@code unknown()} op, which may stand in for any type in a COND branch. */
  boolean isUnknownOp() {
    return false;
  }

  /** Evaluates a node of any type into the frame registers; trilean results go to {@code f.i}. */
  static boolean evalAny(Node n, EvalFrame f) {
    switch (n.type) {
      case ExpType.BOOL:
        int t = n.bool(f);
        f.i = t;
        return t != UNKNOWN;
      case ExpType.INT:
        return n.integer(f);
      case ExpType.FLOAT:
        return n.real(f);
      case ExpType.NIL:
        return n.nil(f);
      default:
        return n.bytes(f);
    }
  }

  static boolean isBytesType(int type) {
    return type != ExpType.BOOL && type != ExpType.INT && type != ExpType.FLOAT && type != ExpType.NIL;
  }

  private IllegalStateException wrongType(String asked) {
    return new IllegalStateException(
        getClass().getSimpleName() + " of type " + ExpType.name(type) + " evaluated as " + asked);
  }
}

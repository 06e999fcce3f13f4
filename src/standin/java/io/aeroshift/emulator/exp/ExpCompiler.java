package io.aeroshift.emulator.exp;

import io.aeroshift.emulator.exp.ArithmeticNodes.FloatBinary;
import io.aeroshift.emulator.exp.ArithmeticNodes.FloatFold;
import io.aeroshift.emulator.exp.ArithmeticNodes.FloatUnary;
import io.aeroshift.emulator.exp.ArithmeticNodes.IntBinary;
import io.aeroshift.emulator.exp.ArithmeticNodes.IntFold;
import io.aeroshift.emulator.exp.ArithmeticNodes.IntUnary;
import io.aeroshift.emulator.exp.ArithmeticNodes.Scan;
import io.aeroshift.emulator.exp.ArithmeticNodes.ToFloat;
import io.aeroshift.emulator.exp.ArithmeticNodes.ToInt;
import io.aeroshift.emulator.exp.CompareNodes.BoolCompare;
import io.aeroshift.emulator.exp.CompareNodes.BytesCompare;
import io.aeroshift.emulator.exp.CompareNodes.FloatCompare;
import io.aeroshift.emulator.exp.CompareNodes.IntCompare;
import io.aeroshift.emulator.exp.CompareNodes.MsgpackCompare;
import io.aeroshift.emulator.exp.CompareNodes.NilCompare;
import io.aeroshift.emulator.exp.CompareNodes.Regex;
import io.aeroshift.emulator.exp.LogicNodes.And;
import io.aeroshift.emulator.exp.LogicNodes.Exclusive;
import io.aeroshift.emulator.exp.LogicNodes.Not;
import io.aeroshift.emulator.exp.LogicNodes.Or;
import io.aeroshift.emulator.exp.MsgpackReader.Kind;
import io.aeroshift.emulator.exp.RecordNodes.Bin;
import io.aeroshift.emulator.exp.RecordNodes.BinType;
import io.aeroshift.emulator.exp.RecordNodes.BoolMeta;
import io.aeroshift.emulator.exp.RecordNodes.DigestModulo;
import io.aeroshift.emulator.exp.RecordNodes.IntMeta;
import io.aeroshift.emulator.exp.RecordNodes.Key;
import io.aeroshift.emulator.exp.RecordNodes.SetName;
import io.aeroshift.emulator.exp.ValueNodes.BoolLit;
import io.aeroshift.emulator.exp.ValueNodes.BytesLit;
import io.aeroshift.emulator.exp.ValueNodes.Cond;
import io.aeroshift.emulator.exp.ValueNodes.FloatLit;
import io.aeroshift.emulator.exp.ValueNodes.IntLit;
import io.aeroshift.emulator.exp.ValueNodes.Let;
import io.aeroshift.emulator.exp.ValueNodes.NilLit;
import io.aeroshift.emulator.exp.ValueNodes.Unknown;
import io.aeroshift.emulator.exp.ValueNodes.Var;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Compiles the msgpack expression tree into {@link Node}s, checking argument counts and types the
 * way the server's build step does: what the server refuses gets 4 (PARAMETER_ERROR); what the
 * server accepts but the emulator does not implement gets 16 (UNSUPPORTED_FEATURE).
 */
final class ExpCompiler {
  /** Largest expression field the server builds (1 MiB). */
  static final int MAX_SIZE = 1024 * 1024;
  /**
   * Nesting limit. Compilation recurses about three JIT-compiled frames per level, and those frames
   * can exceed 1 KiB each; 128 levels stay well inside a default 1 MiB thread stack.
   */
  private static final int MAX_DEPTH = 128;
  private static final int MAX_BIN_NAME = 15;

  private static final int UNKNOWN = 0;
  private static final int REGEX = 7;
  private static final int GEO = 8;
  private static final int IN_LIST = 9;
  private static final int AND = 16;
  private static final int OR = 17;
  private static final int NOT = 18;
  private static final int EXCLUSIVE = 19;
  private static final int KEY = 80;
  private static final int BIN = 81;
  private static final int BIN_TYPE = 82;
  private static final int RESULT_REMOVE = 100;
  private static final int MAP_KEYS = 101;
  private static final int MAP_VALUES = 102;
  private static final int VAR_BUILTIN = 122;
  private static final int COND = 123;
  private static final int VAR = 124;
  private static final int LET = 125;
  private static final int QUOTED = 126;
  private static final int CALL = 127;

  /** Type of a variable whose definition is still being compiled. */
  private static final int DEFINING = -1;

  private final MsgpackReader in;
  private final Deque<Map<String, int[]>> scopes = new ArrayDeque<>();
  private int nextSlot;
  private int maxSlots;
  private int depth;

  private ExpCompiler(byte[] msgpack) {
    this.in = new MsgpackReader(msgpack);
  }

  /** The compiled root and the number of LET slots its evaluation needs. */
  record Compiled(Node root, int varSlots) {}

  static Compiled compile(byte[] msgpack) {
    if (msgpack == null || msgpack.length == 0) {
      throw new ExpressionException(4, "empty filter expression");
    }
    if (msgpack.length >= MAX_SIZE) {
      throw new ExpressionException(4, "filter expression of " + msgpack.length + " bytes exceeds 1 MiB");
    }
    ExpCompiler c = new ExpCompiler(msgpack);
    Node root;
    try {
      root = c.next();
    } catch (StackOverflowError e) {
      // Only reachable on a thread with a very small stack; the depth limit covers normal ones.
      throw new ExpressionException(4, "invalid filter expression: nested too deeply for this thread's stack");
    }
    if (!c.in.atEnd()) {
      throw c.in.malformed("trailing bytes after the expression");
    }
    return new Compiled(root, c.maxSlots);
  }

  private Node next() {
    if (++depth > MAX_DEPTH) {
      throw in.malformed("expression nested deeper than " + MAX_DEPTH);
    }
    try {
      Kind kind = in.peekKind();
      switch (kind) {
        case NIL:
          in.readNil();
          return new NilLit();
        case BOOL:
          return new BoolLit(in.readBool());
        case INT:
          return new IntLit(in.readLong());
        case FLOAT:
          return new FloatLit(in.readDouble());
        case BYTES:
          return typedBytes();
        case MAP:
          return new BytesLit(ExpType.MAP, in.readRawValue());
        case EXT:
          throw bad("an ext value (wildcard/infinity) is only valid inside a CDT call");
        default:
          return call();
      }
    } finally {
      depth--;
    }
  }

  /** A string, blob, geo or hll literal: msgpack str whose first byte is the particle type. */
  private Node typedBytes() {
    int at = in.position();
    int len = in.readBytesHeader();
    if (len == 0) {
      throw bad("empty string literal at byte " + at + " (a literal needs its particle-type byte)");
    }
    byte[] buf = in.buffer();
    int start = in.position();
    int particle = buf[start] & 0xFF;
    byte[] value = new byte[len - 1];
    System.arraycopy(buf, start + 1, value, 0, len - 1);
    in.advance(len);
    switch (particle) {
      case Particles.STRING:
        return new BytesLit(ExpType.STRING, value);
      case Particles.BLOB:
        return new BytesLit(ExpType.BLOB, value);
      case Particles.GEOJSON:
        return new BytesLit(ExpType.GEO, value);
      case Particles.HLL:
        return new BytesLit(ExpType.HLL, value);
      default:
        throw bad("literal at byte " + at + " has unexpected particle type " + particle);
    }
  }

  private Node call() {
    int at = in.position();
    int count = in.readArrayHeader();
    if (count == 0) {
      throw bad("empty array at byte " + at + " (a call needs an opcode)");
    }
    if (in.peekKind() != Kind.INT) {
      throw bad("call at byte " + at + " does not start with an integer opcode");
    }
    long opcode = in.readLong();
    int args = count - 1;
    if (opcode < 0 || opcode > CALL) {
      throw bad("unknown expression opcode " + opcode + " at byte " + at);
    }
    int op = (int) opcode;
    switch (op) {
      case UNKNOWN:
        expectArgs(op, args, 0);
        return new Unknown();
      case CompareNodes.EQ:
      case CompareNodes.NE:
      case CompareNodes.GT:
      case CompareNodes.GE:
      case CompareNodes.LT:
      case CompareNodes.LE:
        expectArgs(op, args, 2);
        return compare(op);
      case REGEX:
        expectArgs(op, args, 3);
        return regex();
      case GEO:
        throw unsupported("geospatial comparison (Exp.geoCompare)");
      case IN_LIST:
        throw unsupported("in-list expressions");
      case AND:
      case OR:
      case EXCLUSIVE:
        return logical(op, args);
      case NOT:
        expectArgs(op, args, 1);
        return new Not(expect(ExpType.BOOL, "not"));
      case ArithmeticNodes.ADD:
      case ArithmeticNodes.SUB:
      case ArithmeticNodes.MUL:
      case ArithmeticNodes.DIV:
      case ArithmeticNodes.MIN:
      case ArithmeticNodes.MAX:
        return numericFold(op, args);
      case ArithmeticNodes.POW:
      case ArithmeticNodes.LOG:
        expectArgs(op, args, 2);
        return new FloatBinary(op, expect(ExpType.FLOAT, opName(op)), expect(ExpType.FLOAT, opName(op)));
      case ArithmeticNodes.MOD:
      case ArithmeticNodes.LSHIFT:
      case ArithmeticNodes.RSHIFT:
      case ArithmeticNodes.ARSHIFT:
        expectArgs(op, args, 2);
        return new IntBinary(op, expect(ExpType.INT, opName(op)), expect(ExpType.INT, opName(op)));
      case ArithmeticNodes.ABS:
        {
          expectArgs(op, args, 1);
          Node a = next();
          if (a.type == ExpType.INT) {
            return new IntUnary(op, a);
          }
          if (a.type == ExpType.FLOAT) {
            return new FloatUnary(op, a);
          }
          throw typeError("abs", "int or float", a.type);
        }
      case ArithmeticNodes.FLOOR:
      case ArithmeticNodes.CEIL:
        expectArgs(op, args, 1);
        return new FloatUnary(op, expect(ExpType.FLOAT, opName(op)));
      case ArithmeticNodes.TO_INT:
        expectArgs(op, args, 1);
        return new ToInt(expect(ExpType.FLOAT, "toInt"));
      case ArithmeticNodes.TO_FLOAT:
        expectArgs(op, args, 1);
        return new ToFloat(expect(ExpType.INT, "toFloat"));
      case ArithmeticNodes.INT_AND:
      case ArithmeticNodes.INT_OR:
      case ArithmeticNodes.INT_XOR:
        {
          if (args < 1) {
            throw bad(opName(op) + " needs at least one argument");
          }
          Node[] a = new Node[args];
          for (int k = 0; k < args; k++) {
            a[k] = expect(ExpType.INT, opName(op));
          }
          return new IntFold(op, a);
        }
      case ArithmeticNodes.INT_NOT:
      case ArithmeticNodes.COUNT:
        expectArgs(op, args, 1);
        return new IntUnary(op, expect(ExpType.INT, opName(op)));
      case ArithmeticNodes.LSCAN:
      case ArithmeticNodes.RSCAN:
        expectArgs(op, args, 2);
        return new Scan(
            op == ArithmeticNodes.LSCAN, expect(ExpType.INT, opName(op)), expect(ExpType.BOOL, opName(op)));
      case RecordNodes.DIGEST_MODULO:
        {
          expectArgs(op, args, 1);
          long mod = (int) readStaticInt("digestModulo");
          if (mod == 0) {
            throw bad("digestModulo(0): cannot take a modulo by zero");
          }
          return new DigestModulo(mod);
        }
      case RecordNodes.DEVICE_SIZE:
      case RecordNodes.LAST_UPDATE:
      case RecordNodes.SINCE_UPDATE:
      case RecordNodes.VOID_TIME:
      case RecordNodes.TTL:
      case RecordNodes.MEMORY_SIZE:
      case RecordNodes.RECORD_SIZE:
        expectArgs(op, args, 0);
        return new IntMeta(op);
      case RecordNodes.SET_NAME:
        expectArgs(op, args, 0);
        return new SetName();
      case RecordNodes.KEY_EXISTS:
      case RecordNodes.IS_TOMBSTONE:
        expectArgs(op, args, 0);
        return new BoolMeta(op);
      case KEY:
        {
          expectArgs(op, args, 1);
          long t = readStaticInt("key");
          if (t != ExpType.INT && t != ExpType.STRING && t != ExpType.BLOB) {
            throw bad("key(" + t + "): a user key can only be read as int, string or blob");
          }
          return new Key((int) t);
        }
      case BIN:
        {
          expectArgs(op, args, 2);
          long t = readStaticInt("bin");
          if (t < 0 || t >= ExpType.INPUT_END) {
            throw bad("bin type " + t + " is not a valid expression type");
          }
          return new Bin((int) t, binName());
        }
      case BIN_TYPE:
        expectArgs(op, args, 1);
        return new BinType(binName());
      case RESULT_REMOVE:
      case MAP_KEYS:
      case MAP_VALUES:
      case VAR_BUILTIN:
        throw unsupported("expression opcode " + op + " (server 8.1 path expressions)");
      case COND:
        return cond(args);
      case VAR:
        expectArgs(op, args, 1);
        return var();
      case LET:
        return let(args);
      case QUOTED:
        expectArgs(op, args, 1);
        if (in.peekKind() != Kind.ARRAY) {
          throw bad("a quoted value must be a list");
        }
        return new BytesLit(ExpType.LIST, in.readRawValue());
      case CALL:
        throw unsupported(
            "CDT, bit and HLL expression calls (ListExp, MapExp, BitExp, HLLExp: opcode 127)");
      default:
        throw bad("unknown expression opcode " + op + " at byte " + at);
    }
  }

  private Node compare(int op) {
    Node l = next();
    Node r = next();
    if (l.type != r.type) {
      throw bad(
          opName(op) + " compares " + ExpType.name(l.type) + " with " + ExpType.name(r.type)
              + ": both sides must have the same type");
    }
    switch (l.type) {
      case ExpType.INT:
        return new IntCompare(op, l, r);
      case ExpType.FLOAT:
        return new FloatCompare(op, l, r);
      case ExpType.BOOL:
        return new BoolCompare(op, l, r);
      case ExpType.NIL:
        return new NilCompare(op, l, r);
      case ExpType.STRING:
      case ExpType.BLOB:
        return new BytesCompare(op, l, r);
      case ExpType.LIST:
      case ExpType.MAP:
        return new MsgpackCompare(op, l, r);
      default:
        throw bad(opName(op) + " cannot compare " + ExpType.name(l.type) + " values");
    }
  }

  private Node regex() {
    long flags = readStaticInt("regexCompare flags");
    if (in.peekKind() != Kind.BYTES) {
      throw bad("regexCompare pattern must be a string");
    }
    String pattern = in.readName();
    Node subject = expect(ExpType.STRING, "regexCompare");
    try {
      return new Regex(PosixRegex.compile(pattern, flags), subject);
    } catch (IllegalArgumentException e) {
      throw bad("regexCompare pattern \"" + pattern + "\" does not compile: " + e.getMessage());
    }
  }

  private Node logical(int op, int args) {
    if (args < 2) {
      throw bad(opName(op) + " needs at least two arguments, has " + args);
    }
    Node[] a = new Node[args];
    for (int k = 0; k < args; k++) {
      a[k] = expect(ExpType.BOOL, opName(op));
    }
    if (op == AND) {
      return new And(a);
    }
    return op == OR ? new Or(a) : new Exclusive(a);
  }

  private Node numericFold(int op, int args) {
    if (args < 1) {
      throw bad(opName(op) + " needs at least one argument");
    }
    Node[] a = new Node[args];
    int type = -1;
    for (int k = 0; k < args; k++) {
      a[k] = next();
      int t = a[k].type;
      if (t != ExpType.INT && t != ExpType.FLOAT) {
        throw typeError(opName(op), "int or float", t);
      }
      if (type >= 0 && t != type) {
        throw bad(opName(op) + " mixes int and float arguments (argument " + (k + 1) + ")");
      }
      type = t;
    }
    return type == ExpType.INT ? new IntFold(op, a) : new FloatFold(op, a);
  }

  private Node cond(int args) {
    if (args < 3 || args % 2 == 0) {
      throw bad("cond needs condition/value pairs and a default, has " + args + " arguments");
    }
    int cases = args / 2;
    Node[] conditions = new Node[cases];
    Node[] values = new Node[cases];
    int type = -1;
    for (int k = 0; k < cases; k++) {
      conditions[k] = expect(ExpType.BOOL, "cond condition");
      values[k] = next();
      type = unify(type, values[k], "cond value " + (k + 1));
    }
    Node fallback = next();
    type = unify(type, fallback, "cond default");
    if (type < 0) {
      type = fallback.type;
    }
    return new Cond(type, conditions, values, fallback);
  }

  /** COND branches share one type; {@code unknown()} fits any. */
  private int unify(int type, Node branch, String where) {
    if (branch.isUnknownOp()) {
      return type;
    }
    if (type >= 0 && branch.type != type) {
      throw bad(where + " is " + ExpType.name(branch.type) + " but earlier branches are " + ExpType.name(type));
    }
    return branch.type;
  }

  private Node let(int args) {
    if (args < 3 || args % 2 == 0) {
      throw bad("let needs name/value pairs and a scope expression, has " + args + " arguments");
    }
    int n = args / 2;
    Map<String, int[]> scope = new HashMap<>();
    scopes.push(scope);
    int firstSlot = nextSlot;
    Node[] defs = new Node[n];
    for (int k = 0; k < n; k++) {
      if (in.peekKind() != Kind.BYTES) {
        throw bad("let variable name " + (k + 1) + " must be a string");
      }
      String name = in.readName();
      checkVarName(name);
      if (lookup(name) != null) {
        throw bad("let variable '" + name + "' is already defined");
      }
      int[] entry = {nextSlot++, DEFINING};
      scope.put(name, entry);
      defs[k] = next();
      entry[1] = defs[k].type;
    }
    maxSlots = Math.max(maxSlots, nextSlot);
    Node body = next();
    scopes.pop();
    nextSlot -= n;
    return new Let(firstSlot, defs, body);
  }

  private Node var() {
    if (in.peekKind() != Kind.BYTES) {
      throw bad("var name must be a string");
    }
    String name = in.readName();
    int[] entry = lookup(name);
    if (entry == null) {
      throw bad("var '" + name + "' is not defined by an enclosing let");
    }
    if (entry[1] == DEFINING) {
      throw bad("var '" + name + "' is used inside its own definition");
    }
    return new Var(entry[1], entry[0]);
  }

  private int[] lookup(String name) {
    for (Map<String, int[]> scope : scopes) {
      int[] e = scope.get(name);
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  private void checkVarName(String name) {
    if (name.isEmpty()) {
      throw bad("let variable name is empty");
    }
    char c0 = name.charAt(0);
    if (c0 != '_' && !isAsciiAlpha(c0)) {
      throw bad("let variable name '" + name + "' must begin with a letter or underscore");
    }
    for (int k = 1; k < name.length(); k++) {
      char c = name.charAt(k);
      if (c != '_' && !isAsciiAlpha(c) && !(c >= '0' && c <= '9')) {
        throw bad("let variable name '" + name + "' may contain only letters, digits and underscores");
      }
    }
  }

  private static boolean isAsciiAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private String binName() {
    if (in.peekKind() != Kind.BYTES) {
      throw bad("bin name must be a string");
    }
    String name = in.readName();
    int len = name.getBytes(StandardCharsets.UTF_8).length;
    if (len == 0 || len > MAX_BIN_NAME) {
      throw bad("bin name '" + name + "' must be 1 to " + MAX_BIN_NAME + " bytes long");
    }
    return name;
  }

  private long readStaticInt(String what) {
    if (in.peekKind() != Kind.INT) {
      throw bad(what + " expects an integer argument");
    }
    return in.readLong();
  }

  private Node expect(int type, String where) {
    Node n = next();
    if (n.type != type) {
      throw typeError(where, ExpType.name(type), n.type);
    }
    return n;
  }

  private void expectArgs(int op, int args, int expected) {
    if (args != expected) {
      throw bad(opName(op) + " expects " + expected + " arguments, has " + args);
    }
  }

  private ExpressionException typeError(String where, String expected, int actual) {
    return bad(where + " expects " + expected + " but the argument is " + ExpType.name(actual));
  }

  private static ExpressionException bad(String message) {
    return new ExpressionException(4, "invalid filter expression: " + message);
  }

  private static ExpressionException unsupported(String what) {
    return new ExpressionException(16, "the emulator does not support " + what);
  }

  private static String opName(int op) {
    switch (op) {
      case CompareNodes.EQ:
        return "eq";
      case CompareNodes.NE:
        return "ne";
      case CompareNodes.GT:
        return "gt";
      case CompareNodes.GE:
        return "ge";
      case CompareNodes.LT:
        return "lt";
      case CompareNodes.LE:
        return "le";
      case AND:
        return "and";
      case OR:
        return "or";
      case EXCLUSIVE:
        return "exclusive";
      case ArithmeticNodes.ADD:
        return "add";
      case ArithmeticNodes.SUB:
        return "sub";
      case ArithmeticNodes.MUL:
        return "mul";
      case ArithmeticNodes.DIV:
        return "div";
      case ArithmeticNodes.POW:
        return "pow";
      case ArithmeticNodes.LOG:
        return "log";
      case ArithmeticNodes.MOD:
        return "mod";
      case ArithmeticNodes.FLOOR:
        return "floor";
      case ArithmeticNodes.CEIL:
        return "ceil";
      case ArithmeticNodes.INT_AND:
        return "intAnd";
      case ArithmeticNodes.INT_OR:
        return "intOr";
      case ArithmeticNodes.INT_XOR:
        return "intXor";
      case ArithmeticNodes.INT_NOT:
        return "intNot";
      case ArithmeticNodes.LSHIFT:
        return "lshift";
      case ArithmeticNodes.RSHIFT:
        return "rshift";
      case ArithmeticNodes.ARSHIFT:
        return "arshift";
      case ArithmeticNodes.COUNT:
        return "count";
      case ArithmeticNodes.LSCAN:
        return "lscan";
      case ArithmeticNodes.RSCAN:
        return "rscan";
      case ArithmeticNodes.MIN:
        return "min";
      case ArithmeticNodes.MAX:
        return "max";
      default:
        return "opcode " + op;
    }
  }
}

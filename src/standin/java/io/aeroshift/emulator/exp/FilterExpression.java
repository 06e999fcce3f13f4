package io.aeroshift.emulator.exp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A compiled Aerospike expression: the filter of an AS_MSG (field 43), or the expression of an
 * EXP_READ op. Parse once per request, evaluate once per record; evaluation reuses one scratch
 * frame per thread and decodes bin values only when a node asks for them, so {@link #matches} does
 * not allocate on the scan path (string regexes and list/map comparisons excepted).
 *
 * <h2>Errors at parse time</h2>
 * {@link ExpressionException} with result code 4 (PARAMETER_ERROR) for what the real server refuses
 * while building the expression: malformed or truncated msgpack, an unknown opcode, wrong argument
 * counts, mixed operand types (e.g. {@code eq(intBin, val("x"))}), a regex that does not compile, a
 * filter whose result is not boolean. Result code 16 (UNSUPPORTED_FEATURE) for what the server
 * accepts but the emulator lacks: CDT/bit/HLL calls (opcode 127), geo comparisons, in-list and the
 * server-8.1 path opcodes.
 *
 * <h2>EXP_READ (op 7) — how the server should answer</h2>
 * The op's BLOB particle holds {@code [expression, flags]}: decode it with {@link #parseReadOp},
 * evaluate with {@link #evaluate}, then:
 * <ul>
 *   <li>{@link ExpSentinel#UNKNOWN}: result code 26 (OP_NOT_APPLICABLE), unless the flags contain
 *       {@code ExpReadFlags.EVAL_NO_FAIL} (16): then a NULL particle (type 0, no bytes).
 *   <li>Anything else: return the op's bin with {@link #toParticle}'s type and bytes —
 *       {@code Long} → INTEGER (8 bytes big-endian); {@code Double} → DOUBLE (8 bytes IEEE
 *       big-endian); {@code String} → STRING (UTF-8); {@code byte[]} → BLOB; {@code Boolean} →
 *       BOOL (1 byte); {@link ExpSentinel#NIL} → NULL; {@link RawParticle} list/map → its msgpack
 *       as is; geojson → a GEOJSON particle with an empty cell header ({@code 00 00 00} + JSON);
 *       hll → HLL as is.
 * </ul>
 */
public final class FilterExpression {

  private static final ThreadLocal<EvalFrame> FRAMES = ThreadLocal.withInitial(EvalFrame::new);

  private final Node root;
  private final int varSlots;

  private FilterExpression(ExpCompiler.Compiled compiled) {
    this.root = compiled.root();
    this.varSlots = compiled.varSlots();
  }

  /**
   * Parses the msgpack bytes of a filter (field 43). The expression must be boolean.
   *
   * @throws ExpressionException with result code 4 when malformed, 16 when an op is not supported
   */
  public static FilterExpression parse(byte[] msgpack) {
    FilterExpression e = new FilterExpression(ExpCompiler.compile(msgpack));
    if (e.root.type != ExpType.BOOL) {
      throw new ExpressionException(
          4, "invalid filter expression: a filter must return a boolean, this one returns "
              + ExpType.name(e.root.type));
    }
    return e;
  }

  /**
   * Parses an expression of any result type (the expression of an EXP_READ op).
   *
   * @throws ExpressionException with result code 4 when malformed, 16 when an op is not supported
   */
  public static FilterExpression parseValue(byte[] msgpack) {
    return new FilterExpression(ExpCompiler.compile(msgpack));
  }

  /** The decoded BLOB value of an EXP_READ op: {@code [expression, flags]}. */
  public record ReadOp(FilterExpression expression, long flags) {
    /** {@code ExpReadFlags.EVAL_NO_FAIL}: an unknown result gives a NULL bin instead of error 26. */
    public static final long EVAL_NO_FAIL = 16;
  }

  /**
   * Decodes an EXP_READ op value ({@code [expression, flags]}, flags optional).
   *
   * @throws ExpressionException 4 when malformed, 16 when an op is not supported
   */
  public static ReadOp parseReadOp(byte[] opValue) {
    MsgpackReader r = new MsgpackReader(opValue == null ? new byte[0] : opValue);
    int count = r.readArrayHeader();
    if (count < 1 || count > 2) {
      throw new ExpressionException(4, "invalid expression op: expected [expression, flags], found " + count + " elements");
    }
    byte[] expression = r.readRawValue();
    long flags = 0;
    if (count == 2) {
      flags = r.readLong();
    }
    if (!r.atEnd()) {
      throw r.malformed("trailing bytes after the expression op");
    }
    return new ReadOp(parseValue(expression), flags);
  }

  /** True when the expression evaluates to boolean true on the record; unknown counts as false. */
  public boolean matches(ExpRecord record, long nowMillis) {
    if (root.type != ExpType.BOOL) {
      return false;
    }
    EvalFrame f = FRAMES.get();
    f.reset(record, nowMillis, varSlots);
    try {
      return root.bool(f) == Node.TRUE;
    } finally {
      f.release();
    }
  }

  /**
   * Evaluates the expression on the record. Returns {@code Long}, {@code Double}, {@code String},
   * {@code byte[]} (blob), {@code Boolean}, {@link RawParticle} (list, map, geojson JSON, hll),
   * {@link ExpSentinel#NIL}, or {@link ExpSentinel#UNKNOWN}.
   */
  public Object evaluate(ExpRecord record, long nowMillis) {
    EvalFrame f = FRAMES.get();
    f.reset(record, nowMillis, varSlots);
    try {
      if (!Node.evalAny(root, f)) {
        return ExpSentinel.UNKNOWN;
      }
      switch (root.type) {
        case ExpType.BOOL:
          return f.i == Node.TRUE;
        case ExpType.INT:
          return f.i;
        case ExpType.FLOAT:
          return f.d;
        case ExpType.NIL:
          return ExpSentinel.NIL;
        case ExpType.STRING:
          return new String(f.bytes, f.off, f.len, StandardCharsets.UTF_8);
        case ExpType.BLOB:
          return copy(f);
        case ExpType.LIST:
          return new RawParticle(Particles.LIST, copy(f));
        case ExpType.MAP:
          return new RawParticle(Particles.MAP, copy(f));
        case ExpType.GEO:
          return new RawParticle(Particles.GEOJSON, copy(f));
        default:
          return new RawParticle(Particles.HLL, copy(f));
      }
    } finally {
      f.release();
    }
  }

  /**
   * The particle to return for an {@link #evaluate} result (see the class comment), or null for
   * {@link ExpSentinel#UNKNOWN}, which has no particle.
   */
  public static RawParticle toParticle(Object result) {
    if (result == ExpSentinel.UNKNOWN) {
      return null;
    }
    if (result == ExpSentinel.NIL) {
      return new RawParticle(Particles.NULL, new byte[0]);
    }
    if (result instanceof Long) {
      return new RawParticle(Particles.INTEGER, ByteBuffer.allocate(8).putLong((Long) result).array());
    }
    if (result instanceof Double) {
      return new RawParticle(Particles.DOUBLE, ByteBuffer.allocate(8).putDouble((Double) result).array());
    }
    if (result instanceof Boolean) {
      return new RawParticle(Particles.BOOL, new byte[] {(byte) (((Boolean) result) ? 1 : 0)});
    }
    if (result instanceof String) {
      return new RawParticle(Particles.STRING, ((String) result).getBytes(StandardCharsets.UTF_8));
    }
    if (result instanceof byte[]) {
      return new RawParticle(Particles.BLOB, (byte[]) result);
    }
    if (result instanceof RawParticle) {
      RawParticle p = (RawParticle) result;
      if (p.particleType() == Particles.GEOJSON) {
        byte[] json = p.bytes();
        byte[] particle = new byte[3 + json.length];
        System.arraycopy(json, 0, particle, 3, json.length);
        return new RawParticle(Particles.GEOJSON, particle);
      }
      return p;
    }
    throw new IllegalArgumentException("not an expression result: " + result);
  }

  private static byte[] copy(EvalFrame f) {
    byte[] b = new byte[f.len];
    System.arraycopy(f.bytes, f.off, b, 0, f.len);
    return b;
  }
}

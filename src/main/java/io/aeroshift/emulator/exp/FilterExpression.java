package io.aeroshift.emulator.exp;

/**
 * A compiled filter expression (field 43 of an AS_MSG). Placeholder signature: the evaluator is
 * built in its own change; until then every parse is refused as unsupported.
 */
public final class FilterExpression {

  private FilterExpression() {}

  /**
   * Parses the msgpack bytes the client sends.
   *
   * @throws ExpressionException with result code 4 when malformed, 16 when an op is not supported
   */
  public static FilterExpression parse(byte[] msgpack) {
    throw new ExpressionException(16, "filter expressions are not supported yet");
  }

  /** True when the expression evaluates to boolean true on the record; unknown counts as false. */
  public boolean matches(ExpRecord record, long nowMillis) {
    throw new UnsupportedOperationException();
  }
}

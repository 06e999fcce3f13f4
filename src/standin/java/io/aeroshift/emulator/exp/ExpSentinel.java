package io.aeroshift.emulator.exp;

/** Non-value results of {@link FilterExpression#evaluate}. */
public enum ExpSentinel {
  /** The expression evaluated to unknown (missing bin, wrong bin type, division by zero, ...). */
  UNKNOWN,
  /** The expression evaluated to nil ({@code Exp.nil()}). */
  NIL
}

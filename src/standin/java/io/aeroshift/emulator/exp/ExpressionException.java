package io.aeroshift.emulator.exp;

/** An expression the server would refuse, with the result code the real server answers. */
public class ExpressionException extends RuntimeException {
  private final int resultCode;

  public ExpressionException(int resultCode, String message) {
    super(message);
    this.resultCode = resultCode;
  }

  /** 4 (PARAMETER_ERROR) for a malformed expression, 16 (UNSUPPORTED_FEATURE) for an op the emulator lacks. */
  public int resultCode() {
    return resultCode;
  }
}

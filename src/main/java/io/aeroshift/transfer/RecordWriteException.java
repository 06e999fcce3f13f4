package io.aeroshift.transfer;

import io.aeroshift.outcome.ErrorClass;

/** A record could not be written (permanent failure, or retries exhausted). */
public final class RecordWriteException extends RuntimeException {

  private final ErrorClass errorClass;

  public RecordWriteException(byte[] digest, ErrorClass errorClass, int attempts, Throwable cause) {
    super("write of digest " + hex(digest) + " failed after " + attempts + " attempt(s) ("
        + errorClass + "): " + AerospikeErrors.describe(cause), cause);
    this.errorClass = errorClass;
  }

  /** The class of the last failure. */
  public ErrorClass errorClass() {
    return errorClass;
  }

  static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return sb.toString();
  }
}

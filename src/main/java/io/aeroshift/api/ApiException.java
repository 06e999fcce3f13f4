package io.aeroshift.api;

/** A request the API refuses, with the HTTP status and the reason of the problem body. */
public class ApiException extends RuntimeException {
  private final int status;
  private final String reason;

  public ApiException(int status, String reason, String message) {
    super(message);
    this.status = status;
    this.reason = reason;
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }
}

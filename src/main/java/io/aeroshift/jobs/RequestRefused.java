package io.aeroshift.jobs;

/**
 * A request to start a job refused before anything started or was stored: the problem's HTTP
 * status and reason (a contract of {@code /api/v1}, see docs/api.md) and a detail naming what and
 * where. The API answers it as {@code application/problem+json}.
 */
public final class RequestRefused extends RuntimeException {
  private final int status;
  private final String reason;

  public RequestRefused(int status, String reason, String detail) {
    super(detail);
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

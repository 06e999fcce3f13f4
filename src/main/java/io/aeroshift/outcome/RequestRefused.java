package io.aeroshift.outcome;

/**
 * A request refused before anything started or was stored: the problem's HTTP status and reason (a
 * contract of {@code /api/v1}, see docs/api.md) and a detail naming what and where. The one refusal
 * type of the service: the API's resources and the services behind them (the job runner's request
 * checks) both throw it, and the API answers it as {@code application/problem+json}.
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

package io.aeroshift.outcome;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request refused before anything started or was stored: the problem's HTTP status and reason (a
 * contract of {@code /api/v1}, see docs/api.md) and a detail naming what and where. The one refusal
 * type of the service: the API's resources and the services behind them (the job runner's request
 * checks, the workflow's commands) throw it, and the API answers it as {@code application/problem+json}.
 * Extension members (RFC 9457 section 3.2) carry what a client needs to act on the refusal, e.g. the
 * phase of a migration and the commands it accepts. A refusal about one request field names it
 * ({@link #field()}), as the answer's {@code field} member. A refusal whose callers outside HTTP
 * need its parts typed (the inventory's problems, which {@code bin/aeroshift inventory check}
 * prints) is a subclass, answered the same way.
 */
public class RequestRefused extends RuntimeException {
  private final int status;
  private final String reason;
  private final String field;
  private final Map<String, Object> extensions;

  public RequestRefused(int status, String reason, String detail) {
    this(status, reason, detail, null, Map.of());
  }

  /** @param extensions problem extension members, in the order given; null values are left out */
  public RequestRefused(int status, String reason, String detail, Map<String, ?> extensions) {
    this(status, reason, detail, null, extensions);
  }

  /**
   * @param field the request field refused ({@code credentials.passwordFrom}), or null
   * @param extensions problem extension members, in the order given; null values are left out
   */
  public RequestRefused(int status, String reason, String detail, String field, Map<String, ?> extensions) {
    super(detail);
    this.status = status;
    this.reason = reason;
    this.field = field;
    Map<String, Object> copy = new LinkedHashMap<>();
    extensions.forEach((k, v) -> {
      if (v != null) {
        copy.put(k, v);
      }
    });
    this.extensions = Collections.unmodifiableMap(copy);
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  /**
   * What the answer's {@code detail} says: the text given at construction. A subclass may give
   * {@link #getMessage()} more (every plan error, for a log), the answer keeps to this.
   */
  public String detail() {
    return super.getMessage();
  }

  /** The request field refused, or null when the refusal is not about one field. */
  public String field() {
    return field;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}

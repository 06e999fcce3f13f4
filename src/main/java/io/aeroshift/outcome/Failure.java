package io.aeroshift.outcome;

import java.time.Instant;
import java.util.Objects;

/**
 * A typed failure: why (reason), what to do about it (error class), what exactly (detail) and
 * when. Used in run state, problem responses and events, so a wave can tell "data mismatch" from
 * "target unreachable" without parsing text. The detail never holds a secret.
 */
public record Failure(FailureReason reason, ErrorClass errorClass, String detail, Instant at) {

  public Failure {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(errorClass, "errorClass");
    Objects.requireNonNull(at, "at");
    detail = detail == null ? "" : detail;
  }

  /** A failure with the reason's default error class. */
  public static Failure of(FailureReason reason, String detail, Instant at) {
    return new Failure(reason, reason.defaultClass(), detail, at);
  }

  public boolean retriable() {
    return errorClass == ErrorClass.RETRIABLE;
  }

  /** One line for logs and CLI output: {@code REASON (class): detail}. */
  public String describe() {
    return reason + " (" + errorClass.name().toLowerCase(java.util.Locale.ROOT) + "): " + detail;
  }
}

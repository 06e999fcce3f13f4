package io.aeroshift.workflow.machine;

import java.time.Instant;
import java.util.Objects;

/**
 * An owner's approval and the evidence it was given. Void when a later validation fails or the
 * evidence is older than the plan's {@code cutover.validationMaxAgeMinutes}.
 */
public record Approval(String by, Instant at, ValidationRecord evidence) {
  public Approval {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(evidence, "evidence");
  }
}

package io.aeroshift.workflow.machine;

import java.time.Instant;
import java.util.Objects;

/**
 * A finished validation as the workflow keeps it: the evidence an approval is given.
 *
 * @param id the validation's id (its stored result)
 * @param passed true when it counts as evidence (every partition matched, nothing unvalidated)
 * @param at when it finished (the evidence's age counts from here)
 * @param sourceRecords records counted on the source
 * @param targetRecords records counted on the target
 * @param differences missing + extra + differing records found
 * @param lagSeconds the catch-up lag when it ran
 */
public record ValidationRecord(String id, boolean passed, Instant at, long sourceRecords, long targetRecords,
    long differences, long lagSeconds) {

  public ValidationRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
  }

  /** "passed" or "failed", as the API shows it. */
  public String outcome() {
    return passed ? "passed" : "failed";
  }
}

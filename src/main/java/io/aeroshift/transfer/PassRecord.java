package io.aeroshift.transfer;

import java.time.Instant;
import java.util.Objects;

/**
 * One pass of one migration as recorded in the checkpoint store, so a restarted service resumes
 * the same pass with the same {@code since}.
 *
 * @param migrationId migration
 * @param pass pass number (1, 2, ...)
 * @param kind full copy, catch-up or reconcile
 * @param namespace namespace
 * @param set set filter or null
 * @param sinceNanos catch-up filter lower bound (nanoseconds since 1970), 0 for none
 * @param startedAt when the pass first started (the next catch-up pass starts from here)
 * @param finishedAt when every partition finished, null while running
 */
public record PassRecord(
    String migrationId,
    int pass,
    PassKind kind,
    String namespace,
    String set,
    long sinceNanos,
    Instant startedAt,
    Instant finishedAt) {

  public PassRecord {
    Objects.requireNonNull(migrationId, "migrationId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(startedAt, "startedAt");
    if (pass < 1) {
      throw new IllegalArgumentException("pass numbers start at 1, was " + pass);
    }
  }

  public PassRecord finished(Instant at) {
    return new PassRecord(migrationId, pass, kind, namespace, set, sinceNanos, startedAt, at);
  }
}

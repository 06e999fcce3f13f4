package io.aeroshift.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Decides which pass to run next from the recorded passes. Pure.
 *
 * <ul>
 *   <li>An unfinished pass of the asked kind is resumed (same number, same {@code since}).
 *   <li>A finished full copy is not repeated.
 *   <li>A new catch-up pass copies what changed since the start of the latest copy pass minus the
 *       skew margin, and needs that pass to be finished: catching up after an incomplete pass
 *       would skip the older records of its failed partitions.
 * </ul>
 */
public final class PassPlanner {

  private PassPlanner() {}

  public static PassRecord next(
      String migrationId, List<PassRecord> recorded, PassKind kind, String namespace, String set,
      Instant now, Duration skewMargin) {
    Objects.requireNonNull(kind, "kind");
    PassRecord last = recorded.isEmpty() ? null : recorded.get(recorded.size() - 1);
    if (last != null && last.kind() == kind && last.finishedAt() == null) {
      return last;
    }
    if (kind == PassKind.FULL) {
      for (PassRecord p : recorded) {
        if (p.kind() == PassKind.FULL) {
          return p;
        }
      }
    }
    long since = 0;
    if (kind == PassKind.CATCH_UP) {
      PassRecord previous = null;
      for (PassRecord p : recorded) {
        if (p.kind() != PassKind.RECONCILE) {
          previous = p;
        }
      }
      if (previous == null) {
        throw new IllegalStateException("a catch-up pass needs a full copy first");
      }
      if (previous.finishedAt() == null) {
        throw new IllegalStateException(
            "pass " + previous.pass() + " (" + previous.kind() + ") has not completed: retry it "
                + "before catching up, or its failed partitions would miss older records");
      }
      since = WriteMode.toNanos(previous.startedAt().minus(skewMargin));
    }
    int number = last == null ? 1 : last.pass() + 1;
    return new PassRecord(migrationId, number, kind, namespace, set, since, now, null);
  }
}

package io.aeroshift.validation;

import java.util.Set;

/**
 * Decides which records are left out of a partition's comparison, on both sides, by digest.
 *
 * <p>The decision uses only the source's last-update time (through {@code changedOnSource}, the
 * digests the source reported as written after the cut-off) and the void times: the target's
 * last-update time is the time of the copy, not of the client's write, so it cannot say whether a
 * record is too new to have been copied.
 *
 * @param changedOnSource digests whose source last-update time is after the cut-off
 * @param expiresBefore void time (2010 epoch seconds) before which an expiring record may vanish
 *     during the comparison; 0 disables this rule
 */
public record LeaveOutRule(Set<Digests.Key> changedOnSource, long expiresBefore) {

  public LeaveOutRule {
    changedOnSource = Set.copyOf(changedOnSource);
  }

  public static final LeaveOutRule NONE = new LeaveOutRule(Set.of(), 0);

  /**
   * The reason to leave a record out, or null to compare it.
   *
   * @param sourceVoidTime the source's void time, or -1 when the source has no such record
   * @param targetVoidTime the target's void time, or -1 when the target has no such record
   */
  public LeftOutReason reason(Digests.Key digest, long sourceVoidTime, long targetVoidTime) {
    if (changedOnSource.contains(digest)) {
      return LeftOutReason.CHANGED_ON_SOURCE_AFTER_CUTOFF;
    }
    if (expiresSoon(sourceVoidTime) || expiresSoon(targetVoidTime)) {
      return LeftOutReason.EXPIRES_DURING_VALIDATION;
    }
    return null;
  }

  private boolean expiresSoon(long voidTime) {
    return expiresBefore > 0 && voidTime > 0 && voidTime < expiresBefore;
  }
}

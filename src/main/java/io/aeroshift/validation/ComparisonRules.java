package io.aeroshift.validation;

/**
 * What makes two records "the same" for a validation run.
 *
 * @param compareBins true: digest, set, stored user key, expiry and every bin value are compared;
 *     false: only the presence of each digest (a digest-set comparison)
 * @param expiryToleranceSeconds how far the void times of the same record may differ on the two
 *     sides and still match (the copy converts a void time into a relative TTL, so a few seconds
 *     of drift is expected); never-expiring records match only never-expiring records
 */
public record ComparisonRules(boolean compareBins, long expiryToleranceSeconds) {

  public ComparisonRules {
    if (expiryToleranceSeconds < 0) {
      throw new IllegalArgumentException(
          "expiry tolerance must be >= 0 seconds, was " + expiryToleranceSeconds);
    }
  }

  public static ComparisonRules fullRecords(long expiryToleranceSeconds) {
    return new ComparisonRules(true, expiryToleranceSeconds);
  }

  public static ComparisonRules digestsOnly() {
    return new ComparisonRules(false, 0);
  }

  /**
   * The bucket width used inside the checksum. A width equal to the tolerance means two void times
   * in the same bucket are less than the tolerance apart (so an equal checksum never hides an
   * expiry difference beyond tolerance), and two void times more than the tolerance apart are
   * always in different buckets (so drill-down sees them). Void times within tolerance that
   * straddle a boundary land in different buckets; drill-down compares them exactly and accepts.
   */
  public long expiryBucketSeconds() {
    return Math.max(1, expiryToleranceSeconds);
  }

  /** The coarse expiry bucket of a void time; -1 for never-expiring records (a bucket of their own). */
  public long expiryBucket(int voidTime) {
    if (voidTime == 0) {
      return -1;
    }
    return Integer.toUnsignedLong(voidTime) / expiryBucketSeconds();
  }

  /** The exact comparison used at drill-down. */
  public boolean expiryMatches(int sourceVoidTime, int targetVoidTime) {
    if (sourceVoidTime == 0 || targetVoidTime == 0) {
      return sourceVoidTime == targetVoidTime;
    }
    long diff = Math.abs(Integer.toUnsignedLong(sourceVoidTime) - Integer.toUnsignedLong(targetVoidTime));
    return diff <= expiryToleranceSeconds;
  }
}

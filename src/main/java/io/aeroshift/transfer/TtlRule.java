package io.aeroshift.transfer;

/**
 * Turns a source record's void time into the TTL to write on the target, so the copy expires
 * when the original does. Pure.
 */
public final class TtlRule {

  /** {@code WritePolicy.expiration} value meaning "never expires". */
  public static final int NEVER_EXPIRE = -1;

  /** Marker returned when the record has already expired and must not be written. */
  public static final int EXPIRED = Integer.MIN_VALUE;

  /** Servers reject a TTL above ten years. */
  public static final long MAX_TTL_SECONDS = 315_360_000L;

  private TtlRule() {}

  /**
   * The write TTL for {@code image} at {@code nowEpochSeconds}: -1 for never-expiring records,
   * the remaining seconds (at least 1) otherwise, or {@link #EXPIRED} when nothing remains.
   */
  public static int writeTtl(RecordImage image, long nowEpochSeconds) {
    long remaining = image.remainingTtl(nowEpochSeconds);
    if (remaining == -1 && image.neverExpires()) {
      return NEVER_EXPIRE;
    }
    if (remaining <= 0) {
      return EXPIRED;
    }
    return (int) Math.min(remaining, MAX_TTL_SECONDS);
  }
}

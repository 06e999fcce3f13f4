package io.aeroshift.transfer;

import java.time.Instant;
import java.util.Objects;

/**
 * How a copy write (or reconciliation delete) may touch the target.
 *
 * <p>Before clients are switched only the copy writes to the target, so writes replace. After the
 * switch a client may have written the target record, and a copy write must never undo that: it
 * applies only to a record last updated before the switch, or to the exact version this engine
 * wrote (see {@link TransferPolicies} and docs/copy.md).
 *
 * @param kind before or after the switch
 * @param switchNanos the switch time in nanoseconds since 1970 (the unit of the server's
 *     last-update time); 0 for {@link Kind#REPLACE}
 */
public record WriteMode(Kind kind, long switchNanos) {

  /** The two regimes. */
  public enum Kind {
    /** Clients still use the source: copy writes replace unconditionally. */
    REPLACE,
    /** Clients use the target: copy writes and deletes are conditional. */
    AFTER_SWITCH
  }

  private static final WriteMode REPLACE_MODE = new WriteMode(Kind.REPLACE, 0);

  public WriteMode {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.AFTER_SWITCH && switchNanos <= 0) {
      throw new IllegalArgumentException("an after-switch write mode needs a switch time");
    }
    if (kind == Kind.REPLACE && switchNanos != 0) {
      throw new IllegalArgumentException("a replace write mode has no switch time");
    }
  }

  /** Copy writes replace: clients have not been switched to the target. */
  public static WriteMode replace() {
    return REPLACE_MODE;
  }

  /**
   * Copy writes are conditional. {@code switchedAt} must not be later, on the target's clock,
   * than the first client write on the target: take it before the switch starts.
   */
  public static WriteMode afterSwitch(Instant switchedAt) {
    // Servers keep the last-update time in milliseconds: a client write in the switch's own
    // millisecond must count as after the switch, so the switch is rounded down to it.
    long nanos = toNanos(switchedAt);
    return new WriteMode(Kind.AFTER_SWITCH, nanos - Math.floorMod(nanos, 1_000_000L));
  }

  /** True once clients may write the target. */
  public boolean afterSwitch() {
    return kind == Kind.AFTER_SWITCH;
  }

  /** Nanoseconds since 1970, the unit of {@code Exp.lastUpdate()}. */
  public static long toNanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }
}

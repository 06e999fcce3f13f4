package io.aeroshift.workflow.machine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A time of the week, in UTC, when clients may be switched: {@code days} (empty = every day) from
 * {@code from} (inclusive) to {@code to} (exclusive). A window whose end is before its start
 * crosses midnight and belongs to the day it starts on.
 */
public record CutoverWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
  public CutoverWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    days = days == null || days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    if (from.equals(to)) {
      throw new IllegalArgumentException("a cutover window from " + from + " to " + to + " is empty");
    }
  }

  public boolean contains(Instant t) {
    ZonedDateTime at = t.atZone(ZoneOffset.UTC);
    LocalTime time = at.toLocalTime();
    if (from.isBefore(to)) {
      return onDay(at.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
    }
    // crosses midnight: the evening part is on its own day, the morning part on the day before
    return (onDay(at.getDayOfWeek()) && !time.isBefore(from))
        || (onDay(at.getDayOfWeek().minus(1)) && time.isBefore(to));
  }

  private boolean onDay(DayOfWeek d) {
    return days.isEmpty() || days.contains(d);
  }

  @Override
  public String toString() {
    return (days.isEmpty() ? "daily" : days.toString()) + " " + from + "-" + to + " UTC";
  }
}

package io.aeroshift.api;

import io.aeroshift.inventory.InventoryRules;
import io.aeroshift.outcome.RequestRefused;
import io.aeroshift.workflow.machine.CutoverWindow;
import io.aeroshift.workflow.machine.WaveLimits;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/waves}: {@code {name, limits: {maxConcurrentCopies,
 * maxConcurrentCutovers, bytesPerSecondPerSource, cutoverWindows: [{days, from, to}],
 * stopOnValidationFailure, autoCutover}}}. Absent limits take {@link WaveLimits#DEFAULT}'s values.
 */
public record WaveRequest(String name, Limits limits) {

  /** Limits as sent; null = the default. */
  public record Limits(Integer maxConcurrentCopies, Integer maxConcurrentCutovers, Long bytesPerSecondPerSource,
      List<Window> cutoverWindows, Boolean stopOnValidationFailure, Boolean autoCutover) {}

  /** A window as sent: days by name in any case (empty or absent = every day), from/to HH:MM UTC. */
  public record Window(List<String> days, String from, String to) {}

  /** The wave's name, checked. */
  String checkedName() {
    if (name == null || name.isBlank()) {
      throw invalid("name", "is required");
    }
    if (!InventoryRules.NAME.matcher(name).matches()) {
      throw invalid("name", "'" + name + "' must be a DNS-1123 label (lower case letters, digits, '-')");
    }
    return name;
  }

  /** The limits, checked: a refusal names the field. */
  WaveLimits checkedLimits() {
    WaveLimits d = WaveLimits.DEFAULT;
    if (limits == null) {
      return d;
    }
    List<CutoverWindow> windows = new ArrayList<>();
    List<Window> sent = limits.cutoverWindows() == null ? List.of() : limits.cutoverWindows();
    for (int i = 0; i < sent.size(); i++) {
      windows.add(window(sent.get(i), "limits.cutoverWindows[" + i + "]"));
    }
    try {
      return new WaveLimits(orElse(limits.maxConcurrentCopies(), d.maxConcurrentCopies()),
          orElse(limits.maxConcurrentCutovers(), d.maxConcurrentCutovers()),
          orElse(limits.bytesPerSecondPerSource(), d.bytesPerSecondPerSource()), windows,
          orElse(limits.stopOnValidationFailure(), d.stopOnValidationFailure()),
          orElse(limits.autoCutover(), d.autoCutover()));
    } catch (IllegalArgumentException e) {
      throw invalid("limits", e.getMessage());
    }
  }

  private static CutoverWindow window(Window w, String where) {
    if (w == null) {
      throw invalid(where, "must be an object");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String day : w.days() == null ? List.<String>of() : w.days()) {
      try {
        days.add(DayOfWeek.valueOf(String.valueOf(day).toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw invalid(where + ".days", "'" + day + "' is not a day (MONDAY..SUNDAY)");
      }
    }
    if (w.from() == null || w.to() == null) {
      throw invalid(where, "from and to are required (HH:MM, UTC)");
    }
    try {
      return new CutoverWindow(days, LocalTime.parse(w.from()), LocalTime.parse(w.to()));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw invalid(where, e.getMessage() + " (from/to are HH:MM, UTC)");
    }
  }

  private static <T> T orElse(T value, T dflt) {
    return value == null ? dflt : value;
  }

  private static RequestRefused invalid(String field, String what) {
    return new RequestRefused(400, "INVALID_REQUEST", "request body: " + field + ": " + what, Map.of("field", field));
  }
}

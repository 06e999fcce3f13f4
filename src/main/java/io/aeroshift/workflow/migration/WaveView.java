package io.aeroshift.workflow.migration;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aeroshift.workflow.machine.CutoverWindow;
import io.aeroshift.workflow.machine.Wave;
import io.aeroshift.workflow.machine.WaveLimits;
import java.time.DayOfWeek;
import java.util.List;

/**
 * A wave as {@code /api/v1/waves} shows it. Field names are the API's contract.
 *
 * @param stoppedBecause why the wave stopped (a migration failed validation), else null
 * @param migrations its migrations ({@code GET /{name}} and the answers to changes; absent in the list)
 */
public record WaveView(
    String name,
    String state,
    String stoppedBecause,
    Limits limits,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<MigrationView> migrations) {

  /** The wave's limits; see {@link WaveLimits}. */
  public record Limits(int maxConcurrentCopies, int maxConcurrentCutovers, long bytesPerSecondPerSource,
      List<Window> cutoverWindows, boolean stopOnValidationFailure, boolean autoCutover) {}

  /**
   * A cutover window, UTC.
   *
   * @param days MONDAY..SUNDAY, sorted by name; empty = every day
   * @param from HH:MM inclusive
   * @param to HH:MM exclusive (before {@code from}: the window crosses midnight)
   */
  public record Window(List<String> days, String from, String to) {
    static Window of(CutoverWindow c) {
      return new Window(c.days().stream().map(DayOfWeek::name).sorted().toList(), c.from().toString(), c.to().toString());
    }
  }

  /** @param migrations null to leave them out */
  public static WaveView of(Wave w, List<MigrationView> migrations) {
    WaveLimits l = w.limits();
    return new WaveView(w.name(), w.state().name(), w.stoppedBecause(),
        new Limits(l.maxConcurrentCopies(), l.maxConcurrentCutovers(), l.bytesPerSecondPerSource(),
            l.cutoverWindows().stream().map(Window::of).toList(), l.stopOnValidationFailure(), l.autoCutover()),
        migrations);
  }
}

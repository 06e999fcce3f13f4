package io.aeroshift.workflow.machine;

import java.time.Instant;
import java.util.List;

/**
 * The result of one step: the migration to save, the actions to run after saving, what happened,
 * and when to step again ({@code next} null: only when a command arrives) and why.
 */
public record Step(Migration migration, List<Action> actions, List<StepEvent> events, Instant next, String because) {
  public Step {
    actions = List.copyOf(actions);
    events = List.copyOf(events);
  }

  public boolean changedPhase() {
    return events.stream().anyMatch(e -> e instanceof StepEvent.Transition);
  }
}

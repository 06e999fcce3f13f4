package io.aeroshift.workflow.machine;

import java.util.Map;

/** What a step did, for the history and the event outbox. */
public sealed interface StepEvent {
  /** A phase change, caused by a command or by what was observed ({@code command} null). */
  record Transition(Phase from, Phase to, Command command, String by, String reason) implements StepEvent {}

  /** A stored command taken ({@code accepted}) or refused by the step, with why. */
  record CommandTaken(Command command, String by, boolean accepted, String reason) implements StepEvent {}

  /** Progress worth telling: copy finished, a delta pass, validation passed, approval void. */
  record Milestone(String name, String reason, Map<String, Object> data) implements StepEvent {
    public Milestone {
      data = Map.copyOf(data);
    }
  }
}

package io.aeroshift.workflow.machine;

import java.util.Locale;
import java.util.Optional;

/**
 * What a user (or a wave) asks of a migration. Commands are stored and consumed by the next step
 * of the reconciler, never executed inside the HTTP request (Strimzi's annotations, Debezium's
 * signals). {@link #VALIDATE} is an extension of the list: a fresh validation while
 * waiting for approval, whose failure voids the approval.
 */
public enum Command {
  START,
  PAUSE,
  RESUME,
  ABORT,
  RETRY,
  APPROVE,
  REJECT,
  CUTOVER,
  ROLLBACK,
  VALIDATE,
  /** The engineer confirms the clients were switched by hand (cutover method {@code manual}). */
  CONFIRM_SWITCH;

  /** The command's name in the API path ({@code /api/v1/migrations/{id}/approve}). */
  public String path() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<Command> fromPath(String value) {
    for (Command c : values()) {
      if (c.path().equals(value)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** True for commands only an owner of the migration's team may give. */
  public boolean ownersOnly() {
    return this == APPROVE || this == REJECT;
  }
}

package io.aeroshift.workflow.machine;

/** The long operations a migration starts and watches. */
public enum JobKind {
  /** The full copy; for an XDR plan, the XDR copy that replicates until the drain ends. */
  FULL_COPY,
  /** One catch-up pass: records changed since the previous pass, then deletes reconciled. */
  DELTA_PASS,
  /** A full validation with the plan's suite. */
  VALIDATION,
  /** The client switch (cutover issue). */
  CLIENT_SWITCH,
  /** The drain after the switch (cutover issue). */
  DRAIN,
  /** The rollback (cutover issue). */
  ROLLBACK,
  /** An XDR plan after the drain: its XDR copy is torn down ({@link Action.FinishXdr}), then COMPLETED. */
  XDR_TEARDOWN
}

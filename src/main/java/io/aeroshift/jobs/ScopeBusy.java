package io.aeroshift.jobs;

/**
 * A run could not start (or resume) because another run of its kind is active in the same scope
 * (409 at the API). Raised by the database's {@code run_lock} primary key, not by a check in
 * memory, so it holds across threads and service instances.
 */
public final class ScopeBusy extends RuntimeException {
  private final transient RunScope scope;
  private final JobKind kind;
  private final String holder;

  ScopeBusy(RunScope scope, JobKind kind, String holder) {
    super(kind.name().toLowerCase(java.util.Locale.ROOT) + " run " + holder + " is already active in " + scope);
    this.scope = scope;
    this.kind = kind;
    this.holder = holder;
  }

  public RunScope scope() {
    return scope;
  }

  public JobKind kind() {
    return kind;
  }

  /** The id of the active run that holds the scope (null when it ended meanwhile). */
  public String holder() {
    return holder;
  }
}

package io.aeroshift.jobs;

import java.util.Locale;

/** An unknown run id (404 at the API). */
public final class RunNotFound extends RuntimeException {
  public RunNotFound(JobKind kind, String id) {
    super("no " + kind.name().toLowerCase(Locale.ROOT) + " run with id '" + id + "'");
  }
}

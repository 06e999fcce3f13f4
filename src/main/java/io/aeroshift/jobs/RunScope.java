package io.aeroshift.jobs;

import java.util.Objects;

/**
 * Where a run works: a namespace of a target cluster. The database holds at most one active run
 * of each {@link JobKind} per scope (table {@code run_lock}), so two copies can never write into
 * one namespace at once, whichever service instance started them.
 *
 * @param target the target as shown: its registered name, or its seeds joined by commas
 * @param namespace the namespace
 */
public record RunScope(String target, String namespace) {
  public RunScope {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(namespace, "namespace");
  }

  @Override
  public String toString() {
    return "namespace " + namespace + " of " + target;
  }
}

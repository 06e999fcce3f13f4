package io.aeroshift.cutover;

import io.aeroshift.transfer.CopyEngine;
import java.util.Objects;

/**
 * One namespace (or set) whose changes the cutover keeps copying, with the engine that copies it.
 *
 * @param engine the migration's copy engine for this namespace (its checkpoint store remembers the
 *     passes, so a new engine on the same store resumes)
 * @param namespace the namespace
 * @param set the set, null for the whole namespace
 */
public record DeltaScope(CopyEngine engine, String namespace, String set) {
  public DeltaScope {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(namespace, "namespace");
  }
}

package io.aeroshift.provisioning;

import io.aeroshift.provisioning.crd.AerospikeCluster;

/** What applying a rendered cluster did; each case carries the resource as admitted (read back). */
public sealed interface ApplyResult {
  AerospikeCluster admitted();

  /** The resource did not exist and was created. */
  record Created(AerospikeCluster admitted) implements ApplyResult {}

  /** Fields Aeroshift owns differed and were patched (JSON merge patch). */
  record Patched(AerospikeCluster admitted, int conflictRetries) implements ApplyResult {}

  /** Everything Aeroshift owns already had the desired values: nothing was written. */
  record Noop(AerospikeCluster admitted) implements ApplyResult {}
}

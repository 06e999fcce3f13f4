package io.aeroshift.workflow.machine;

import io.aeroshift.outcome.Failure;
import java.util.List;

/** What the reconciler saw of the target AerospikeCluster. */
public sealed interface TargetState {
  /** Nothing applied yet (or it was deleted). */
  record Absent() implements TargetState {}

  /** Applied; AKO is not done (the reason says what is missing). */
  record Pending(String reason) implements TargetState {}

  /** Ready: status phase Completed, the mirror equals the spec, one pod entry per pod. */
  record Ready(List<String> endpoints) implements TargetState {
    public Ready {
      endpoints = List.copyOf(endpoints);
    }
  }

  /** Refused by the API server (admission) or reported failed by the operator. */
  record Failed(Failure failure) implements TargetState {}

  TargetState ABSENT = new Absent();
}

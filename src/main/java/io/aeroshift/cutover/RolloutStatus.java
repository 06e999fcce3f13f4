package io.aeroshift.cutover;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a rollout has finished, decided as {@code kubectl rollout status} decides it (kubectl's
 * {@code DeploymentStatusViewer} and {@code StatefulSetStatusViewer}): empty when done, else what
 * it still waits for. Pure.
 */
public final class RolloutStatus {
  private RolloutStatus() {}

  public static Optional<String> waitingFor(Deployment d) {
    DeploymentStatus s = d.getStatus();
    long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
    if (s == null || s.getObservedGeneration() == null || s.getObservedGeneration() < generation) {
      return Optional.of("the deployment controller to observe generation " + generation);
    }
    int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    int updated = orZero(s.getUpdatedReplicas());
    if (updated < wanted) {
      return Optional.of(updated + " of " + wanted + " new replicas updated");
    }
    if (orZero(s.getReplicas()) > updated) {
      return Optional.of((orZero(s.getReplicas()) - updated) + " old replicas pending termination");
    }
    if (orZero(s.getAvailableReplicas()) < updated) {
      return Optional.of(orZero(s.getAvailableReplicas()) + " of " + updated + " updated replicas available");
    }
    return Optional.empty();
  }

  public static Optional<String> waitingFor(StatefulSet st) {
    StatefulSetStatus s = st.getStatus();
    long generation = st.getMetadata().getGeneration() == null ? 0 : st.getMetadata().getGeneration();
    if (s == null || s.getObservedGeneration() == null || s.getObservedGeneration() < generation) {
      return Optional.of("the statefulset controller to observe generation " + generation);
    }
    int wanted = st.getSpec().getReplicas() == null ? 1 : st.getSpec().getReplicas();
    if (orZero(s.getReadyReplicas()) < wanted) {
      return Optional.of(orZero(s.getReadyReplicas()) + " of " + wanted + " pods ready");
    }
    if (!Objects.equals(s.getUpdateRevision(), s.getCurrentRevision())) {
      return Optional.of("pods to run revision " + s.getUpdateRevision());
    }
    return Optional.empty();
  }

  private static int orZero(Integer n) {
    return n == null ? 0 : n;
  }
}

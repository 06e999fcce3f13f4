package io.aeroshift.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.Test;

/** Rollout completion as kubectl rollout status decides it. */
class RolloutStatusTest {

  private static Deployment deployment(long generation, Long observed, int updated, int replicas, int available) {
    return new DeploymentBuilder().withNewMetadata().withName("api").withGeneration(generation).endMetadata()
        .withNewSpec().withReplicas(2).endSpec().withNewStatus().withObservedGeneration(observed)
        .withUpdatedReplicas(updated).withReplicas(replicas).withAvailableReplicas(available).endStatus().build();
  }

  @Test
  void deploymentWaitsForTheNewGenerationItsPodsAndTheOldOnesToGo() {
    assertThat(RolloutStatus.waitingFor(deployment(3, 2L, 2, 2, 2))).hasValueSatisfying(w -> assertThat(w)
        .contains("observe generation 3"));
    assertThat(RolloutStatus.waitingFor(deployment(3, 3L, 1, 2, 2))).hasValue("1 of 2 new replicas updated");
    assertThat(RolloutStatus.waitingFor(deployment(3, 3L, 2, 3, 2))).hasValue("1 old replicas pending termination");
    assertThat(RolloutStatus.waitingFor(deployment(3, 3L, 2, 2, 1))).hasValue("1 of 2 updated replicas available");
    assertThat(RolloutStatus.waitingFor(deployment(3, 3L, 2, 2, 2))).isEmpty();
  }

  @Test
  void statefulSetWaitsForReadyPodsOnTheUpdateRevision() {
    StatefulSet rolling = new StatefulSetBuilder().withNewMetadata().withName("db").withGeneration(2L).endMetadata()
        .withNewSpec().withReplicas(3).endSpec().withNewStatus().withObservedGeneration(2L).withReadyReplicas(3)
        .withCurrentRevision("db-1").withUpdateRevision("db-2").endStatus().build();
    assertThat(RolloutStatus.waitingFor(rolling)).hasValue("pods to run revision db-2");
    rolling.getStatus().setCurrentRevision("db-2");
    assertThat(RolloutStatus.waitingFor(rolling)).isEmpty();
    rolling.getStatus().setReadyReplicas(2);
    assertThat(RolloutStatus.waitingFor(rolling)).hasValue("2 of 3 pods ready");
  }
}

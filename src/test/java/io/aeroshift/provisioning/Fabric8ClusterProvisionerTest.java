package io.aeroshift.provisioning;

import io.aeroshift.demo.AkoMockServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.aeroshift.demo.SimulatedAkoOperator;
import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.planning.Snapshots;
import io.aeroshift.planning.SourceConfig;
import io.aeroshift.provisioning.crd.AerospikeCluster;
import io.aeroshift.provisioning.crd.AerospikeClusterStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Apply and wait against fabric8's mock API server (CRUD, CRD installed) with the simulated AKO. */
class Fabric8ClusterProvisionerTest {
  AkoMockServer k8s;
  SimulatedAkoOperator operator;
  Fabric8ClusterProvisioner provisioner;

  @BeforeEach
  void start() {
    k8s = new AkoMockServer();
    operator = new SimulatedAkoOperator(k8s.client);
    provisioner = new Fabric8ClusterProvisioner(k8s.client);
  }

  @AfterEach
  void stop() {
    provisioner.close();
    operator.close();
    k8s.close();
  }

  static AerospikeCluster rendered() {
    ClusterSnapshot s = Snapshots.inMemory();
    return PlanCompiler.compile(Snapshots.plan(s, "8.1.1.0", MigrationPlan.Features.NONE, 1), s, SourceConfig.NONE)
        .cluster();
  }

  @Test
  void createsThenNoopsThenPatchesOnlyOwnedFields() {
    AerospikeCluster desired = rendered();
    ApplyResult first = provisioner.apply(desired);
    assertThat(first).isInstanceOf(ApplyResult.Created.class);
    assertThat(first.admitted().getMetadata().getResourceVersion()).isNotNull();

    ApplyResult again = provisioner.apply(rendered());
    assertThat(again).isInstanceOf(ApplyResult.Noop.class);
    assertThat(again.admitted().getMetadata().getResourceVersion())
        .isEqualTo(first.admitted().getMetadata().getResourceVersion());

    // someone else (the webhook, another controller) adds a label; it must survive our patch
    AerospikeCluster current = k8s.client.resources(AerospikeCluster.class).inNamespace("migration")
        .withName(desired.getMetadata().getName()).get();
    current.getMetadata().getLabels().put("aerospike.com/api-version", "v1");
    k8s.client.resource(current).update();

    AerospikeCluster bigger = rendered();
    bigger.getSpec().setSize(4);
    ApplyResult patched = provisioner.apply(bigger);
    assertThat(patched).isInstanceOf(ApplyResult.Patched.class);
    assertThat(patched.admitted().getSpec().getSize()).isEqualTo(4);
    assertThat(patched.admitted().getMetadata().getLabels()).containsEntry("aerospike.com/api-version", "v1")
        .containsEntry(AerospikeClusterRenderer.PLAN_LABEL, "sessions-ee-plan");
    assertThat(provisioner.apply(bigger)).isInstanceOf(ApplyResult.Noop.class);
  }

  @Test
  void aConflictingPatchIsRetriedOnAFreshReadAndGivesUpAfterTheLimit() {
    provisioner.apply(rendered());
    AerospikeCluster bigger = rendered();
    bigger.getSpec().setSize(4);

    k8s.conflictsToInject.set(2);
    ApplyResult patched = provisioner.apply(bigger);
    assertThat(patched).isInstanceOfSatisfying(ApplyResult.Patched.class, p -> {
      assertThat(p.conflictRetries()).isEqualTo(2);
      assertThat(p.admitted().getSpec().getSize()).isEqualTo(4);
    });

    AerospikeCluster smaller = rendered();
    smaller.getSpec().setSize(2);
    k8s.conflictsToInject.set(Fabric8ClusterProvisioner.MAX_CONFLICT_RETRIES + 1);
    ProvisioningException e = catchThrowableOfType(ProvisioningException.class, () -> provisioner.apply(smaller));
    assertThat(e).hasMessageContaining("HTTP 409").hasMessageContaining("the object has been modified");
    assertThat(k8s.client.resources(AerospikeCluster.class).inNamespace("migration")
        .withName(bigger.getMetadata().getName()).get().getSpec().getSize()).isEqualTo(4);
  }

  @Test
  void becomesReadyOnlyWhenPhaseMirrorAndPodsAgree() {
    AerospikeCluster desired = rendered();
    provisioner.apply(desired);
    String name = desired.getMetadata().getName();
    assertThat(provisioner.check("migration", name)).isInstanceOf(Readiness.NotReady.class);

    operator.reconcileOnce(); // InProgress
    Readiness inProgress = provisioner.check("migration", name);
    assertThat(inProgress).isInstanceOfSatisfying(Readiness.NotReady.class, r -> {
      assertThat(r.phase()).isEqualTo("InProgress");
      assertThat(r.waitingFor()).anyMatch(w -> w.contains("status.pods"));
    });

    operator.reconcileOnce(); // pods up, mirror filled, Completed
    assertThat(provisioner.check("migration", name)).isInstanceOfSatisfying(Readiness.Ready.class,
        r -> assertThat(r.endpoints()).hasSize(3).allMatch(e -> e.startsWith("127.0.0.1:")));

    // a Completed status from before a spec change is stale: not ready until the mirror catches up
    AerospikeCluster changed = rendered();
    changed.getSpec().setSize(4);
    provisioner.apply(changed);
    assertThat(provisioner.check("migration", name)).isInstanceOfSatisfying(Readiness.NotReady.class, r -> {
      assertThat(r.phase()).isEqualTo("Completed");
      assertThat(r.waitingFor()).anyMatch(w -> w.contains("status.size"));
    });
  }

  @Test
  void awaitReadyCompletesWhileTheOperatorRuns() throws Exception {
    AerospikeCluster desired = rendered();
    provisioner.apply(desired);
    operator.start(Duration.ofMillis(50));
    Readiness.Ready ready = provisioner.awaitReady("migration", desired.getMetadata().getName(),
        Duration.ofSeconds(30), Duration.ofMillis(50)).get(40, TimeUnit.SECONDS);
    assertThat(ready.endpoints()).hasSize(3);
    assertThat(operator.emulated("migration", desired.getMetadata().getName())).isPresent();
  }

  @Test
  void aClusterThatNeverCompletesTimesOutWithItsState() {
    AerospikeCluster desired = rendered();
    String name = desired.getMetadata().getName();
    operator.neverComplete("migration", name);
    provisioner.apply(desired);
    operator.start(Duration.ofMillis(20));
    await().atMost(Duration.ofSeconds(10)).until(() -> phase(name) == AerospikeClusterStatus.Phase.INPROGRESS);
    CompletionException e = catchThrowableOfType(CompletionException.class,
        () -> provisioner.awaitReady("migration", name, Duration.ofMillis(300), Duration.ofMillis(25)).join());
    assertThat(e.getCause()).isInstanceOfSatisfying(ProvisioningException.Timeout.class, t -> {
      assertThat(t.getMessage()).contains("not ready after PT0.3S").contains("phase InProgress")
          .contains("status.pods");
      assertThat(t.last()).isInstanceOf(Readiness.NotReady.class);
    });
  }

  @Test
  void webhookRejectionSurfacesAkosMessageAndStoresNothing() {
    AerospikeCluster community = rendered();
    community.getSpec().setImage("aerospike/aerospike-server:8.1.1.0");
    ProvisioningException.AdmissionRejected e = catchThrowableOfType(ProvisioningException.AdmissionRejected.class,
        () -> provisioner.apply(community));
    assertThat(e.code()).isEqualTo(403);
    assertThat(e.getMessage()).contains("admission webhook \"vaerospikecluster.kb.io\" denied the request:"
        + " CommunityEdition Cluster not supported");
    assertThat(k8s.client.resources(AerospikeCluster.class).inNamespace("migration").list().getItems()).isEmpty();
  }

  @Test
  void webhookRejectsOperatorOwnedFieldsOnPatchToo() {
    provisioner.apply(rendered());
    AerospikeCluster withNodeId = rendered();
    @SuppressWarnings("unchecked")
    Map<String, Object> service = (Map<String, Object>) withNodeId.getSpec().getAerospikeConfig()
        .getAdditionalProperties().get("service");
    service.put("node-id", "a1");
    ProvisioningException.AdmissionRejected e = catchThrowableOfType(ProvisioningException.AdmissionRejected.class,
        () -> provisioner.apply(withNodeId));
    assertThat(e.getMessage()).contains("config node-id can not have non-default value (string a1). It will be set"
        + " internally (string ENV_NODE_ID)");
  }

  @Test
  void errorPhaseIsReportedWithTheOperatorsMessage() {
    ClusterSnapshot s = Snapshots.inMemory();
    AerospikeCluster secured = PlanCompiler.compile(Snapshots.plan(s, "8.1.1.0",
        new MigrationPlan.Features(true, false, false, false), 1), s, SourceConfig.NONE).cluster();
    String name = secured.getMetadata().getName();
    provisioner.apply(secured); // the auth Secret was never created: pods cannot get the admin password
    operator.reconcileOnce();
    operator.reconcileOnce();
    assertThat(phase(name)).isEqualTo(AerospikeClusterStatus.Phase.ERROR);
    CompletionException e = catchThrowableOfType(CompletionException.class,
        () -> provisioner.awaitReady("migration", name, Duration.ofMillis(200), Duration.ofMillis(25)).join());
    assertThat(e.getCause()).isInstanceOf(ProvisioningException.Timeout.class)
        .hasMessageContaining("phase Error")
        .hasMessageContaining("operator says: UpdateFailed: reconcile failed: Secret migration/auth-secret with key"
            + " 'password' not found");
  }

  private AerospikeClusterStatus.Phase phase(String name) {
    AerospikeCluster c = k8s.client.resources(AerospikeCluster.class).inNamespace("migration").withName(name).get();
    return c == null || c.getStatus() == null ? null : c.getStatus().getPhase();
  }
}

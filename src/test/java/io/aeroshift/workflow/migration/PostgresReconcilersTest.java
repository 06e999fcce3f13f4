package io.aeroshift.workflow.migration;

import static io.aeroshift.workflow.migration.WorkflowHarness.in;
import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.testsupport.PostgresProfile;
import io.aeroshift.testsupport.RequiresPostgres;
import io.aeroshift.workflow.machine.Command;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.Phase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two reconcilers (two service replicas) on one PostgreSQL: they never run the same migration at
 * once, and when the one holding it dies the other takes it over after the lease deadline and
 * finishes it, resuming the copy.
 */
@ExtendWith(RequiresPostgres.class)
@QuarkusTest
@TestProfile(PostgresReconcilersTest.Run.class)
class PostgresReconcilersTest {
  public static class Run implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return PostgresProfile.postgres(PostgresProfile.schemaForThisCheckout("wf"), true);
    }
  }

  @Inject Inventory inventory;
  @Inject DiscoveryService discovery;
  @Inject WorkflowRuntime runtime;
  @Inject MigrationStore store;
  @Inject MigrationService service;

  @Test
  void twoReplicasNeverRunOneMigrationAndOneTakesOverWhenTheOtherDies() {
    WorkflowHarness world = WorkflowHarness.get(inventory, discovery);
    Migration m = service.create("catalog-ce-rehearsal", "engineer");
    service.command(m.id(), Command.START, "engineer", null);
    MigrationReconciler a = world.reconciler(runtime, "replica-a", Duration.ofSeconds(2));
    MigrationReconciler b = world.reconciler(runtime, "replica-b", Duration.ofSeconds(2));
    Set<String> owners = new HashSet<>();
    MigrationReconciler dead = null;
    try {
      // both step in turns until the copy runs somewhere
      Awaitility.await().atMost(WorkflowHarness.DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
        a.runOnce();
        b.runOnce();
        assertThat(a.jobs().running().contains(m.id()) && b.jobs().running().contains(m.id()))
            .as("both replicas run a job of %s", m.id()).isFalse();
        store.leaseOwner(m.id(), Instant.now()).ifPresent(owners::add);
        return store.find(m.id()).orElseThrow().phase() == Phase.COPYING;
      });
      MigrationReconciler holder = a.jobs().running().contains(m.id()) ? a : b;
      MigrationReconciler other = holder == a ? b : a;
      // while the holder lives, the other never gets the migration
      for (int i = 0; i < 5 && !holder.jobs().running().isEmpty(); i++) {
        other.runOnce();
        holder.runOnce();
        assertThat(other.jobs().running()).doesNotContain(m.id());
      }
      // the holder dies: its jobs stop, its lease runs out, the other takes over and finishes
      holder.close();
      dead = holder;
      List<Migration> done = WorkflowHarness.until(other, store, List.of(m.id()), in(Phase.AWAITING_APPROVAL));
      assertThat(done.get(0).lastValidation().passed()).isTrue();
      assertThat(store.history(m.id()).stream().filter(h -> "PROVISIONING".equals(h.to()))).hasSize(1);
      assertThat(WorkflowHarness.target(done.get(0), "catalog", false))
          .isEqualTo(WorkflowHarness.source(world.catalog, "catalog")).hasSize(500);
    } finally {
      if (dead != a) {
        a.close();
      }
      if (dead != b) {
        b.close();
      }
    }
  }
}

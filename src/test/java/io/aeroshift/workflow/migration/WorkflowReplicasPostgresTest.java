package io.aeroshift.workflow.migration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.jobs.CopyRun;
import io.aeroshift.jobs.CopyRunService;
import io.aeroshift.jobs.CopyRuns;
import io.aeroshift.provisioning.crd.AerospikeCluster;
import io.aeroshift.testsupport.RequiresPostgres;
import io.aeroshift.workflow.machine.Command;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.Phase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two replicas (two reconcilers, each with its own job runner) on one PostgreSQL schema work one
 * migration at the same time: they never act on it at once (no run of the job runner is ever
 * started twice while its replica lives, the history has each transition once, one target is
 * provisioned), and when the replica whose job runs dies (it stops renewing, its jobs stop, its
 * lease is not released) the other takes the migration over only after the lease deadline, resumes
 * the interrupted copy from its checkpoints and finishes with the source's data on the target.
 */
@ExtendWith(RequiresPostgres.class)
@QuarkusTest
@TestProfile(WorkflowOnPostgres.class)
class WorkflowReplicasPostgresTest {
  /** A slow copy (500 records at 40 records/s) so that a replica dies in the middle of it. */
  static final String PLAN = """
      name: catalog-ce-replicas
      source:
        cluster: catalog-ce
      team: catalog
      owners: [owner-catalog]
      wave: replicas
      target:
        kubernetesNamespace: catalog-replicas
        clusterName: catalog-replicas
        image: aerospike/aerospike-server-enterprise:8.0.0.9
        storageClass: standard
      copy:
        mode: SCAN_COPY
        rateLimits:
          recordsPerSecond: 40
          bytesPerSecond: 10485760
      validation:
        suite: default
      cutover:
        method: manual
        maxLagSeconds: 30
        drainQuietPeriodSeconds: 120
      sizing:
        growthPct: 0
        headroomPct: 20
      """;
  static final Duration TTL = Duration.ofSeconds(6);

  @Inject Inventory inventory;
  @Inject DiscoveryService discovery;
  @Inject WorkflowRuntime runtime;
  @Inject MigrationStore store;
  @Inject MigrationService service;
  @Inject CopyRuns copyRuns;

  /**
   * A replica: its reconciler's rounds every 20 ms on a scheduler thread of their own, as a service
   * replica runs them (its {@code @Scheduled} tick).
   */
  static final class Replica implements AutoCloseable {
    final MigrationReconciler reconciler;
    final ScheduledExecutorService rounds;
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    volatile boolean alive = true;

    Replica(MigrationReconciler reconciler) {
      this.reconciler = reconciler;
      this.rounds = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, reconciler.owner()));
      rounds.scheduleWithFixedDelay(() -> {
        try {
          reconciler.runOnce();
        } catch (RuntimeException e) {
          errors.add(e);
        }
      }, 0, 20, TimeUnit.MILLISECONDS);
    }

    /** Dies: no more rounds, its jobs stop, its leases are left to run out. */
    @Override
    public void close() throws InterruptedException {
      alive = false;
      rounds.shutdown();
      rounds.awaitTermination(60, TimeUnit.SECONDS);
      reconciler.close();
    }
  }

  @Test
  void twoReplicasNeverActOnOneMigrationAtOnceAndTheSurvivorTakesOverAfterTheLease() throws Exception {
    WorkflowHarness world = WorkflowHarness.get(inventory, discovery);
    int submitted = given().auth().preemptive().basic("engineer", "engineer").contentType("application/yaml")
        .body(PLAN.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/plans").then().extract().statusCode();
    assertThat(submitted).isIn(201, 409);
    Migration m = service.create("catalog-ce-replicas", "engineer");
    service.command(m.id(), Command.START, "engineer", null);

    Map<String, Replica> replicas = new ConcurrentHashMap<>();
    replicas.put("replica-a", new Replica(world.reconciler(runtime, "replica-a", TTL)));
    replicas.put("replica-b", new Replica(world.reconciler(runtime, "replica-b", TTL)));
    Replica survivor = null;
    try {
      // both work until the full copy has made progress in whichever replica runs it
      String holder = Awaitility.await().atMost(WorkflowHarness.DEADLINE).pollInterval(Duration.ofMillis(50))
          .until(() -> copying(m.id()), Optional::isPresent).orElseThrow();
      assertThat(runs(m.id())).allSatisfy(r -> assertThat(r.attempts()).as("run %s", r.id()).isEqualTo(1));

      Replica dying = replicas.get(holder);
      survivor = replicas.get(holder.equals("replica-a") ? "replica-b" : "replica-a");
      dying.close();
      assertThat(dying.errors).isEmpty();

      // until the dead replica's lease runs out, nobody touches its migration or runs. The runs are
      // read before the lease: when the lease is still held after the read, it was held during it,
      // so a second attempt seen then is a takeover before the deadline (an assertion failing in the
      // condition fails the wait).
      Awaitility.await().atMost(TTL.plus(Duration.ofSeconds(30))).pollInterval(Duration.ofMillis(50)).until(() -> {
        List<CopyRun> seen = runs(m.id());
        boolean held = store.leaseOwner(m.id(), Instant.now()).filter(holder::equals).isPresent();
        if (held) {
          assertThat(seen).allSatisfy(r -> assertThat(r.attempts()).isEqualTo(1));
        }
        return !held;
      });
      Replica s = survivor;
      Awaitility.await().atMost(WorkflowHarness.DEADLINE).pollInterval(Duration.ofMillis(100)).until(
          () -> store.find(m.id()).orElseThrow().phase(), p -> p == Phase.AWAITING_APPROVAL || !s.alive
              || p == Phase.FAILED);
      Migration done = store.find(m.id()).orElseThrow();
      assertThat(done.phase()).as("%s: %s", done.failure(), store.history(m.id())).isEqualTo(Phase.AWAITING_APPROVAL);
      assertThat(survivor.errors).isEmpty();

      // the interrupted full copy was resumed by the survivor (a second attempt of the same run), not started anew
      CopyRun full = copyRuns.service().find(m.id() + "-full-copy-a1-catalog").orElseThrow().run();
      assertThat(full.attempts()).isEqualTo(2);
      assertThat(runs(m.id()).stream().filter(r -> r.id().contains("-full-copy-"))).hasSize(1);
      assertThat(WorkflowHarness.target(done, "catalog", false))
          .isEqualTo(WorkflowHarness.source(world.catalog, "catalog")).hasSize(500);
      // each transition once, one target provisioned
      assertThat(store.history(m.id()).stream().filter(h -> h.kind().equals("TRANSITION")).map(h -> h.to()))
          .containsExactly("PLANNED", "PROVISIONING", "COPYING", "CATCHING_UP", "VALIDATING", "AWAITING_APPROVAL");
      assertThat(world.k8s.client.resources(AerospikeCluster.class).inNamespace("catalog-replicas").list()
          .getItems()).hasSize(1);
    } finally {
      for (Replica r : replicas.values()) {
        if (r.alive) {
          r.close();
        }
      }
    }
  }

  /** The replica whose job runner copies the migration's data now, once its full copy has copied something. */
  private Optional<String> copying(String id) {
    Migration m = store.find(id).orElseThrow();
    if (m.phase() != Phase.COPYING) {
      return Optional.empty();
    }
    Optional<CopyRunService.Observed> run = copyRuns.service().find(id + "-full-copy-a1-catalog");
    if (run.isEmpty() || run.get().run().passes().stream().noneMatch(p -> p.records() > 0)
        && !recordsCopiedSoFar(m)) {
      return Optional.empty();
    }
    return store.leaseOwner(id, Instant.now());
  }

  private static boolean recordsCopiedSoFar(Migration m) {
    return m.progress().recordsCopied() > 0;
  }

  /** Every copy run of the migration, as stored. */
  private List<CopyRun> runs(String id) {
    List<CopyRun> out = new ArrayList<>();
    for (CopyRunService.Observed o : copyRuns.service().list()) {
      if (id.equals(o.run().spec().migration())) {
        out.add(o.run());
      }
    }
    return out;
  }
}

package io.aeroshift.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aeroshift.planning.CopyMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The leases of active runs in the store (H2; the same SQL runs on PostgreSQL in
 * {@code RunLeaseReplicasPostgresTest}): a run leased by a live runner is not taken over, one whose
 * lease ran out is, and the runner that lost it can save nothing more; a shutdown gives leases up;
 * a store only this process opens takes every lease at start.
 */
class RunLeasesTest {
  private static final Duration TTL = Duration.ofSeconds(30);

  private static JdbcCopyRunStore copies(DataSource ds, String owner, Duration ahead) {
    return new JdbcCopyRunStore(ds, new LeaseTerms(owner, TTL), Clock.offset(Clock.systemUTC(), ahead));
  }

  private static CopyRunSpec spec(String id, String namespace) {
    return new CopyRunSpec(id, "src", "a", "tgt", null, namespace, null, CopyMode.SCAN_COPY, 0, 0, null, null,
        "engineer", Instant.now());
  }

  @Test
  void aLeasedRunIsTakenOverOnlyOnceItsLeaseRanOutAndItsFormerRunnerCanSaveNothingMore() {
    DataSource ds = RunLockTest.h2("run-leases-takeover");
    JdbcCopyRunStore a = copies(ds, "replica-a", Duration.ZERO);
    CopyRun running = a.save(a.save(CopyRun.queued(spec("leased-1", "test"))).started(Instant.now()));

    // another runner now: the lease is A's and running
    assertThat(copies(ds, "replica-b", Duration.ZERO).takeOver(r -> true, false)).isEmpty();
    assertThat(copies(ds, "replica-b", TTL.minusSeconds(1)).takeOver(r -> true, false)).isEmpty();
    // A renews: still A's well after its first deadline
    assertThat(copies(ds, "replica-a", TTL.minusSeconds(1)).leases().renewLeases(List.of("leased-1"))).isEmpty();
    assertThat(copies(ds, "replica-b", TTL.plusSeconds(1)).takeOver(r -> true, false)).isEmpty();

    // once A's renewed lease has run out, B takes the run
    JdbcCopyRunStore b = copies(ds, "replica-b", TTL.multipliedBy(3));
    List<CopyRun> taken = b.takeOver(r -> true, false);
    assertThat(taken).extracting(CopyRun::id).containsExactly("leased-1");
    // nobody else gets it while B's lease runs
    assertThat(copies(ds, "replica-c", TTL.multipliedBy(3)).takeOver(r -> true, false)).isEmpty();

    // A, late, can neither save the run nor renew it: nothing of it is stored
    CopyRun current = a.find("leased-1").orElseThrow();
    assertThatThrownBy(() -> a.save(current.ended(CopyRunState.FAILED, null, Instant.now())))
        .isInstanceOf(RunLeaseLost.class).hasMessageContaining("replica-b");
    assertThat(a.find("leased-1").orElseThrow().state()).isEqualTo(CopyRunState.RUNNING);
    assertThat(a.find("leased-1").orElseThrow().version()).isEqualTo(running.version());
    assertThat(a.leases().renewLeases(List.of("leased-1"))).containsExactly("leased-1");

    // B saves it final: the lease is dropped with the run_lock, and nobody takes a final run
    b.save(b.find("leased-1").orElseThrow().ended(CopyRunState.SUCCEEDED, null, Instant.now()));
    assertThat(copies(ds, "replica-c", TTL.multipliedBy(9)).takeOver(r -> true, true)).isEmpty();
    assertThat(a.save(CopyRun.queued(spec("next-1", "test"))).state()).isEqualTo(CopyRunState.QUEUED);
  }

  @Test
  void aShutdownGivesItsLeasesUpAndAStoreOnlyThisProcessOpensTakesEveryLeaseAtStart() {
    DataSource ds = RunLockTest.h2("run-leases-release");
    JdbcCopyRunStore a = copies(ds, "replica-a", Duration.ZERO);
    a.save(CopyRun.queued(spec("given-up", "ns1")));
    a.save(CopyRun.queued(spec("kept", "ns2")));
    a.save(CopyRun.queued(spec("of-a-migration", "ns3")));

    a.leases().releaseLeases(List.of("given-up"));
    JdbcCopyRunStore b = copies(ds, "replica-b", Duration.ZERO);
    assertThat(b.takeOver(r -> !r.id().startsWith("of-"), false)).extracting(CopyRun::id)
        .containsExactly("given-up");
    // what the filter leaves out is not taken, even when every lease is taken
    assertThat(b.takeOver(r -> !r.id().startsWith("of-"), true)).extracting(CopyRun::id)
        .containsExactlyInAnyOrder("given-up", "kept");
    assertThat(RunLeases.onlyThisProcess(ds)).isTrue();
  }

  @Test
  void validationRunsAreLeasedTheSameWay() {
    DataSource ds = RunLockTest.h2("run-leases-validation");
    JdbcValidationRunStore a = new JdbcValidationRunStore(ds, new LeaseTerms("replica-a", TTL), Clock.systemUTC());
    ValidationRunSpec spec = new ValidationRunSpec("v-leased", "src", "a", null, List.of("127.0.0.1:3000"), "test",
        "default", null, "engineer", Instant.now());
    a.save(ValidationRun.started(spec, Instant.now()));
    JdbcValidationRunStore now = new JdbcValidationRunStore(ds, new LeaseTerms("replica-b", TTL), Clock.systemUTC());
    assertThat(now.takeOver(r -> true, false)).isEmpty();
    JdbcValidationRunStore later = new JdbcValidationRunStore(ds, new LeaseTerms("replica-b", TTL),
        Clock.offset(Clock.systemUTC(), TTL.plusSeconds(1)));
    assertThat(later.takeOver(r -> true, false)).extracting(ValidationRun::id).containsExactly("v-leased");
    ValidationRun current = a.find("v-leased").orElseThrow();
    assertThatThrownBy(() -> a.save(current.again(Instant.now()))).isInstanceOf(RunLeaseLost.class);
  }

  /**
   * A validation of a migration left RUNNING by a runner that is gone is stopped for the
   * migration's reconciler: its lease taken, saved STOPPED, its run_lock released.
   */
  @Test
  void aValidationNobodyWorksOnIsStoppedForItsMigrationAndItsLockReleased() throws Exception {
    DataSource ds = RunLockTest.h2("run-leases-stop-owned");
    JdbcValidationRunStore gone = new JdbcValidationRunStore(ds, new LeaseTerms("gone", Duration.ofHours(1)),
        Clock.systemUTC());
    ValidationRunSpec spec = new ValidationRunSpec("m1-validation-a1-test", "src", "a", null,
        List.of("127.0.0.1:3000"), "test", "default", null, "src->m1/test", "workflow", Instant.now(), "m1");
    gone.save(ValidationRun.started(spec, Instant.now()));
    ValidationRunService here = new ValidationRunService(new JdbcValidationRunStore(ds),
        new io.aeroshift.validation.JdbcValidationResultStore(ds), (s, into) -> {
          throw new IllegalStateException("no cluster in this test");
        }, Clock.systemUTC(), Duration.ofMinutes(5), Duration.ZERO, Duration.ofMillis(200));
    try {
      assertThat(here.resumeInterrupted(true)).as("a migration's run is not taken over").isZero();
      ValidationRun stopped = here.stopForOwner(spec.id());
      assertThat(stopped.state()).isEqualTo(ValidationRunState.STOPPED);
      assertThat(new JdbcValidationRunStore(ds).find(spec.id()).orElseThrow().state())
          .isEqualTo(ValidationRunState.STOPPED);
      try (java.sql.Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*) FROM run_lock WHERE run_id = ?")) {
        ps.setString(1, spec.id());
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getInt(1)).isZero();
        }
      }
      // the runner that is gone, should it still work on the run, loses it at its next renewal
      assertThat(gone.leases().renewLeases(List.of(spec.id()))).containsExactly(spec.id());
    } finally {
      here.close();
    }
  }
}

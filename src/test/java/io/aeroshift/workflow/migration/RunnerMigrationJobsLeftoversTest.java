package io.aeroshift.workflow.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.jobs.BackupSpec;
import io.aeroshift.jobs.CopyRun;
import io.aeroshift.jobs.CopyRunService;
import io.aeroshift.jobs.CopyRunSpec;
import io.aeroshift.jobs.CopyRunState;
import io.aeroshift.jobs.JdbcCopyRunStore;
import io.aeroshift.jobs.JdbcValidationRunStore;
import io.aeroshift.jobs.Jobs;
import io.aeroshift.jobs.LeaseTerms;
import io.aeroshift.jobs.ValidationRunService;
import io.aeroshift.planning.CopyMode;
import io.aeroshift.transfer.JdbcCheckpointStore;
import io.aeroshift.transfer.TransferSettings;
import io.aeroshift.validation.JdbcValidationResultStore;
import io.aeroshift.workflow.machine.Migration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a migration's jobs leave behind, at the adapter the reconciler uses: runs a process that is
 * gone had started are stopped (their run_lock released) when the migration stops their job, and
 * the backup directories of a final migration's BACKUP_RESTORE copies are removed: exactly those,
 * nothing else.
 */
class RunnerMigrationJobsLeftoversTest {
  private static final Clock CLOCK = Clock.systemUTC();

  private static DataSource store(String db) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return ds;
  }

  /** The adapter of a reconciler in a process of its own; no run can reach a cluster from it. */
  private static RunnerMigrationJobs adapter(DataSource ds, Path backups) {
    CopyRunService copies = new CopyRunService(new JdbcCopyRunStore(ds), new JdbcCheckpointStore(ds), spec -> {
      throw new IllegalStateException("no cluster in this test");
    }, (s, ns, set) -> 0, TransferSettings.defaults(), new SimpleMeterRegistry(), CLOCK, Duration.ofMillis(200));
    ValidationRunService validations = new ValidationRunService(new JdbcValidationRunStore(ds),
        new JdbcValidationResultStore(ds), (spec, into) -> {
          throw new IllegalStateException("no cluster in this test");
        }, CLOCK, Duration.ofMinutes(5), Duration.ZERO, Duration.ofMillis(200));
    CutoverSteps cutover = new CutoverSteps(null, null, null, null, null, null, null, null, null, null, CLOCK);
    return new RunnerMigrationJobs(Jobs.over(copies, validations), cutover, plan -> List.of("test"),
        new JdbcValidationResultStore(ds), backups, CLOCK);
  }

  private static CopyRunSpec copy(String migration, String id, String namespace, BackupSpec backup) {
    return new CopyRunSpec(id, "src", "a", "tgt", null, namespace, null,
        backup == null ? CopyMode.SCAN_COPY : CopyMode.BACKUP_RESTORE, 0, 0, backup, "plan", RunnerMigrationJobs.BY,
        Instant.now(), null, new CopyRunSpec.MigrationStep(migration, migration + "/" + namespace, false));
  }

  private static int locks(DataSource ds, String runId) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM run_lock WHERE run_id = ?")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @Test
  void stoppingAJobAProcessThatIsGoneHadStartedStopsItsRunsAndReleasesTheirLocks(@TempDir Path dir)
      throws Exception {
    DataSource ds = store("leftovers-stop");
    // a replica that is gone had started the full copy of m1 and kept its lease
    JdbcCopyRunStore gone = new JdbcCopyRunStore(ds, new LeaseTerms("gone", Duration.ofHours(1)), CLOCK);
    String copyRun = RunnerMigrationJobs.runId("m1-full-copy-a1", "test");
    CopyRun stored = gone.save(CopyRun.queued(copy("m1", copyRun, "test", null)));
    String otherJob = RunnerMigrationJobs.runId("m1-full-copy-a1x", "other");
    gone.save(CopyRun.queued(copy("m1", otherJob, "other", null)));
    assertThat(locks(ds, copyRun)).isEqualTo(1);

    try (RunnerMigrationJobs jobs = adapter(ds, dir)) {
      // the migration is aborted by a reconciler of this process, which never started these jobs
      jobs.stop("m1-full-copy-a1");

      JdbcCopyRunStore reader = new JdbcCopyRunStore(ds);
      CopyRun stopped = reader.find(copyRun).orElseThrow();
      assertThat(stopped.state()).isEqualTo(CopyRunState.STOPPED);
      assertThat(stopped.version()).isGreaterThan(stored.version());
      assertThat(locks(ds, copyRun)).isZero();
      // another job's run is not touched
      assertThat(reader.find(otherJob).orElseThrow().state()).isEqualTo(CopyRunState.QUEUED);
      assertThat(locks(ds, otherJob)).isEqualTo(1);
      // the scope is free: a new copy into the namespace starts
      assertThat(reader.save(CopyRun.queued(copy("m2", "m2-full-copy-a1-test", "test", null))).state())
          .isEqualTo(CopyRunState.QUEUED);
    }
  }

  @Test
  void aFinalMigrationsBackupDirectoriesAreRemovedAndNothingElse(@TempDir Path dir) throws Exception {
    DataSource ds = store("leftovers-backups");
    Path base = Files.createDirectories(dir.resolve("workflow-backups"));
    Path mine = Files.createDirectories(base.resolve("m1-full-copy-a1-test"));
    Files.writeString(mine.resolve("test_0.asb.zst"), "backup");
    Files.writeString(Files.createDirectories(mine.resolve("nested")).resolve("state"), "s");
    Path outside = Files.createDirectories(dir.resolve("elsewhere"));
    Path precious = Files.writeString(outside.resolve("precious.txt"), "keep me");
    Files.createSymbolicLink(mine.resolve("link-out"), outside);
    Path otherMigration = Files.createDirectories(base.resolve("m2-full-copy-a1-test"));
    Files.writeString(otherMigration.resolve("test_0.asb"), "other");
    Path stray = Files.writeString(base.resolve("notes.txt"), "not a run's");
    Path mineOutsideBase = Files.createDirectories(dir.resolve("chosen-elsewhere"));
    Files.writeString(mineOutsideBase.resolve("test_0.asb"), "outside the base");

    JdbcCopyRunStore runs = new JdbcCopyRunStore(ds);
    for (CopyRunSpec s : List.of(
        copy("m1", "m1-full-copy-a1-test", "n1", new BackupSpec(mine.toString(), null, null, null, false, 250)),
        copy("m1", "m1-full-copy-a2-test", "n2", new BackupSpec(mineOutsideBase.toString(), null, null, null,
            false, 250)),
        copy("m1", "m1-full-copy-a3-test", "n3", new BackupSpec(base.toString(), null, null, null, false, 250)),
        copy("m2", "m2-full-copy-a1-test", "n4", new BackupSpec(otherMigration.toString(), null, null, null,
            false, 250)))) {
      runs.save(CopyRun.queued(s));
    }
    Migration m1 = Migration.planned("m1", "plan", "src", "a", "w", "engineer", Instant.now());

    try (RunnerMigrationJobs jobs = adapter(ds, base)) {
      assertThat(jobs.backupsLeft(m1)).isTrue();
      jobs.removeBackups(m1);
      assertThat(mine).doesNotExist();
      assertThat(jobs.backupsLeft(m1)).isFalse();
      // a second removal (a restart in between) finds nothing to do
      jobs.removeBackups(m1);

      assertThat(precious).hasContent("keep me");
      assertThat(otherMigration.resolve("test_0.asb")).hasContent("other");
      assertThat(stray).hasContent("not a run's");
      assertThat(base).isDirectory();
      assertThat(mineOutsideBase.resolve("test_0.asb")).hasContent("outside the base");
    }
  }
}

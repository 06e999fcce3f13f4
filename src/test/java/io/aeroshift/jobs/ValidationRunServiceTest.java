package io.aeroshift.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.validation.AerospikeValidator;
import io.aeroshift.validation.JdbcValidationResultStore;
import io.aeroshift.validation.ValidationResult;
import io.aeroshift.validation.ValidationResultStore;
import io.aeroshift.validation.ValidationSuite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Validation runs as durable jobs, at service level between emulated clusters: a run interrupted
 * by its service closing is run again by the next service on the same store and finishes with a
 * correct report; runs that cannot finish end FAILED with a typed reason and free their scope.
 */
class ValidationRunServiceTest {
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  private static EmulatedCluster cluster() {
    return cluster(600);
  }

  private static EmulatedCluster cluster(int records) {
    EmulatedCluster c = EmulatedCluster.builder().nodes(1).basePort(0)
        .namespace(NamespaceSpec.named("test").replicationFactor(1).defaultTtl(0)).start();
    c.loadRecords("test", "users", records, 40);
    return c;
  }

  /** Connects like the service does, with the default suite slowed to {@code recordsPerSecond} per cluster. */
  private static ValidationRunService.Validators validators(EmulatedCluster source, EmulatedCluster target,
      long recordsPerSecond) {
    return (spec, into) -> AerospikeValidator.connect(Arrays.asList(source.hosts()), Arrays.asList(target.hosts()),
        ValidationSuite.defaults().withRecordsPerSecond(recordsPerSecond), AerospikeValidator.Settings.defaults(),
        into, spec.storedScope());
  }

  private static ValidationRunService service(JdbcDataSource ds, ValidationRunService.Validators v, Duration deadline) {
    return service(ds, v, deadline, Duration.ofMinutes(5));
  }

  private static ValidationRunService service(JdbcDataSource ds, ValidationRunService.Validators v, Duration deadline,
      Duration stallLimit) {
    return new ValidationRunService(new JdbcValidationRunStore(ds), new JdbcValidationResultStore(ds), v,
        Clock.systemUTC(), deadline, stallLimit, Duration.ofMillis(50));
  }

  private static ValidationRunSpec spec(String id, EmulatedCluster target) {
    return new ValidationRunSpec(id, "src", "a", null, target.seeds(), "test", "default", null, "engineer",
        Instant.now());
  }

  private static ValidationRunService.Observed await(ValidationRunService s, String id,
      Predicate<ValidationRunService.Observed> done) {
    return Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20))
        .until(() -> s.find(id).orElseThrow(), done::test);
  }

  @Test
  void aRunInterruptedByAStopOfTheServiceIsRunAgainByTheNextStartAndFinishes() {
    JdbcDataSource ds = RunLockTest.h2("validation-resume");
    try (EmulatedCluster source = cluster(); EmulatedCluster target = cluster()) {
      Key gone = new Key("test", "users", "key-17");
      try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), target.hosts())) {
        assertThat(client.delete(null, gone)).isTrue();
      }
      ValidationRunSpec spec = spec("val-resume-1", target);
      ValidationRunService first = service(ds, validators(source, target, 150), Duration.ofMinutes(10));
      first.start(spec);
      await(first, spec.id(), o -> o.partitionsChecked() > 20);
      first.close(); // the service stops: the run stays RUNNING, no report

      assertThat(new JdbcValidationRunStore(ds).find(spec.id()).orElseThrow().state())
          .isEqualTo(ValidationRunState.RUNNING);
      ValidationResultStore results = new JdbcValidationResultStore(ds);
      assertThat(results.run(spec.id())).as("no report from a halted run").isEmpty();
      // and its scope is still held: nothing else validates that namespace meanwhile
      assertThatThrownBy(() -> new JdbcValidationRunStore(ds).save(ValidationRun.started(spec("other", target),
          Instant.now()))).isInstanceOf(ScopeBusy.class);

      ValidationRunService second = service(ds, validators(source, target, 0), Duration.ofMinutes(10));
      try {
        assertThat(second.resumeInterrupted()).isEqualTo(1);
        ValidationRunService.Observed done = await(second, spec.id(), o -> !o.run().state().active());
        assertThat(done.run().state()).as("%s", done.run()).isEqualTo(ValidationRunState.FINISHED);
        assertThat(done.run().attempts()).isEqualTo(2);
        assertThat(done.run().exitCode()).isEqualTo(1);
        ValidationResult report = results.run(spec.id()).orElseThrow().result();
        assertThat(report.partitions()).hasSize(4096);
        assertThat(report.summary().missing()).isEqualTo(1);
        int partition = gone.digest[0] & 0xFF | (gone.digest[1] & 0x0F) << 8;
        assertThat(report.partitions().stream().filter(p -> p.missing() > 0).map(p -> p.partitionId()).toList())
            .containsExactly(partition);
        JobView view = Jobs.view(done);
        assertThat(view.state()).isEqualTo(JobState.FAILED);
        assertThat(view.failure().reason()).isEqualTo(FailureReason.DATA_MISMATCH);
        // the scope is free again
        second.start(spec("after", target));
        await(second, "after", o -> !o.run().state().active());
      } finally {
        second.close();
      }
    }
  }

  @Test
  void anUnreachableTargetFailsTheRunWithATypedReasonAndFreesItsScope() {
    JdbcDataSource ds = RunLockTest.h2("validation-unreachable");
    try (EmulatedCluster source = cluster()) {
      ValidationRunService.Validators v = (spec, into) -> {
        try {
          return AerospikeValidator.connect(Arrays.asList(source.hosts()),
              List.of(new com.aerospike.client.Host("127.0.0.1", 1)), ValidationSuite.defaults(),
              AerospikeValidator.Settings.defaults(), into, spec.storedScope());
        } catch (com.aerospike.client.AerospikeException e) {
          throw new RunFailedException(io.aeroshift.outcome.Failure.of(FailureReason.TARGET_UNREACHABLE,
              "cannot connect to the target 127.0.0.1:1: " + e.getMessage(), Instant.now()), e);
        }
      };
      ValidationRunService s = service(ds, v, Duration.ofMinutes(10));
      try {
        ValidationRunSpec spec = new ValidationRunSpec("val-unreachable", "src", "a", null, List.of("127.0.0.1:1"),
            "test", "default", null, "engineer", Instant.now());
        s.start(spec);
        ValidationRun run = s.awaitEnd(spec.id(), DEADLINE).orElseThrow();
        assertThat(run.state()).isEqualTo(ValidationRunState.FAILED);
        assertThat(run.failure().reason()).isEqualTo(FailureReason.TARGET_UNREACHABLE);
        assertThat(run.failure().retriable()).isTrue();
        assertThat(run.failure().detail()).contains("127.0.0.1:1");
        assertThat(Jobs.view(s.find(spec.id()).orElseThrow()).failure().reason())
            .isEqualTo(FailureReason.TARGET_UNREACHABLE);
        // final: the lock row went with the same save
        s.start(new ValidationRunSpec("val-unreachable-2", "src", "a", null, List.of("127.0.0.1:1"), "test",
            "default", null, "engineer", Instant.now()));
        assertThat(s.awaitEnd("val-unreachable-2", DEADLINE)).isPresent();
      } finally {
        s.close();
      }
    }
  }

  /**
   * A partition's result comes only after its batch of four ranges has been read: 20,000 records per
   * cluster read at 400 a second take about 3 s to the first result, twice the stall limit. The
   * records streaming meanwhile are progress, so the run is not STALLED; once the reads stop (the
   * source answers nothing for 20 s) it is, with its reason.
   */
  @Test
  void recordsReadAreProgressAndAValidationWhoseReadsStopEndsStalled() {
    JdbcDataSource ds = RunLockTest.h2("validation-stall");
    try (EmulatedCluster source = cluster(20_000); EmulatedCluster target = cluster(20_000)) {
      ValidationRunService s = service(ds, validators(source, target, 400), Duration.ofMinutes(10),
          Duration.ofMillis(1500));
      try {
        ValidationRunSpec spec = spec("val-stall", target);
        s.start(spec);
        ValidationRunService.Observed checked = await(s, spec.id(), o -> o.partitionsChecked() > 0 || !o.run().state().active());
        assertThat(checked.run().state()).as("%s", checked.run()).isEqualTo(ValidationRunState.RUNNING);
        assertThat(Duration.between(checked.run().startedAt(), java.time.Instant.now()))
            .as("the first partition result came later than the stall limit").isGreaterThan(Duration.ofMillis(1500));

        source.faults().latency(Duration.ofSeconds(5));
        ValidationRun stalled = s.awaitEnd(spec.id(), DEADLINE).orElseThrow();
        assertThat(stalled.state()).isEqualTo(ValidationRunState.FAILED);
        assertThat(stalled.failure().reason()).isEqualTo(FailureReason.STALLED);
        assertThat(stalled.failure().detail()).contains("no record read and no partition checked for");
      } finally {
        source.faults().clear();
        s.close();
      }
    }
  }

  @Test
  void aRunPastItsDeadlineFailsDeadlineExceededAndStoresNoReport() {
    JdbcDataSource ds = RunLockTest.h2("validation-deadline");
    try (EmulatedCluster source = cluster(); EmulatedCluster target = cluster()) {
      ValidationRunService s = service(ds, validators(source, target, 50), Duration.ofSeconds(1));
      try {
        ValidationRunSpec spec = spec("val-deadline", target);
        s.start(spec);
        ValidationRun run = s.awaitEnd(spec.id(), DEADLINE).orElseThrow();
        assertThat(run.state()).isEqualTo(ValidationRunState.FAILED);
        assertThat(run.failure().reason()).isEqualTo(FailureReason.DEADLINE_EXCEEDED);
        assertThat(new JdbcValidationResultStore(ds).run(spec.id())).isEmpty();
      } finally {
        s.close();
      }
    }
  }

  @Test
  void aRunInterruptedTooOftenFailsInterruptedInsteadOfRunningForEver() {
    JdbcDataSource ds = RunLockTest.h2("validation-interrupted");
    JdbcValidationRunStore store = new JdbcValidationRunStore(ds);
    ValidationRunSpec spec = new ValidationRunSpec("val-tired", "src", "a", null, List.of("127.0.0.1:1"), "test",
        "default", null, "engineer", Instant.now());
    ValidationRun run = store.save(ValidationRun.started(spec, Instant.now()));
    for (int i = 1; i < ValidationRunService.MAX_ATTEMPTS; i++) {
      run = store.save(run.again(Instant.now()));
    }
    ValidationRunService s = service(ds, (sp, into) -> {
      throw new AssertionError("must not be run again");
    }, Duration.ofMinutes(10));
    try {
      // the store's runner still holds the run's lease: a start on a store only this process opens
      // (as the service starts on H2) takes it all the same
      assertThat(s.resumeInterrupted()).isZero();
      assertThat(s.resumeInterrupted(RunLeases.onlyThisProcess(ds))).isEqualTo(1);
      ValidationRun failed = store.find(spec.id()).orElseThrow();
      assertThat(failed.state()).isEqualTo(ValidationRunState.FAILED);
      assertThat(failed.failure().reason()).isEqualTo(FailureReason.INTERRUPTED);
      assertThat(failed.attempts()).isEqualTo(ValidationRunService.MAX_ATTEMPTS);
    } finally {
      s.close();
    }
  }
}

package io.aeroshift.jobs;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import io.aeroshift.discovery.AerospikeClients;
import io.aeroshift.discovery.ConnectionSpec;
import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.outcome.RequestRefused;
import io.aeroshift.validation.AerospikeValidator;
import io.aeroshift.validation.RecordHash;
import io.aeroshift.validation.ValidationConfig;
import io.aeroshift.validation.ValidationResultStore;
import io.aeroshift.validation.ValidationSuite;
import io.aeroshift.validation.ValidationSuiteLoader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Wires the {@link ValidationRunService} into the service: runs in the state store, reports in the
 * application's {@link ValidationResultStore}, clusters reached as discovery reaches them, suites
 * from {@code validators/} (or {@code aeroshift.validation.suites-dir}). Runs nobody works on are
 * resumed at startup and taken over while the service runs (leases: {@link RunLeasing}); at
 * shutdown running runs are left RUNNING, their leases given up.
 */
@ApplicationScoped
public class ValidationRuns implements ValidationRunService.Validators {

  @Inject AgroalDataSource dataSource;
  @Inject ValidationResultStore results;
  @Inject DiscoveryService discovery;
  @Inject ClusterEndpoints clusters;

  /** Deadline of one attempt (timeout) and where suites are. */
  @Inject ValidationConfig config;
  /** The stall limit. */
  @Inject JobsConfig jobs;

  private volatile ValidationRunService service;

  /** The service (created on first use, or at startup to resume interrupted runs). */
  public synchronized ValidationRunService service() {
    if (service == null) {
      service = newService(this, Clock.systemUTC());
    }
    return service;
  }

  /**
   * Another service over the same runs and reports, with the same deadline and stall limit,
   * connecting through {@code through}: a migration reconciler's own runner (the caller closes it).
   */
  public ValidationRunService newService(ValidationRunService.Validators through, Clock clock) {
    JdbcValidationRunStore runs = new JdbcValidationRunStore(dataSource, LeaseTerms.newRunner(jobs.leaseTtl()), clock);
    return new ValidationRunService(runs, results, through, clock, config.timeout(), jobs.stallLimit(),
        Duration.ofMillis(500));
  }

  /** A suite by name, the way runs load it. */
  public ValidationSuite suite(String name) {
    Path dir = config.suitesDir().map(Path::of).orElseGet(ValidationSuiteLoader::nearestDirectory);
    if (dir == null) {
      if (name.equals("default")) {
        return ValidationSuite.defaults();
      }
      throw new IllegalArgumentException("no validators/ directory found for suite '" + name + "'");
    }
    return ValidationSuiteLoader.load(dir, name);
  }

  /**
   * Checks a {@code POST /api/v1/validations} body (clusters, suite, both sides reachable and
   * serving the namespace) and returns the run it asks for; nothing is read or stored.
   *
   * @throws RequestRefused naming what is wrong and where
   */
  public ValidationRunSpec check(ValidationRequest r, String by) {
    if (r == null) {
      throw new RequestRefused(400, "INVALID_REQUEST", "request body is required: {source, target, namespace, suite}");
    }
    if (blank(r.source())) {
      throw new RequestRefused(400, "INVALID_REQUEST", "source: the registered name of the source cluster is required");
    }
    if (blank(r.namespace())) {
      throw new RequestRefused(400, "INVALID_REQUEST", "namespace is required");
    }
    ClusterEndpoints.Endpoints endpoints = clusters.resolve(r.source(), r.target());
    String suiteName = blank(r.suite()) ? "default" : r.suite();
    try {
      suite(suiteName);
    } catch (ValidationSuiteLoader.InvalidSuiteException e) {
      throw new RequestRefused(422, "INVALID_SUITE", "suite '" + suiteName + "': " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new RequestRefused(404, "SUITE_NOT_FOUND", "suite: " + e.getMessage());
    }
    if (r.hash() != null) {
      try {
        RecordHash.ofLabel(r.hash());
      } catch (IllegalArgumentException e) {
        throw new RequestRefused(400, "INVALID_REQUEST", "hash: " + e.getMessage());
      }
    }
    // Both sides reachable and serving the namespace before anything is read or stored.
    clusters.requireReachable(endpoints, r.namespace());
    return new ValidationRunSpec(java.util.UUID.randomUUID().toString(), endpoints.sourceName(), endpoints.sourceTeam(),
        endpoints.targetCluster(), endpoints.targetSeeds(), r.namespace(), suiteName, r.hash(), null, by,
        Instant.now());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  @ActivateRequestContext
  public AerospikeValidator open(ValidationRunSpec spec, ValidationResultStore into) {
    ValidationSuite suite;
    try {
      suite = suite(spec.suite());
      if (spec.hash() != null) {
        suite = suite.withHash(RecordHash.ofLabel(spec.hash()));
      }
    } catch (RuntimeException e) {
      throw new RunFailedException(Failure.of(FailureReason.INVALID_INPUT, "suite '" + spec.suite() + "': "
          + e.getMessage(), Instant.now()), e);
    }
    ConnectionSpec source = discovery.connection(spec.source());
    ConnectionSpec target = spec.targetCluster() != null ? discovery.connection(spec.targetCluster())
        : discovery.connectionToSeeds(spec.targetSeeds());
    return connect(spec, suite, source, target, into);
  }

  /**
   * A run's validator over both sides' connections, writing into {@code into}; a side that cannot
   * be reached fails the run with SOURCE_UNREACHABLE or TARGET_UNREACHABLE.
   */
  public static AerospikeValidator connect(ValidationRunSpec spec, ValidationSuite suite, ConnectionSpec source,
      ConnectionSpec target, ValidationResultStore into) {
    AerospikeValidator.Settings defaults = AerospikeValidator.Settings.defaults();
    AerospikeValidator.Settings settings = new AerospikeValidator.Settings(defaults.parallelPartitions(),
        defaults.socketTimeoutMillis(), null);
    try {
      return AerospikeValidator.connect(
          Arrays.asList(AerospikeClients.hosts(source)), AerospikeClients.policy(source),
          Arrays.asList(AerospikeClients.hosts(target)), AerospikeClients.policy(target),
          suite, settings, into, spec.storedScope());
    } catch (AerospikeException e) {
      boolean sourceUp = reachable(source);
      FailureReason reason = sourceUp ? FailureReason.TARGET_UNREACHABLE : FailureReason.SOURCE_UNREACHABLE;
      String side = sourceUp ? "target " + spec.target() + " " + target.seeds() : "source " + spec.source() + " "
          + source.seeds();
      throw new RunFailedException(Failure.of(reason, "cannot connect to the " + side + ": " + e.getMessage(),
          Instant.now()), e);
    }
  }

  /** Which side failed: the validator connects both at once and does not say. */
  private static boolean reachable(ConnectionSpec spec) {
    try (AerospikeClient c = AerospikeClients.connect(spec, 0)) {
      return c.getNodes().length > 0;
    } catch (AerospikeException e) {
      return false;
    }
  }

  /** As {@link CopyRuns#onStart}: resumes the runs nobody works on, at once on a store only this process opens. */
  void onStart(@Observes StartupEvent event) {
    ValidationRunService s = service();
    s.resumeInterrupted(RunLeases.onlyThisProcess(dataSource));
    s.takeOverEvery();
  }

  void onStop(@Observes ShutdownEvent event) {
    ValidationRunService s = service;
    if (s != null) {
      s.close();
    }
  }
}

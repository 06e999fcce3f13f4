package io.aeroshift.api;

import com.aerospike.client.AerospikeException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aeroshift.api.security.Roles;
import io.aeroshift.api.security.TeamAccess;
import io.aeroshift.discovery.AerospikeClients;
import io.aeroshift.discovery.ConnectionSpec;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.inventory.RegisteredCluster;
import io.aeroshift.validation.AerospikeValidator;
import io.aeroshift.validation.PartitionResult;
import io.aeroshift.validation.PartitionStatus;
import io.aeroshift.validation.ValidationConfig;
import io.aeroshift.validation.ValidationEngine;
import io.aeroshift.validation.ValidationReport;
import io.aeroshift.validation.ValidationResult;
import io.aeroshift.validation.ValidationResultStore;
import io.aeroshift.validation.ValidationSuite;
import io.aeroshift.validation.ValidationSuiteLoader;
import io.aeroshift.validation.ValidationSummary;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Validation runs between a registered source cluster and a target: {@code /api/v1/validations}.
 *
 * <p>A run is synchronous by default: the request returns when every partition has been checked,
 * or fails with 504 after {@code aeroshift.validation.timeout}. With {@code ?async=true} (or
 * {@code "async":true}) it answers 202 at once and {@code GET /{id}} shows it RUNNING with the
 * partitions checked so far until the report is stored. Input is checked (clusters, suite,
 * namespace on both sides, both clusters reachable) before anything is read or stored.
 */
@Path("/api/v1/validations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "validation", description = "validation runs: per-partition checksums and record-level drill-down")
public class ValidationResource {
  private static final Logger LOG = Logger.getLogger(ValidationResource.class);
  private static final String ARROW = "->";

  @Inject ValidationResultStore store;
  @Inject ClusterEndpoints clusters;
  @Inject Inventory inventory;
  @Inject SecurityIdentity identity;
  @Inject ObjectMapper json;

  @Inject ValidationConfig config;

  /** Background runs not yet stored as finished (and failed ones, so their failure can be read). */
  private final java.util.Map<String, AsyncRun> asyncRuns = new java.util.concurrent.ConcurrentHashMap<>();

  private final ExecutorService runs = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "validation-run");
    t.setDaemon(true);
    return t;
  });

  @PreDestroy
  void stop() {
    runs.shutdownNow();
  }

  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Validate a namespace between a registered source and a target: synchronous (201, bounded by"
      + " aeroshift.validation.timeout), or with ?async=true / \"async\":true in the background (202, poll the Location)")
  public Response start(ValidationRequest request, @QueryParam("async") boolean asyncParam, @Context UriInfo uri) {
    Checked in = check(request);
    boolean async = asyncParam || Boolean.TRUE.equals(request.async());
    try (LogContext ignored = LogContext.cluster(in.endpoints().sourceName())) {
      if (async) {
        AsyncRun started = startAsync(in);
        return Response.accepted(started.view(json))
            .location(uri.getAbsolutePathBuilder().replaceQuery(null).path(started.id()).build()).build();
      }
      ValidationResult result = run(in);
      ValidationResultStore.StoredRun stored = new ValidationResultStore.StoredRun(in.scope(), result);
      LOG.infof("validation %s of %s finished: exit code %d, %s", result.runId(), in.scope(), result.exitCode(),
          result.summary());
      return Response.created(uri.getAbsolutePathBuilder().path(result.runId()).build()).entity(view(stored)).build();
    }
  }

  @GET
  @Blocking
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Runs whose source is the given registered cluster (all runs without it), newest first")
  public List<ValidationResultStore.RunHeader> list(@QueryParam("source") String source) {
    if (source == null || source.isBlank()) {
      return store.runs("").stream().filter(h -> mayRead(sourceOf(h.scope()))).toList();
    }
    requireRead(source);
    return store.runs(source + ARROW);
  }

  @GET
  @Path("{id}")
  @Blocking
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "The JSON report of a run (differing and unvalidated partitions listed; all with ?allPartitions=true)")
  public Response report(@PathParam("id") String id, @QueryParam("allPartitions") boolean allPartitions) {
    Optional<ValidationResultStore.StoredRun> finished = store.run(id);
    AsyncRun inFlight = asyncRuns.get(id);
    if (finished.isEmpty() && inFlight != null) {
      requireRead(sourceOf(inFlight.scope()));
      return Response.ok(inFlight.view(json)).build();
    }
    ValidationResultStore.StoredRun run = readable(id);
    ObjectNode tree = ValidationReport.tree(run.result(), allPartitions);
    tree.put("state", AsyncRun.FINISHED);
    ((ObjectNode) tree.get("run")).put("scope", run.scope());
    return Response.ok(tree.toPrettyString(), MediaType.APPLICATION_JSON).build();
  }

  @GET
  @Path("{id}/summary")
  @Blocking
  @Produces(MediaType.TEXT_PLAIN)
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "The readable summary of a run")
  public String summary(@PathParam("id") String id) {
    ValidationResultStore.StoredRun run = readable(id);
    return "Run " + run.result().runId() + " (" + run.scope() + "), finished " + run.result().finishedAt() + "\n"
        + ValidationReport.text(run.result());
  }

  @GET
  @Path("{id}/partitions")
  @Blocking
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Per-partition results (status, reason, time, counts), optionally of one status")
  public ArrayNode partitions(@PathParam("id") String id, @QueryParam("status") String status) {
    PartitionStatus wanted = status == null || status.isBlank() ? null : status(status);
    ValidationResultStore.StoredRun run = readable(id);
    ArrayNode out = json.createArrayNode();
    for (PartitionResult p : run.result().partitions()) {
      if (wanted != null && p.status() != wanted) {
        continue;
      }
      ObjectNode n = out.addObject();
      ValidationReport.putPartitionHeader(n, p);
      n.put("missing", p.missing());
      n.put("extra", p.extra());
      n.put("differing", p.differing());
    }
    return out;
  }

  // ---------- input ----------

  /** A request whose clusters, suite and seeds have been checked; the password is not kept here. */
  private record Checked(ClusterEndpoints.Endpoints endpoints, String namespace, ValidationSuite suite) {
    String scope() {
      return endpoints.scope(namespace);
    }
  }

  private Checked check(ValidationRequest r) {
    if (r == null) {
      throw new ApiException(400, "INVALID_REQUEST", "request body is required: {source, target, namespace, suite}");
    }
    if (blank(r.source())) {
      throw new ApiException(400, "INVALID_REQUEST", "source: the registered name of the source cluster is required");
    }
    if (blank(r.namespace())) {
      throw new ApiException(400, "INVALID_REQUEST", "namespace is required");
    }
    ClusterEndpoints.Endpoints endpoints = clusters.resolve(r.source(), r.target());
    String suiteName = blank(r.suite()) ? "default" : r.suite();
    ValidationSuite suite = suite(suiteName);
    if (r.hash() != null) {
      try {
        suite = suite.withHash(io.aeroshift.validation.RecordHash.ofLabel(r.hash()));
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, "INVALID_REQUEST", "hash: " + e.getMessage());
      }
    }
    // Both sides reachable and serving the namespace before anything is read or stored.
    clusters.requireReachable(endpoints, r.namespace());
    return new Checked(endpoints, r.namespace(), suite);
  }

  private ValidationSuite suite(String name) {
    java.nio.file.Path dir = config.suitesDir().map(java.nio.file.Path::of).orElseGet(ValidationSuiteLoader::nearestDirectory);
    if (dir == null) {
      if (name.equals("default")) {
        return ValidationSuite.defaults();
      }
      throw new ApiException(404, "SUITE_NOT_FOUND", "suite: no validators/ directory found for suite '" + name + "'");
    }
    try {
      return ValidationSuiteLoader.load(dir, name);
    } catch (ValidationSuiteLoader.InvalidSuiteException e) {
      throw new ApiException(422, "INVALID_SUITE", "suite '" + name + "': " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, "SUITE_NOT_FOUND", "suite: " + e.getMessage());
    }
  }

  // ---------- the run ----------

  private ValidationResult run(Checked in) {
    AerospikeValidator validator = connect(in, store);
    Future<ValidationResult> running;
    try {
      Instant cutoff = Instant.now();
      String runId = java.util.UUID.randomUUID().toString();
      running = runs.submit(() -> validateAndRecheck(validator, runId, in.namespace(), cutoff));
    } catch (RuntimeException e) {
      validator.close();
      throw e;
    }
    try {
      // The engine stores each partition as it is checked and the run when it finishes.
      return running.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      running.cancel(true);
      throw new ApiException(504, "VALIDATION_TIMEOUT", "validation of " + in.scope() + " did not finish within "
          + config.timeout() + " (aeroshift.validation.timeout); partitions checked so far are stored, the run is not");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.cancel(true);
      throw new ApiException(503, "INTERRUPTED", "validation of " + in.scope() + " was interrupted");
    } catch (ExecutionException e) {
      throw new IllegalStateException("validation of " + in.scope() + " failed", e.getCause());
    } finally {
      validator.close();
    }
  }

  private static ValidationResult validateAndRecheck(AerospikeValidator validator, String runId, String namespace,
      Instant cutoff) {
    ValidationResult r = validator.validate(runId, namespace, cutoff, ValidationEngine.allPartitions());
    // A one-off run has no catch-up pass to wait for: re-check differing partitions once now,
    // as the CLI does, so what still differs is declared MISMATCH.
    return r.summary().pendingRecheckPartitions() > 0 ? validator.recheck(r, Instant.now()) : r;
  }

  /**
   * Starts a run in the background and returns at once. Its progress (partitions checked) is kept
   * in memory until the engine stores the finished run; a run in flight when the service stops is
   * lost (its checked partitions stay stored, the run header is never written).
   */
  private AsyncRun startAsync(Checked in) {
    AsyncRun run = new AsyncRun(java.util.UUID.randomUUID().toString(), in.scope(), in.namespace(),
        in.suite().name(), Instant.now());
    AerospikeValidator validator = connect(in, new CountingStore(store, run));
    asyncRuns.put(run.id(), run);
    try {
      runs.submit(() -> {
        try (LogContext ignored = LogContext.cluster(in.endpoints().sourceName())) {
          ValidationResult result = validateAndRecheck(validator, run.id(), in.namespace(), Instant.now());
          LOG.infof("validation %s of %s finished: exit code %d, %s", result.runId(), in.scope(), result.exitCode(),
              result.summary());
          asyncRuns.remove(run.id());
        } catch (RuntimeException e) {
          LOG.errorf(e, "validation %s of %s failed", run.id(), in.scope());
          run.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
          validator.close();
        }
      });
    } catch (RuntimeException e) {
      asyncRuns.remove(run.id());
      validator.close();
      throw e;
    }
    return run;
  }

  private AerospikeValidator connect(Checked in, ValidationResultStore into) {
    ConnectionSpec source = clusters.source(in.endpoints());
    ConnectionSpec target = clusters.target(in.endpoints());
    AerospikeValidator.Settings defaults = AerospikeValidator.Settings.defaults();
    AerospikeValidator.Settings settings = new AerospikeValidator.Settings(defaults.parallelPartitions(), defaults.socketTimeoutMillis(), null);
    try {
      return AerospikeValidator.connect(
          Arrays.asList(AerospikeClients.hosts(source)), AerospikeClients.policy(source),
          Arrays.asList(AerospikeClients.hosts(target)), AerospikeClients.policy(target),
          in.suite(), settings, into, in.scope());
    } catch (AerospikeException e) {
      throw ClusterEndpoints.unreachable("source or target", in.endpoints().sourceName() + " / " + in.endpoints().targetName(),
          source.seeds(), e);
    }
  }

  // ---------- reading ----------

  private ValidationResultStore.StoredRun readable(String id) {
    ValidationResultStore.StoredRun run = store.run(id).orElseThrow(() ->
        new ApiException(404, "VALIDATION_NOT_FOUND", "no validation run with id '" + id + "'"));
    requireRead(sourceOf(run.scope()));
    return run;
  }

  private static String sourceOf(String scope) {
    int arrow = scope.indexOf(ARROW);
    return arrow < 0 ? scope : scope.substring(0, arrow);
  }

  /** Engineers and viewers read every run; an owner only runs whose source is one of its team's clusters. */
  private boolean mayRead(String source) {
    return TeamAccess.mayReadRuns(identity, teamOf(source));
  }

  private void requireRead(String source) {
    TeamAccess.requireReadRuns(identity, teamOf(source), "read validations of cluster " + source);
  }

  private String teamOf(String source) {
    return inventory.find(source).map(RegisteredCluster::team).orElse("(unregistered)");
  }

  private static PartitionStatus status(String s) {
    try {
      return PartitionStatus.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "INVALID_REQUEST", "status: '" + s + "' is not one of " + Arrays.toString(PartitionStatus.values()));
    }
  }

  private ObjectNode view(ValidationResultStore.StoredRun stored) {
    ValidationResult r = stored.result();
    ValidationSummary s = r.summary();
    ObjectNode n = json.createObjectNode();
    n.put("id", r.runId());
    n.put("scope", stored.scope());
    n.put("namespace", r.namespace());
    n.put("suite", r.suite());
    n.put("startedAt", String.valueOf(r.startedAt()));
    n.put("ranAt", String.valueOf(r.finishedAt()));
    n.put("cutoff", String.valueOf(r.cutoff()));
    n.put("sampleRate", r.sampleRate());
    if (r.hash() != null) {
      n.put("hash", r.hash().label());
    }
    n.put("finalEvidence", r.finalEvidence());
    n.put("passedAsEvidence", r.passedAsEvidence());
    n.put("exitCode", r.exitCode());
    if (r.failure() != null) {
      n.put("failure", r.failure());
    }
    ValidationReport.summary(n.putObject("summary"), s);
    return n;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

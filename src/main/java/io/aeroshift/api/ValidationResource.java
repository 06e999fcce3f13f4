package io.aeroshift.api;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.policy.ClientPolicy;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aeroshift.api.security.Roles;
import io.aeroshift.api.security.TeamAccess;
import io.aeroshift.discovery.AerospikeClusterReader;
import io.aeroshift.discovery.ConnectFailures;
import io.aeroshift.discovery.ConnectionSpec;
import io.aeroshift.discovery.DiscoveryException;
import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.inventory.RegisteredCluster;
import io.aeroshift.validation.AerospikeValidator;
import io.aeroshift.validation.PartitionResult;
import io.aeroshift.validation.PartitionStatus;
import io.aeroshift.validation.ValidateCommand;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Validation runs between a registered source cluster and a target: {@code /api/v1/validations}.
 *
 * <p>A run is synchronous for now: the request returns when every partition has been checked, or
 * fails with 504 after {@code aeroshift.validation.timeout}. Input is checked (clusters, suite,
 * namespace on both sides, both clusters reachable) before anything is read or stored.
 */
@Path("/api/v1/validations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "validation", description = "validation runs: per-partition checksums and record-level drill-down")
public class ValidationResource {
  private static final Logger LOG = Logger.getLogger(ValidationResource.class);
  private static final String ARROW = "->";

  @Inject ValidationResultStore store;
  @Inject DiscoveryService discovery;
  @Inject Inventory inventory;
  @Inject SecurityIdentity identity;
  @Inject ObjectMapper json;

  @ConfigProperty(name = "aeroshift.validation.timeout", defaultValue = "PT30M")
  Duration timeout;

  @ConfigProperty(name = "aeroshift.validation.suites-dir")
  Optional<String> suitesDir;

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
  @Operation(summary = "Validate a namespace between a registered source and a target now (synchronous, bounded by aeroshift.validation.timeout)")
  public Response start(ValidationRequest request, @Context UriInfo uri) {
    Checked in = check(request);
    try (LogContext ignored = LogContext.cluster(in.sourceName())) {
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
    ValidationResultStore.StoredRun run = readable(id);
    ObjectNode tree = ValidationReport.tree(run.result(), allPartitions);
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
      n.put("partition", p.partitionId());
      n.put("status", p.status().name());
      if (p.unvalidatedReason() != null) {
        n.put("reason", p.unvalidatedReason());
      }
      n.put("checkedAt", String.valueOf(p.checkedAt()));
      n.put("attempt", p.attempt());
      n.put("missing", p.missing());
      n.put("extra", p.extra());
      n.put("differing", p.differing());
    }
    return out;
  }

  // ---------- input ----------

  /** A request whose clusters, suite and seeds have been checked; the password is not kept here. */
  private record Checked(String sourceName, String targetName, List<String> targetSeeds, String namespace,
      ValidationSuite suite, String scope) {}

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
    if (r.target() == null || (blank(r.target().cluster()) == (r.target().seeds() == null || r.target().seeds().isEmpty()))) {
      throw new ApiException(400, "INVALID_REQUEST", "target: give exactly one of {\"cluster\":\"<registered name>\"} and {\"seeds\":[\"host:port\",...]}");
    }
    RegisteredCluster source = inventory.find(r.source()).orElseThrow(() ->
        new ApiException(404, "CLUSTER_NOT_FOUND", "source: no registered cluster named '" + r.source() + "'"));
    String targetName;
    List<String> seeds = null;
    if (!blank(r.target().cluster())) {
      targetName = inventory.find(r.target().cluster()).orElseThrow(() ->
          new ApiException(404, "CLUSTER_NOT_FOUND", "target.cluster: no registered cluster named '" + r.target().cluster() + "'"))
          .name();
    } else {
      seeds = List.copyOf(r.target().seeds());
      for (int i = 0; i < seeds.size(); i++) {
        String seed = seeds.get(i);
        if (seed == null || !seed.matches("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):\\d{1,5}")
            || Integer.parseInt(seed.substring(seed.lastIndexOf(':') + 1)) > 65535) {
          throw new ApiException(400, "INVALID_REQUEST", "target.seeds[" + i + "]: '" + seed + "' is not host:port");
        }
      }
      targetName = String.join(",", seeds);
    }
    String suiteName = blank(r.suite()) ? "default" : r.suite();
    ValidationSuite suite = suite(suiteName);
    return new Checked(source.name(), targetName, seeds, r.namespace(), suite,
        source.name() + ARROW + targetName + "/" + r.namespace());
  }

  private ValidationSuite suite(String name) {
    java.nio.file.Path dir = suitesDir.map(java.nio.file.Path::of).orElseGet(ValidateCommand::validatorsDir);
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
    ConnectionSpec source = discovery.connection(in.sourceName());
    ConnectionSpec target = in.targetSeeds() == null ? discovery.connection(in.targetName()) : discovery.connectionToSeeds(in.targetSeeds());
    AerospikeValidator validator = connect(source, target, in);
    Future<ValidationResult> running;
    try {
      if (!validator.sourceHasNamespace(in.namespace())) {
        throw new ApiException(404, "NAMESPACE_NOT_FOUND", "namespace: source cluster " + in.sourceName()
            + " has no namespace '" + in.namespace() + "'");
      }
      if (!validator.targetHasNamespace(in.namespace())) {
        throw new ApiException(404, "NAMESPACE_NOT_FOUND", "namespace: target " + in.targetName()
            + " has no namespace '" + in.namespace() + "'");
      }
      Instant cutoff = Instant.now();
      running = runs.submit(() -> {
        ValidationResult r = validator.validate(in.namespace(), cutoff, ValidationEngine.allPartitions());
        // A one-off run has no catch-up pass to wait for: re-check differing partitions once now,
        // as the CLI does, so what still differs is declared MISMATCH.
        return r.summary().pendingRecheckPartitions() > 0 ? validator.recheck(r, Instant.now()) : r;
      });
    } catch (RuntimeException e) {
      validator.close();
      throw e;
    }
    try {
      // The engine stores each partition as it is checked and the run when it finishes.
      return running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      running.cancel(true);
      throw new ApiException(504, "VALIDATION_TIMEOUT", "validation of " + in.scope() + " did not finish within "
          + timeout + " (aeroshift.validation.timeout); partitions checked so far are stored, the run is not");
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

  private AerospikeValidator connect(ConnectionSpec source, ConnectionSpec target, Checked in) {
    ClientPolicy sourcePolicy = AerospikeClusterReader.clientPolicy(source);
    ClientPolicy targetPolicy = AerospikeClusterReader.clientPolicy(target);
    AerospikeValidator.Settings defaults = AerospikeValidator.Settings.defaults();
    AerospikeValidator.Settings settings = new AerospikeValidator.Settings(defaults.parallelPartitions(), defaults.socketTimeoutMillis(), null);
    // Connect one side at a time first so a failure names the side that is unreachable.
    probe("source", in.sourceName(), source, sourcePolicy, settings);
    probe("target", in.targetName(), target, targetPolicy, settings);
    try {
      return AerospikeValidator.connect(
          Arrays.asList(AerospikeClusterReader.hosts(source)), sourcePolicy,
          Arrays.asList(AerospikeClusterReader.hosts(target)), targetPolicy,
          in.suite(), settings, store, in.scope());
    } catch (AerospikeException e) {
      throw unreachable("source or target", in.sourceName() + " / " + in.targetName(), source.seeds(), e);
    }
  }

  private static void probe(String side, String name, ConnectionSpec spec, ClientPolicy policy, AerospikeValidator.Settings settings) {
    ClientPolicy p = new ClientPolicy(policy);
    p.failIfNotConnected = true;
    try (com.aerospike.client.AerospikeClient c = new com.aerospike.client.AerospikeClient(p, AerospikeClusterReader.hosts(spec))) {
      if (c.getNodes().length == 0) {
        throw new ApiException(502, side.toUpperCase(java.util.Locale.ROOT) + "_SEEDS_UNREACHABLE", side + " " + name + ": no node connected");
      }
    } catch (AerospikeException e) {
      throw unreachable(side, name, spec.seeds(), e);
    }
  }

  private static ApiException unreachable(String side, String name, List<String> seeds, AerospikeException e) {
    DiscoveryException.Reason reason = ConnectFailures.classify(e.getResultCode(), e.getMessage());
    String code = side.startsWith("source or") ? reason.name() : side.toUpperCase(java.util.Locale.ROOT) + "_" + reason.name();
    return new ApiException(502, code, side + " " + name + ": " + ConnectFailures.describe(reason, seeds, e.getMessage()));
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
    if (identity.hasRole(Roles.ENGINEER) || identity.hasRole(Roles.VIEWER)) {
      return true;
    }
    return inventory.find(source).map(c -> TeamAccess.mayAct(identity, c.team())).orElse(false);
  }

  private void requireRead(String source) {
    if (identity.hasRole(Roles.ENGINEER) || identity.hasRole(Roles.VIEWER)) {
      return;
    }
    String team = inventory.find(source).map(RegisteredCluster::team).orElse("(unregistered)");
    TeamAccess.requireAct(identity, team, "read validations of cluster " + source);
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

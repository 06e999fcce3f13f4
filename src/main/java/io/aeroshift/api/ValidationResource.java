package io.aeroshift.api;

import io.aeroshift.api.security.Roles;
import io.aeroshift.api.security.TeamAccess;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.inventory.RegisteredCluster;
import io.aeroshift.jobs.ScopeBusy;
import io.aeroshift.jobs.ValidationRequest;
import io.aeroshift.jobs.ValidationResultView;
import io.aeroshift.jobs.ValidationRun;
import io.aeroshift.jobs.ValidationRunService;
import io.aeroshift.jobs.ValidationRunSpec;
import io.aeroshift.jobs.ValidationRunState;
import io.aeroshift.jobs.ValidationRunView;
import io.aeroshift.jobs.ValidationRuns;
import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.outcome.RequestRefused;
import io.aeroshift.validation.PartitionStatus;
import io.aeroshift.validation.ValidationConfig;
import io.aeroshift.validation.ValidationReport;
import io.aeroshift.validation.ValidationReportDocument;
import io.aeroshift.validation.ValidationResultStore;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Validation runs between a registered source cluster and a target: {@code /api/v1/validations}.
 * Runs are durable jobs of {@link ValidationRunService} (they survive a restart of the service).
 *
 * <p>A run is synchronous by default: the request returns the report's summary (201) when every
 * partition has been checked within {@code aeroshift.validation.sync-wait} (default 30 s), else
 * answers 202 with a Location, as an asynchronous run does. With {@code ?async=true} (or
 * {@code "async":true}) it answers 202 at once and {@code GET /{id}} shows it RUNNING with the
 * partitions checked so far until the report is stored. Input is checked (clusters, suite,
 * namespace on both sides, both clusters reachable) before anything is read or stored.
 */
@Path("/api/v1/validations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "validation", description = "validation runs: per-partition checksums and record-level drill-down")
public class ValidationResource {
  private static final String ARROW = "->";

  @Inject ValidationResultStore store;
  @Inject ValidationRuns validations;
  @Inject Inventory inventory;
  @Inject SecurityIdentity identity;

  /** sync-wait: how long a synchronous POST waits for the run before it answers 202 with a Location. */
  @Inject ValidationConfig config;

  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Validate a namespace between a registered source and a target: synchronous (201, bounded by"
      + " aeroshift.validation.timeout), or with ?async=true / \"async\":true in the background (202, poll the Location)")
  @APIResponse(responseCode = "201", description = "finished within the wait: the run's summary",
      content = @Content(schema = @Schema(implementation = ValidationResultView.class)))
  @APIResponse(responseCode = "202", description = "running in the background: poll the Location",
      content = @Content(schema = @Schema(implementation = ValidationRunView.class)))
  public Response start(ValidationRequest request, @QueryParam("async") boolean asyncParam, @Context UriInfo uri) {
    ValidationRunSpec spec = validations.check(request, identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName());
    boolean async = asyncParam || Boolean.TRUE.equals(request.async());
    try (LogContext ignored = LogContext.cluster(spec.source()); LogContext m = LogContext.migration(spec.id())) {
      ValidationRunService runs = validations.service();
      try {
        runs.start(spec);
      } catch (ScopeBusy e) {
        throw new RequestRefused(409, "VALIDATION_RUNNING", "validation run " + (e.holder() == null ? "(starting)"
            : e.holder()) + " is already validating namespace " + spec.namespace() + " of " + spec.target()
            + "; wait for it");
      }
      java.net.URI location = uri.getAbsolutePathBuilder().replaceQuery(null).path(spec.id()).build();
      Optional<ValidationRun> ended = async ? Optional.empty() : runs.awaitEnd(spec.id(), config.syncWait());
      if (ended.isEmpty()) {
        return Response.accepted(ValidationRunView.of(runs.find(spec.id()).orElseThrow())).location(location).build();
      }
      ValidationRun run = ended.get();
      if (run.state() != ValidationRunState.FINISHED) {
        throw failed(run);
      }
      return Response.created(location).entity(ValidationResultView.of(store.run(spec.id()).orElseThrow())).build();
    }
  }

  /** A synchronous run that ended without a report: the problem its typed failure describes. */
  private static RequestRefused failed(ValidationRun run) {
    Failure f = run.failure();
    int status = switch (f.reason()) {
      case SOURCE_UNREACHABLE, TARGET_UNREACHABLE -> 502;
      case DEADLINE_EXCEEDED, STALLED -> 504;
      case INVALID_INPUT, NAMESPACE_NOT_FOUND -> 422;
      default -> 500;
    };
    String reason = f.reason() == FailureReason.DEADLINE_EXCEEDED ? "VALIDATION_TIMEOUT" : f.reason().name();
    return new RequestRefused(status, reason, "validation " + run.id() + " of " + run.spec().storedScope() + " "
        + run.state() + ": " + f.detail());
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
  @Operation(summary = "The JSON report of a run (differing and unvalidated partitions listed; all with ?allPartitions=true);"
      + " a run still going answers its live view (state RUNNING)")
  @APIResponse(responseCode = "200", description = "the report of a finished run",
      content = @Content(schema = @Schema(implementation = ValidationReportDocument.class)))
  public Response report(@PathParam("id") String id, @QueryParam("allPartitions") boolean allPartitions) {
    Optional<ValidationResultStore.StoredRun> finished = store.run(id);
    if (finished.isEmpty()) {
      Optional<ValidationRunService.Observed> job = validations.service().find(id);
      if (job.isPresent()) {
        ValidationRunSpec spec = job.get().run().spec();
        TeamAccess.requireReadRuns(identity, spec.sourceTeam(), "read validations of cluster " + spec.source());
        return Response.ok(ValidationRunView.of(job.get())).build();
      }
    }
    ValidationResultStore.StoredRun run = readable(id);
    return Response.ok(ValidationReport.document(run.result(), allPartitions)
        .withScopeAndState(run.scope(), ValidationRunState.FINISHED.name())).build();
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
  public List<ValidationReportDocument.PartitionLine> partitions(@PathParam("id") String id,
      @QueryParam("status") String status) {
    PartitionStatus wanted = status == null || status.isBlank() ? null : status(status);
    ValidationResultStore.StoredRun run = readable(id);
    return run.result().partitions().stream()
        .filter(p -> wanted == null || p.status() == wanted)
        .map(ValidationReportDocument.PartitionLine::of)
        .toList();
  }


  private ValidationResultStore.StoredRun readable(String id) {
    ValidationResultStore.StoredRun run = store.run(id).orElseThrow(() ->
        new RequestRefused(404, "VALIDATION_NOT_FOUND", "no validation run with id '" + id + "'"));
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
      throw new RequestRefused(400, "INVALID_REQUEST", "status: '" + s + "' is not one of " + Arrays.toString(PartitionStatus.values()));
    }
  }
}

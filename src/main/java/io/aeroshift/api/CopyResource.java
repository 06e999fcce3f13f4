package io.aeroshift.api;

import io.aeroshift.api.security.Roles;
import io.aeroshift.api.security.TeamAccess;
import io.aeroshift.jobs.CopyPartitionView;
import io.aeroshift.jobs.CopyRequest;
import io.aeroshift.jobs.CopyRun;
import io.aeroshift.jobs.CopyRunRequests;
import io.aeroshift.jobs.CopyRunService;
import io.aeroshift.jobs.CopyRunSpec;
import io.aeroshift.jobs.CopyRunState;
import io.aeroshift.jobs.CopyRunView;
import io.aeroshift.jobs.CopyRuns;
import io.aeroshift.jobs.RunNotFound;
import io.aeroshift.jobs.RunStateConflict;
import io.aeroshift.jobs.ScopeBusy;
import io.aeroshift.outcome.RequestRefused;
import io.aeroshift.transfer.PartitionState;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Copy runs inside the service: {@code /api/v1/copies}. A run is checked completely (clusters,
 * namespace on both sides, mode, backup directory, rate limits) before anything starts, then runs
 * in the background (full copy or backup + restore, one catch-up pass, delete reconciliation);
 * its progress is read here and at {@code /q/metrics}. Engineers start and steer runs; engineers
 * and viewers read every run; an owner reads only runs whose source belongs to its team.
 */
@Path("/api/v1/copies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "copies", description = "copy runs: SCAN_COPY or BACKUP_RESTORE, then catch-up and delete reconciliation")
public class CopyResource {
  private static final Logger LOG = Logger.getLogger(CopyResource.class);

  @Inject CopyRuns copyRuns;
  @Inject CopyRunRequests requests;
  @Inject SecurityIdentity identity;

  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Start a copy run in the background (202 + Location); bad input is refused before anything starts")
  @APIResponse(responseCode = "202", description = "the run, queued: poll the Location",
      content = @Content(schema = @Schema(implementation = CopyRunView.class)))
  public Response start(CopyRequest request, @Context UriInfo uri) {
    CopyRunSpec spec = requests.check(request, identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName());
    try (LogContext ignored = LogContext.cluster(spec.source()); LogContext m = LogContext.migration(spec.id())) {
      CopyRun run;
      try {
        run = service().start(spec);
      } catch (ScopeBusy e) {
        throw new RequestRefused(409, "COPY_RUNNING", "copy run " + (e.holder() == null ? "(starting)" : e.holder())
            + " is already copying into namespace " + spec.namespace() + " of " + spec.target()
            + "; stop it or wait for it");
      }
      LOG.infof("copy run %s accepted: %s of %s from %s to %s", run.id(), spec.mode(), spec.namespace(), spec.source(),
          spec.target());
      return Response.accepted(CopyRunView.of(new CopyRunService.Observed(run, Optional.empty())))
          .location(uri.getAbsolutePathBuilder().path(run.id()).build()).build();
    }
  }

  @GET
  @Blocking
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Copy runs the caller may read, newest first; ?source= and ?state= filter")
  public List<CopyRunView> list(@QueryParam("source") String source, @QueryParam("state") String state) {
    CopyRunState wanted = state == null || state.isBlank() ? null : CopyRunRequests.enumOf(CopyRunState.class, "state", state);
    return service().list().stream().filter(o -> {
      CopyRunSpec s = o.run().spec();
      return (source == null || source.isBlank() || s.source().equals(source))
          && (wanted == null || o.run().state() == wanted) && mayRead(s);
    }).map(CopyRunView::of).toList();
  }

  @GET
  @Path("{id}")
  @Blocking
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "A run: state, current step and pass, records, bytes, rate, estimate, fraction done, ETA, partitions, steps done")
  public CopyRunView get(@PathParam("id") String id) {
    return CopyRunView.of(readable(id));
  }

  @GET
  @Path("{id}/partitions")
  @Blocking
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Per-partition state of a pass (default: the current or last one), optionally of one state, with failure reasons")
  public List<CopyPartitionView> partitions(@PathParam("id") String id, @QueryParam("state") String state,
      @QueryParam("pass") Integer pass) {
    PartitionState wanted = state == null || state.isBlank() ? null : CopyRunRequests.enumOf(PartitionState.class, "state", state);
    readable(id);
    return service().partitionViews(id, pass, wanted);
  }

  @PUT
  @Path("{id}/rate-limits")
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Change the rate limits of a running run; takes effect at once (0 = unlimited)")
  public CopyRunView rateLimits(@PathParam("id") String id, CopyRequest.RateLimits limits) {
    requireNotOwnedByMigration(id, "its rate limits change");
    if (limits == null) {
      throw new RequestRefused(400, "INVALID_REQUEST", "body {\"recordsPerSecond\":N,\"bytesPerSecond\":N} is required");
    }
    long records = CopyRunRequests.limit("recordsPerSecond", limits.recordsPerSecond());
    long bytes = CopyRunRequests.limit("bytesPerSecond", limits.bytesPerSecond());
    try {
      service().setRateLimits(id, records, bytes);
    } catch (RunNotFound e) {
      throw notFound(id);
    } catch (RunStateConflict e) {
      throw new RequestRefused(409, "COPY_NOT_RUNNING", e.getMessage());
    }
    return get(id);
  }

  @POST
  @Path("{id}/stop")
  @Blocking
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Stop a running run (STOPPED once its workers ended); checkpoints stay, resume continues from them")
  @APIResponse(responseCode = "202", description = "the run, stopping",
      content = @Content(schema = @Schema(implementation = CopyRunView.class)))
  public Response stop(@PathParam("id") String id) {
    requireNotOwnedByMigration(id, "it stops");
    try {
      service().stop(id);
    } catch (RunNotFound e) {
      throw notFound(id);
    } catch (RunStateConflict e) {
      throw new RequestRefused(409, "COPY_NOT_RUNNING", e.getMessage());
    }
    return Response.accepted(get(id)).build();
  }

  @POST
  @Path("{id}/resume")
  @Blocking
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Resume a STOPPED or FAILED run from its checkpoints")
  @APIResponse(responseCode = "202", description = "the run, resuming",
      content = @Content(schema = @Schema(implementation = CopyRunView.class)))
  public Response resume(@PathParam("id") String id) {
    requireNotOwnedByMigration(id, "it resumes");
    try {
      service().resume(id);
    } catch (RunNotFound e) {
      throw notFound(id);
    } catch (RunStateConflict e) {
      throw new RequestRefused(409, "COPY_NOT_RESUMABLE", e.getMessage());
    } catch (ScopeBusy e) {
      throw new RequestRefused(409, "COPY_RUNNING", e.getMessage() + "; stop it or wait for it");
    }
    return Response.accepted(get(id)).build();
  }

  /**
   * A run a migration owns is steered by the migration's reconciler (it starts, stops and resumes the
   * run under the migration's lease): a direct change here would be undone or fight it. 409 naming
   * the migration and its commands instead.
   */
  private void requireNotOwnedByMigration(String id, String what) {
    CopyRunSpec spec = service().find(id).orElseThrow(() -> notFound(id)).run().spec();
    if (spec.migration() != null) {
      String m = "/api/v1/migrations/" + spec.migration();
      throw new RequestRefused(409, "OWNED_BY_MIGRATION", "copy run " + id + " belongs to migration "
          + spec.migration() + ": " + what + " with its migration, not here; use POST " + m + "/pause (then " + m
          + "/resume) or POST " + m + "/abort", java.util.Map.of("migration", spec.migration()));
    }
  }

  private CopyRunService service() {
    return copyRuns.service();
  }

  private CopyRunService.Observed readable(String id) {
    CopyRunService.Observed o = service().find(id).orElseThrow(() -> notFound(id));
    if (!mayRead(o.run().spec())) {
      TeamAccess.requireReadRuns(identity, o.run().spec().sourceTeam(), "read copy runs of cluster " + o.run().spec().source());
    }
    return o;
  }

  private static RequestRefused notFound(String id) {
    return new RequestRefused(404, "COPY_NOT_FOUND", "no copy run with id '" + id + "'");
  }

  /** Engineers and viewers read every run; an owner only runs whose source is one of its team's clusters. */
  private boolean mayRead(CopyRunSpec spec) {
    return TeamAccess.mayReadRuns(identity, spec.sourceTeam());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

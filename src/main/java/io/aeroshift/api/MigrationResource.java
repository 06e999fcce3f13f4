package io.aeroshift.api;

import io.aeroshift.api.security.Roles;
import io.aeroshift.api.security.TeamAccess;
import io.aeroshift.validation.ValidationResultStore;
import io.aeroshift.workflow.machine.Command;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.StoredCommand;
import io.aeroshift.workflow.migration.HistoryEntry;
import io.aeroshift.workflow.migration.MigrationService;
import io.aeroshift.workflow.migration.MigrationStore;
import io.aeroshift.workflow.migration.MigrationView;
import io.aeroshift.workflow.migration.MigrationViews;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code /api/v1/migrations}: list, create from a plan, read, history, and commands. A command is
 * stored (202) for the reconciler's next step; 409 (with the phase and the commands it accepts)
 * when the phase does not accept it; 403 when the user lacks the role or the team ({@code approve}
 * and {@code reject}: owners of the migration's team; every other command: engineers).
 */
@Path("/api/v1/migrations")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "migrations", description = "the migration workflow")
public class MigrationResource {
  @Inject MigrationService service;
  @Inject MigrationViews views;
  @Inject MigrationStore store;
  @Inject SecurityIdentity identity;
  @Inject ValidationResultStore validations;

  @GET
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Migrations with phase, progress, lag, validation, approval and the cutover gate")
  public List<MigrationView> list(@QueryParam("wave") String wave, @QueryParam("team") String team) {
    return views.list(blankToNull(wave), blankToNull(team));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Create a migration of a plan, in PLANNED: {\"plan\": NAME}")
  public Response create(Map<String, Object> body) {
    RequestBodies.onlyFields(body, Set.of("plan"));
    String plan = RequestBodies.requiredString(body, "plan");
    Migration m = service.create(plan, who());
    return Response.status(201).entity(views.get(m.id()).orElseThrow()).build();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  public MigrationView get(@PathParam("id") String id) {
    return views.get(id).orElseThrow(() -> new ApiException(404, "NOT_FOUND", "no migration with id '" + id + "'"));
  }

  @GET
  @Path("{id}/history")
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Every transition, command and milestone: from, to, command, by, at, reason")
  public List<HistoryEntry> history(@PathParam("id") String id) {
    service.get(id);
    return store.history(id);
  }

  @GET
  @Path("{id}/partitions")
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "The per-partition map (match, mismatch, pending re-check, unvalidated) of the latest"
      + " validation of each namespace; a partition without a stored result is unvalidated")
  public PartitionMapView partitions(@PathParam("id") String id) {
    service.get(id);
    return PartitionMapView.of(id, validations);
  }

  @POST
  @Path("{id}/{command}")
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "start, pause, resume, abort, retry, approve, reject, cutover, rollback, validate;"
      + " optional body {\"reason\": TEXT}")
  public Response command(@PathParam("id") String id, @PathParam("command") String name,
      Map<String, Object> body) {
    Command command = Command.fromPath(name).orElseThrow(() -> new ApiException(404, "UNKNOWN_COMMAND",
        "no command '" + name + "'; commands: start, pause, resume, abort, retry, approve, reject, cutover,"
            + " rollback, validate"));
    Migration m = service.get(id);
    authorise(command, m);
    RequestBodies.onlyFields(body, Set.of("reason"));
    String reason = body == null ? null : RequestBodies.optionalString(body, "reason");
    StoredCommand stored = service.command(id, command, who(), reason);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("migration", id);
    out.put("command", command.path());
    out.put("seq", stored.seq());
    out.put("phase", m.phase().name());
    out.put("state", "stored");
    return Response.status(202).entity(out).build();
  }

  /** approve/reject: owners of the migration's team only; every other command: engineers. */
  private void authorise(Command command, Migration m) {
    String user = who();
    if (command.ownersOnly()) {
      if (!identity.hasRole(Roles.OWNER) || !TeamAccess.teamsOf(identity).contains(m.team())) {
        throw new ForbiddenException(user + " may not " + command.path() + " migration " + m.id()
            + ": only owners of team '" + m.team() + "' may");
      }
    } else if (!identity.hasRole(Roles.ENGINEER)) {
      throw new ForbiddenException(user + " may not " + command.path() + " migration " + m.id()
          + ": engineers only");
    }
  }

  private String who() {
    return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @ServerExceptionMapper
  public Response refused(MigrationService.Refused e, @Context UriInfo uri) {
    return RequestBodies.refused(e, uri);
  }
}

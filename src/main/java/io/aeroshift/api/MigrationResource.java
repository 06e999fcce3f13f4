package io.aeroshift.api;

import io.aeroshift.api.security.Roles;
import io.aeroshift.api.security.TeamAccess;
import io.aeroshift.outcome.RequestRefused;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
  /** The body of {@code POST /api/v1/migrations}. */
  public record CreateMigration(String plan) {}

  /** The optional body of a command: why it is given (kept in the history). */
  public record CommandBody(String reason) {}

  /**
   * A command stored for the reconciler's next step.
   *
   * @param phase the phase the command was given in
   * @param state {@code stored}: it takes effect at the next step, not in the request
   */
  public record CommandAccepted(String migration, String command, long seq, String phase, String state) {}

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
  @APIResponse(responseCode = "201", description = "the migration, in PLANNED",
      content = @Content(schema = @Schema(implementation = MigrationView.class)))
  public Response create(CreateMigration body) {
    if (body == null || body.plan() == null || body.plan().isBlank()) {
      throw new RequestRefused(400, "INVALID_REQUEST", "request body: plan: is required: {\"plan\": NAME}",
          Map.of("field", "plan"));
    }
    Migration m = service.create(body.plan(), who());
    return Response.status(201).entity(views.get(m.id()).orElseThrow()).build();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  public MigrationView get(@PathParam("id") String id) {
    return views.get(id).orElseThrow(() -> new RequestRefused(404, "NOT_FOUND", "no migration with id '" + id + "'"));
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
    return PartitionMapView.of(id, service.get(id).source(), validations);
  }

  @POST
  @Path("{id}/{command}")
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "start, pause, resume, abort, retry, approve, reject, cutover, rollback, validate;"
      + " optional body {\"reason\": TEXT}")
  @APIResponse(responseCode = "202", description = "the command is stored for the next step",
      content = @Content(schema = @Schema(implementation = CommandAccepted.class)))
  public Response command(@PathParam("id") String id, @PathParam("command") String name, CommandBody body) {
    Command command = Command.fromPath(name).orElseThrow(() -> new RequestRefused(404, "UNKNOWN_COMMAND",
        "no command '" + name + "'; commands: start, pause, resume, abort, retry, approve, reject, cutover,"
            + " rollback, validate, confirm-switch"));
    Migration m = service.get(id);
    authorise(command, m);
    StoredCommand stored = service.command(id, command, who(), body == null ? null : body.reason());
    return Response.status(202).entity(new CommandAccepted(id, command.path(), stored.seq(), m.phase().name(), "stored"))
        .build();
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
}

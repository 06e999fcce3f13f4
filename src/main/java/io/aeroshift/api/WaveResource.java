package io.aeroshift.api;

import io.aeroshift.api.security.Roles;
import io.aeroshift.outcome.RequestRefused;
import io.aeroshift.workflow.machine.Wave;
import io.aeroshift.workflow.migration.MigrationService;
import io.aeroshift.workflow.migration.MigrationViews;
import io.aeroshift.workflow.migration.WaveView;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/waves}: waves named by plans ({@code wave:}) and waves created here with limits;
 * start (creates the migrations of its plans that have none under way and starts them within the
 * limits), pause and resume. Changes are for engineers; a viewer gets 403.
 */
@Path("/api/v1/waves")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "waves", description = "groups of migrations run together with limits")
public class WaveResource {
  @Inject MigrationService service;
  @Inject MigrationViews views;
  @Inject SecurityIdentity identity;

  @GET
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Waves: those stored here and those plans name, with limits and state")
  public List<WaveView> list() {
    return service.waves().stream().map(w -> WaveView.of(w, null)).toList();
  }

  @GET
  @Path("{name}")
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "A wave: its limits, state and migrations")
  public WaveView get(@PathParam("name") String name) {
    return withMigrations(service.wave(name).orElseThrow(() -> new RequestRefused(404, "NOT_FOUND",
        "no wave named '" + name + "'")));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Create a wave: {name, limits: {maxConcurrentCopies, maxConcurrentCutovers,"
      + " bytesPerSecondPerSource, cutoverWindows: [{days, from, to}], stopOnValidationFailure, autoCutover}}")
  @APIResponse(responseCode = "201", description = "the wave",
      content = @Content(schema = @Schema(implementation = WaveView.class)))
  public Response create(WaveRequest body) {
    if (body == null) {
      throw new RequestRefused(400, "INVALID_REQUEST", "request body is required: {\"name\": ...}");
    }
    Wave w = service.createWave(body.checkedName(), body.checkedLimits(), who());
    return Response.status(201).entity(withMigrations(w)).build();
  }

  @POST
  @Path("{name}/{action}")
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "start, pause or resume a wave")
  @APIResponse(responseCode = "202", description = "the wave after the change",
      content = @Content(schema = @Schema(implementation = WaveView.class)))
  public Response act(@PathParam("name") String name, @PathParam("action") String action) {
    Wave w = switch (action) {
      case "start" -> service.startWave(name, who());
      case "pause" -> service.pauseWave(name, who());
      case "resume" -> service.resumeWave(name, who());
      default -> throw new RequestRefused(404, "UNKNOWN_COMMAND", "no wave command '" + action
          + "'; commands: start, pause, resume");
    };
    return Response.status(202).entity(withMigrations(w)).build();
  }

  private WaveView withMigrations(Wave w) {
    return WaveView.of(w, views.list(w.name(), null));
  }

  private String who() {
    return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
  }
}

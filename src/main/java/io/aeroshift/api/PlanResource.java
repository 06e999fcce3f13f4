package io.aeroshift.api;

import io.aeroshift.api.security.Roles;
import io.aeroshift.outcome.RequestRefused;
import io.aeroshift.planning.InvalidPlanException;
import io.aeroshift.plans.PlanPreviewView;
import io.aeroshift.plans.PlanRepository;
import io.aeroshift.plans.PlanSummary;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
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
 * Migration plans: {@code POST /api/v1/plans} (plan YAML), {@code GET /api/v1/plans},
 * {@code GET /api/v1/plans/{name}/preview} (the dry run: every object that would be applied, the
 * translation report and the warnings; nothing is applied). The plans themselves are in the
 * {@link PlanRepository}.
 */
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "plans", description = "migration plans and their dry run")
public class PlanResource {
  @Inject PlanRepository plans;
  @Inject SecurityIdentity identity;

  @POST
  @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Submit a plan (YAML); 400 with every error (path and reason) if it is invalid")
  @APIResponse(responseCode = "201", description = "the stored plan",
      content = @Content(schema = @Schema(implementation = PlanSummary.class)))
  public Response submit(String yaml) {
    String by = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    try {
      return Response.status(201).entity(PlanSummary.of(plans.submit(yaml, by))).build();
    } catch (InvalidPlanException e) {
      return invalid(400, e);
    } catch (PlanRepository.PlanExists e) {
      throw new RequestRefused(409, "PLAN_EXISTS", e.getMessage());
    }
  }

  @GET
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Every plan, by name")
  public List<PlanSummary> list() {
    return plans.list().stream().map(PlanSummary::of).toList();
  }

  @GET
  @Path("{name}/preview")
  @Blocking
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Dry run: resources that would be applied, translations, warnings (nothing is applied)")
  @APIResponse(responseCode = "200", description = "the dry run",
      content = @Content(schema = @Schema(implementation = PlanPreviewView.class)))
  public Response preview(@PathParam("name") String name) {
    PlanRepository.Preview p;
    try {
      p = plans.preview(name);
    } catch (PlanRepository.PlanNotFound e) {
      throw new RequestRefused(404, "PLAN_NOT_FOUND", e.getMessage());
    } catch (PlanRepository.StoredPlanInvalid e) {
      return invalid(422, e.errors());
    } catch (PlanRepository.SourceNotDiscovered e) {
      throw new RequestRefused(409, "SOURCE_NOT_DISCOVERED", e.getMessage());
    } catch (InvalidPlanException e) {
      return invalid(422, e);
    }
    return Response.ok(PlanPreviewView.of(p)).build();
  }

  private static Response invalid(int status, InvalidPlanException e) {
    return ProblemMappers.refusal(status, e, null);
  }

}

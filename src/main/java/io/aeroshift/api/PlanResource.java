package io.aeroshift.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeroshift.api.security.Roles;
import io.aeroshift.planning.InvalidPlanException;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.plans.PlanRepository;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject PlanRepository plans;
  @Inject SecurityIdentity identity;

  @POST
  @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Submit a plan (YAML); 400 with every error (path and reason) if it is invalid")
  public Response submit(String yaml) {
    String by = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    try {
      return Response.status(201).entity(summary(plans.submit(yaml, by))).build();
    } catch (InvalidPlanException e) {
      return invalid(400, e);
    } catch (PlanRepository.PlanExists e) {
      throw new ApiException(409, "PLAN_EXISTS", e.getMessage());
    }
  }

  @GET
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Every plan, by name")
  public List<Map<String, Object>> list() {
    return plans.list().stream().map(PlanResource::summary).toList();
  }

  @GET
  @Path("{name}/preview")
  @Blocking
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Dry run: resources that would be applied, translations, warnings (nothing is applied)")
  public Response preview(@PathParam("name") String name) {
    PlanRepository.Preview p;
    try {
      p = plans.preview(name);
    } catch (PlanRepository.PlanNotFound e) {
      throw new ApiException(404, "PLAN_NOT_FOUND", e.getMessage());
    } catch (PlanRepository.StoredPlanInvalid e) {
      return invalid(422, e.errors());
    } catch (PlanRepository.SourceNotDiscovered e) {
      throw new ApiException(409, "SOURCE_NOT_DISCOVERED", e.getMessage());
    } catch (InvalidPlanException e) {
      return invalid(422, e);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    List<Object> resources = new ArrayList<>();
    p.compiled().resources().forEach(r -> resources.add(JSON.valueToTree(r)));
    body.put("plan", p.plan().name());
    body.put("sourceSnapshotVersion", p.snapshot().version());
    body.put("resources", resources);
    body.put("translations", p.compiled().translations());
    body.put("warnings", p.compiled().warnings());
    body.put("references", p.compiled().references());
    body.put("capacity", p.compiled().capacity());
    return Response.ok(body).build();
  }

  private static Response invalid(int status, InvalidPlanException e) {
    return ProblemMappers.invalidPlan(status, e, null);
  }

  private static Map<String, Object> summary(MigrationPlan p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("team", p.team());
    m.put("sourceCluster", p.source().cluster());
    m.put("wave", p.wave());
    m.put("copyMode", p.copy().mode());
    m.put("targetNamespace", p.target().kubernetesNamespace());
    m.put("targetCluster", p.target().clusterName());
    m.put("image", p.target().image());
    return m;
  }
}

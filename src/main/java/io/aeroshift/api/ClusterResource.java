package io.aeroshift.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeroshift.api.security.Roles;
import io.aeroshift.api.security.TeamAccess;
import io.aeroshift.inventory.ClusterEntry;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.inventory.Origin;
import io.aeroshift.inventory.RegisteredCluster;
import io.aeroshift.outcome.RequestRefused;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

/** Source-cluster inventory: {@code /api/v1/clusters}. */
@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "clusters", description = "source-cluster inventory")
public class ClusterResource {
  @Inject Inventory inventory;
  @Inject SecurityIdentity identity;
  @Inject ObjectMapper json;

  @POST
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER})
  @Operation(summary = "Register a source cluster (credentials are a reference, never a password)")
  @APIResponse(responseCode = "201", description = "the registered cluster",
      content = @Content(schema = @Schema(implementation = ClusterView.class)))
  public Response create(ClusterRequest body, @jakarta.ws.rs.core.Context UriInfo uri) {
    ClusterEntry entry = requireBody(body).toEntry(null, json);
    try (LogContext ignored = LogContext.cluster(entry.name())) {
      TeamAccess.requireAct(identity, entry.team(), "register a cluster for team " + entry.team());
      RegisteredCluster c = inventory.create(entry, Origin.API);
      return Response.created(uri.getAbsolutePathBuilder().path(c.name()).build()).entity(ClusterView.of(c)).build();
    }
  }

  @GET
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "List registered source clusters")
  public List<ClusterView> list() {
    return inventory.list().stream().map(ClusterView::of).toList();
  }

  @GET
  @Path("{name}")
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Read one registered source cluster")
  public ClusterView get(@PathParam("name") String name) {
    return ClusterView.of(inventory.get(name));
  }

  @PUT
  @Path("{name}")
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER})
  @Operation(summary = "Replace a source cluster's entry (creates it when absent)")
  @APIResponse(responseCode = "200", description = "the replaced entry",
      content = @Content(schema = @Schema(implementation = ClusterView.class)))
  @APIResponse(responseCode = "201", description = "the entry, created",
      content = @Content(schema = @Schema(implementation = ClusterView.class)))
  public Response put(@PathParam("name") String name, ClusterRequest body, @jakarta.ws.rs.core.Context UriInfo uri) {
    requireBody(body);
    if (body.name() != null && !body.name().equals(name)) {
      throw new RequestRefused(400, "INVALID_REQUEST", "name in the body ('" + body.name() + "') differs from the path ('" + name + "')");
    }
    ClusterEntry entry = body.toEntry(name, json);
    try (LogContext ignored = LogContext.cluster(name)) {
      TeamAccess.requireAct(identity, entry.team(), "assign a cluster to team " + entry.team());
      Optional<RegisteredCluster> existing = inventory.find(name);
      if (existing.isEmpty()) {
        RegisteredCluster c = inventory.create(entry, Origin.API);
        return Response.created(uri.getAbsolutePath()).entity(ClusterView.of(c)).build();
      }
      TeamAccess.requireAct(identity, existing.get().team(), "change cluster " + name);
      return Response.ok(ClusterView.of(inventory.replace(entry, Origin.API))).build();
    }
  }

  @DELETE
  @Path("{name}")
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER})
  @Operation(summary = "Unregister a source cluster and drop its snapshots")
  @APIResponse(responseCode = "204", description = "removed")
  public Response delete(@PathParam("name") String name) {
    try (LogContext ignored = LogContext.cluster(name)) {
      TeamAccess.requireAct(identity, inventory.get(name).team(), "remove cluster " + name);
      inventory.delete(name);
      return Response.noContent().build();
    }
  }

  private static ClusterRequest requireBody(ClusterRequest body) {
    if (body == null) {
      throw new RequestRefused(400, "INVALID_REQUEST", "request body missing");
    }
    return body;
  }
}

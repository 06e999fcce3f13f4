package io.aeroshift.api;

import io.aeroshift.api.security.Roles;
import io.aeroshift.api.security.TeamAccess;
import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.discovery.SnapshotDiff;
import io.aeroshift.discovery.SnapshotStore;
import io.aeroshift.discovery.SnapshotSummary;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.outcome.RequestRefused;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Discovery runs and snapshots: {@code /api/v1/clusters/{name}/discoveries}. */
@Path("/api/v1/clusters/{name}/discoveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "discovery", description = "discovery runs and their versioned snapshots")
public class DiscoveryResource {
  @Inject DiscoveryService discovery;
  @Inject SnapshotStore snapshots;
  @Inject Inventory inventory;
  @Inject SecurityIdentity identity;

  @POST
  @Blocking
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER})
  @Operation(summary = "Discover the cluster now; returns the stored snapshot (partial=true when some node could not be read)")
  @APIResponse(responseCode = "201", description = "the stored snapshot",
      content = @Content(schema = @Schema(implementation = ClusterSnapshot.class)))
  public Response discover(@PathParam("name") String name, @Context UriInfo uri) {
    try (LogContext ignored = LogContext.cluster(name)) {
      TeamAccess.requireAct(identity, inventory.get(name).team(), "run discovery of cluster " + name);
      ClusterSnapshot s = discovery.discover(name);
      return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(s.version())).build()).entity(s).build();
    }
  }

  @GET
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "List the snapshots of a cluster, oldest first")
  public List<SnapshotSummary> list(@PathParam("name") String name) {
    inventory.get(name);
    return snapshots.list(name);
  }

  @GET
  @Path("latest")
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "The newest snapshot")
  public ClusterSnapshot latest(@PathParam("name") String name) {
    inventory.get(name);
    return snapshots.latest(name).orElseThrow(() ->
        new RequestRefused(404, "SNAPSHOT_NOT_FOUND", "cluster " + name + " has not been discovered yet"));
  }

  @GET
  @Path("{version: \\d+}")
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "One snapshot by version")
  public ClusterSnapshot get(@PathParam("name") String name, @PathParam("version") int version) {
    inventory.get(name);
    return snapshot(name, version);
  }

  @GET
  @Path("diff")
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "What changed between two snapshots (defaults: to = latest, from = to - 1)")
  public SnapshotDiff diff(@PathParam("name") String name, @QueryParam("from") Integer from, @QueryParam("to") Integer to) {
    inventory.get(name);
    int newer = to != null ? to : snapshots.latest(name).map(ClusterSnapshot::version).orElseThrow(() ->
        new RequestRefused(404, "SNAPSHOT_NOT_FOUND", "cluster " + name + " has not been discovered yet"));
    int older = from != null ? from : newer - 1;
    return SnapshotDiff.between(snapshot(name, older), snapshot(name, newer));
  }

  private ClusterSnapshot snapshot(String name, int version) {
    return snapshots.get(name, version).orElseThrow(() ->
        new RequestRefused(404, "SNAPSHOT_NOT_FOUND", "cluster " + name + " has no snapshot version " + version));
  }
}

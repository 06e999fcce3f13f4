package io.aeroshift.api;

import io.aeroshift.api.security.Roles;
import io.aeroshift.api.security.TeamAccess;
import io.aeroshift.inventory.ClusterEntry;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.inventory.InventoryParser;
import io.aeroshift.inventory.Origin;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Bulk registration from an inventory YAML document: {@code /api/v1/inventory}. */
@Path("/api/v1/inventory")
@Tag(name = "clusters")
public class InventoryResource {
  @Inject Inventory inventory;
  @Inject SecurityIdentity identity;

  @POST
  @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER})
  @Operation(summary = "Import an inventory YAML document: every entry stored, or none (422 with path, line and reason)")
  public List<ClusterView> importYaml(String yaml) {
    String source = "request body";
    for (ClusterEntry e : InventoryParser.parse(source, yaml == null ? "" : yaml)) {
      TeamAccess.requireAct(identity, e.team(), "import cluster " + e.name() + " of team " + e.team());
      inventory.find(e.name()).ifPresent(existing ->
          TeamAccess.requireAct(identity, existing.team(), "replace cluster " + e.name()));
    }
    return inventory.importAll(source, yaml, Origin.INVENTORY).stream().map(ClusterView::of).toList();
  }
}

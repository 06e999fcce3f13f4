package io.aeroshift.api;

import io.aeroshift.api.security.Roles;
import io.aeroshift.api.security.TeamAccess;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who the caller is, for the dashboard to show the actions the service will accept from it (the
 * service checks every command again: this only spares the user buttons that would be refused).
 */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "me", description = "the signed-in user")
public class MeResource {
  @Inject SecurityIdentity identity;

  /** The signed-in user: name, the service's roles it holds, the teams it owns. */
  public record CurrentUser(String user, List<String> roles, List<String> teams) {}

  @GET
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "the signed-in user, its roles and the teams it owns")
  public CurrentUser me() {
    List<String> roles = Stream.of(Roles.ENGINEER, Roles.OWNER, Roles.VIEWER).filter(identity::hasRole).toList();
    return new CurrentUser(identity.getPrincipal().getName(), roles, List.copyOf(TeamAccess.teamsOf(identity)));
  }
}

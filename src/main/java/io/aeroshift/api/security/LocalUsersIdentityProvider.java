package io.aeroshift.api.security;

import io.aeroshift.inventory.InventoryRules;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * The documented local users of the embedded default (HTTP basic; password = user name):
 * {@code engineer} (role engineer), {@code viewer} (role viewer) and, for every team,
 * {@code owner-<team>} (role owner, acting for that team only). Any team name works, so teams
 * added to the inventory later get their owner without a restart.
 *
 * <p>Off when {@code aeroshift.security.local-users.enabled=false} (the postgres profile), where
 * a properties-file realm or OIDC provides identities instead.
 */
@ApplicationScoped
public class LocalUsersIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

  @Inject LocalUsersConfig config;

  @Override
  public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
    return UsernamePasswordAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
    if (!config.enabled()) {
      return Uni.createFrom().nullItem();
    }
    String user = request.getUsername();
    String password = new String(request.getPassword().getPassword());
    if (!MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8))) {
      return Uni.createFrom().failure(new AuthenticationFailedException());
    }
    QuarkusSecurityIdentity.Builder id = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user));
    if (user.equals(Roles.ENGINEER)) {
      id.addRole(Roles.ENGINEER);
    } else if (user.equals(Roles.VIEWER)) {
      id.addRole(Roles.VIEWER);
    } else if (user.startsWith(Roles.OWNER_USER_PREFIX)
        && InventoryRules.NAME.matcher(user.substring(Roles.OWNER_USER_PREFIX.length())).matches()) {
      String team = user.substring(Roles.OWNER_USER_PREFIX.length());
      id.addRole(Roles.OWNER).addRole(Roles.TEAM_ROLE_PREFIX + team).addAttribute(Roles.TEAM_ATTRIBUTE, team);
    } else {
      return Uni.createFrom().failure(new AuthenticationFailedException());
    }
    return Uni.createFrom().item(id.build());
  }
}

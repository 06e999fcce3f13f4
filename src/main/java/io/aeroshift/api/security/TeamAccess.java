package io.aeroshift.api.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may act on a team's clusters: any engineer; an owner only for its own teams. Reading
 * clusters is open to every authenticated role; reading runs (copies, validations) is
 * {@link #mayReadRuns}.
 */
public final class TeamAccess {
  private TeamAccess() {}

  /**
   * The teams an identity owns: roles {@code team:<team>}, the {@link Roles#TEAM_ATTRIBUTE}
   * attribute, and for role {@code owner} a user name {@code owner-<team>}.
   */
  public static Set<String> teamsOf(SecurityIdentity id) {
    Set<String> teams = new TreeSet<>();
    for (String role : id.getRoles()) {
      if (role.startsWith(Roles.TEAM_ROLE_PREFIX)) {
        teams.add(role.substring(Roles.TEAM_ROLE_PREFIX.length()));
      }
    }
    Object attr = id.getAttribute(Roles.TEAM_ATTRIBUTE);
    if (attr instanceof String) {
      teams.add((String) attr);
    }
    String name = id.getPrincipal() == null ? null : id.getPrincipal().getName();
    if (id.hasRole(Roles.OWNER) && name != null && name.startsWith(Roles.OWNER_USER_PREFIX)) {
      teams.add(name.substring(Roles.OWNER_USER_PREFIX.length()));
    }
    return teams;
  }

  /** True when {@code id} may change or operate the clusters of {@code team}. */
  public static boolean mayAct(SecurityIdentity id, String team) {
    if (id.hasRole(Roles.ENGINEER)) {
      return true;
    }
    return id.hasRole(Roles.OWNER) && teamsOf(id).contains(team);
  }

  /**
   * True when {@code id} may read the runs (copies, validations) of {@code team}'s clusters:
   * engineers and viewers read every run, an owner only its own teams'.
   */
  public static boolean mayReadRuns(SecurityIdentity id, String team) {
    return id.hasRole(Roles.VIEWER) || mayAct(id, team);
  }

  /** Throws 403 unless {@link #mayReadRuns}. */
  public static void requireReadRuns(SecurityIdentity id, String team, String what) {
    if (!id.hasRole(Roles.VIEWER)) {
      requireAct(id, team, what);
    }
  }

  /** Throws 403 unless {@link #mayAct}. */
  public static void requireAct(SecurityIdentity id, String team, String what) {
    if (!mayAct(id, team)) {
      String who = id.getPrincipal() == null ? "anonymous" : id.getPrincipal().getName();
      throw new ForbiddenException(who + " may not " + what + ": it belongs to team '" + team + "'");
    }
  }
}

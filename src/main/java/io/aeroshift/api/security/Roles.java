package io.aeroshift.api.security;

/** The roles of the service. */
public final class Roles {
  /** migration engineer: registers clusters, runs discovery, plans, runs migrations (all teams) */
  public static final String ENGINEER = "engineer";
  /** team owner: reads everything, acts only on its own team's clusters (approve, reject, discover) */
  public static final String OWNER = "owner";
  /** dashboard / on-call: reads everything, changes nothing */
  public static final String VIEWER = "viewer";
  /** Prefix of the user names of local owners: {@code owner-<team>}. */
  public static final String OWNER_USER_PREFIX = "owner-";
  /** Prefix of roles that name a team, for identities from a properties file or OIDC groups: {@code team:<team>}. */
  public static final String TEAM_ROLE_PREFIX = "team:";
  /** Security-identity attribute holding the owner's team. */
  public static final String TEAM_ATTRIBUTE = "aeroshift.team";

  private Roles() {}
}

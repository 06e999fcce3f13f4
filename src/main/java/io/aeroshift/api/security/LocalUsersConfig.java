package io.aeroshift.api.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code aeroshift.security.local-users.*}: the embedded default's documented users. */
@ConfigMapping(prefix = "aeroshift.security.local-users")
public interface LocalUsersConfig {
  /** On in the embedded default, off in the postgres profile (a realm or OIDC provides identities). */
  @WithDefault("true")
  boolean enabled();
}

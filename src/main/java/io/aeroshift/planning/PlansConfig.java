package io.aeroshift.planning;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code aeroshift.plans.*}. */
@ConfigMapping(prefix = "aeroshift.plans")
public interface PlansConfig {
  /** The plan folder always listed by the API ({@code bin/aeroshift} sets the checkout's). */
  @WithDefault("migration-plans")
  String dir();
}

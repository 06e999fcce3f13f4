package io.aeroshift.validation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code aeroshift.validators.*}: the suite folder that plans are checked against (a plan naming
 * a suite that is not there is refused). {@code bin/aeroshift} sets the checkout's.
 */
@ConfigMapping(prefix = "aeroshift.validators")
public interface ValidatorsConfig {
  @WithDefault("validators")
  String dir();
}

package io.aeroshift.validation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code aeroshift.validation.*}: validation runs of the service. */
@ConfigMapping(prefix = "aeroshift.validation")
public interface ValidationConfig {
  /** How long a synchronous validation request may run before it fails with 504. */
  @WithDefault("PT30M")
  Duration timeout();

  /** Where the service reads suites; unset: the nearest {@code validators/} directory. */
  Optional<String> suitesDir();
}

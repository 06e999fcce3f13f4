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

  /**
   * How long a synchronous {@code POST /api/v1/validations} waits for its run before it answers
   * 202 with a Location (the run goes on; {@link #timeout()} is then its deadline).
   */
  @WithDefault("PT30S")
  Duration syncWait();

  /** Where the service reads suites; unset: the nearest {@code validators/} directory. */
  Optional<String> suitesDir();
}

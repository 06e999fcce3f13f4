package io.aeroshift.discovery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code aeroshift.discovery.*} settings. */
@ConfigMapping(prefix = "aeroshift.discovery")
public interface DiscoveryConfig {
  /** Connect, login and per-info-command timeout. */
  @WithDefault("2s")
  Duration timeout();

  /** Time between the two samples of the read/write counters the rates come from (0 = no rates). */
  @WithDefault("1s")
  Duration rateSampleInterval();
}

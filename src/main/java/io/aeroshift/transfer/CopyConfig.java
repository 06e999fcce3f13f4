package io.aeroshift.transfer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code aeroshift.copy.*}: how the service copies (names are a contract: README "Configuration"). */
@ConfigMapping(prefix = "aeroshift.copy")
public interface CopyConfig {
  /** Subtracted from the previous pass's start in a catch-up filter (clock skew between nodes). */
  @WithDefault("PT30S")
  Duration skewMargin();

  /** Partition scans in flight per run (the engine's worker threads). */
  @WithDefault("16")
  int maxScans();

  /** Partition scans in flight per source node. */
  @WithDefault("4")
  int scansPerNode();

  /** Target writes in flight per run. */
  @WithDefault("16")
  int writeConcurrency();
}

package io.aeroshift.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the job runner ({@code aeroshift.jobs.*}). */
@ConfigMapping(prefix = "aeroshift.jobs")
public interface JobsConfig {
  /** A run that makes no progress (records, partitions) for this long fails with reason STALLED; 0 = never. */
  @WithDefault("PT10M")
  Duration stallLimit();
}

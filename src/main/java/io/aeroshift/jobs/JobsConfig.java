package io.aeroshift.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the job runner ({@code aeroshift.jobs.*}). */
@ConfigMapping(prefix = "aeroshift.jobs")
public interface JobsConfig {
  /** A run that makes no progress (records, partitions) for this long fails with reason STALLED; 0 = never. */
  @WithDefault("PT10M")
  Duration stallLimit();

  /**
   * How long the lease of a run lasts without being renewed (renewed three times per lease while
   * the run works): a replica that dies has its runs taken over by another this long after its
   * last renewal. Replicas look for runs to take over as often as they renew.
   */
  @WithDefault("PT30S")
  Duration leaseTtl();

  /**
   * Base of a relative {@code backup.dir} in a copy request; unset: relative directories are refused
   * (the service's working directory is no place anyone chose).
   */
  Optional<String> backupBaseDir();

  /**
   * The directories a copy request's {@code backup.dir} must lie in, links followed (a relative
   * {@code backup.dir} too, once taken inside the base directory); unset: any directory but the
   * kernel's pseudo file systems. Set it wherever requesters should not choose where the service
   * writes files.
   */
  Optional<List<String>> backupRoots();
}

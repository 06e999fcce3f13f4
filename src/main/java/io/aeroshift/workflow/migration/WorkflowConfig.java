package io.aeroshift.workflow.migration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** {@code aeroshift.workflow.*}: the reconciler's rhythm, leases and limits (docs/workflow.md). */
@ConfigMapping(prefix = "aeroshift.workflow")
public interface WorkflowConfig {
  /** Off in the test profile: tests drive their own reconcilers. */
  @WithName("reconciler.enabled")
  @WithDefault("true")
  boolean reconcilerEnabled();

  /** How often running jobs are looked at. */
  @WithDefault("PT1S")
  Duration poll();

  /** How long a lease on a migration lasts unless renewed (another replica takes over after it). */
  @WithDefault("PT30S")
  Duration leaseTtl();

  /** Delta passes without reaching the plan's lag before the migration fails as STALLED. */
  @WithDefault("20")
  int maxCatchUpPasses();

  /** How long provisioning may take before the migration fails as PROVISIONING_FAILED. */
  @WithDefault("PT15M")
  Duration provisioningTimeout();

  /**
   * Where BACKUP_RESTORE migrations write their asbackup files, one directory per copy run (a
   * volume in Kubernetes). Unset: {@code aeroshift-workflow-backups} in the temporary directory.
   */
  Optional<String> backupDir();

  /** Read by the scheduler expression {@code ${aeroshift.workflow.tick}}; declared so the mapping knows it. */
  @WithDefault("1s")
  String tick();
}

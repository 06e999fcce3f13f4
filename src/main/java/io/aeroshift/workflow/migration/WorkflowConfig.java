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

  /**
   * The service's reconciler waits for a Kubernetes client installed with
   * {@link WorkflowRuntime#useKubernetes} (the embedded demo's mock API server) instead of starting
   * on the application's: on when the demo runs, so no round acts on a restarted demo's migrations
   * against another API server.
   */
  @WithName("reconciler.await-installed-kubernetes")
  @WithDefault("false")
  boolean awaitInstalledKubernetes();

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

  /** How long one client switch may take (rollouts, webhook retries, a manual confirmation). */
  @WithName("cutover.switch-timeout")
  @WithDefault("PT10M")
  Duration cutoverSwitchTimeout();

  /** Final delta passes at cutover that may miss the plan's lag before the cutover fails as STALLED. */
  @WithName("cutover.final-delta-passes")
  @WithDefault("5")
  int cutoverFinalDeltaPasses();

  /** The longest a drain waits for the source to go quiet before it fails as DEADLINE_EXCEEDED. */
  @WithName("cutover.drain-max-duration")
  @WithDefault("PT24H")
  Duration cutoverDrainMaxDuration();

  /** The pause between two drain rounds (catch-up pass and a sample of the source's counters). */
  @WithName("cutover.drain-pause")
  @WithDefault("PT0.5S")
  Duration cutoverDrainPause();

  /** One webhook call's timeout (the switch timeout bounds the retries). */
  @WithName("cutover.webhook-attempt-timeout")
  @WithDefault("PT10S")
  Duration cutoverWebhookAttemptTimeout();

  /** Read by the scheduler expression {@code ${aeroshift.workflow.tick}}; declared so the mapping knows it. */
  @WithDefault("1s")
  String tick();
}

package io.aeroshift.planning;

import java.util.List;

/**
 * One migration, as an engineer writes it in {@code migration-plans/<name>.yaml}: which Community
 * cluster moves, where the Enterprise cluster goes, how the data is copied, validated and cut over.
 * The planner adds the figures (size, storage, translated config); this record holds only choices.
 *
 * @param name plan name (DNS-1123 label), unique among plans
 * @param source the registered source cluster
 * @param team owning team; only its owners may approve the cutover
 * @param owners people who may approve (at least one)
 * @param wave the wave this migration runs in
 * @param target the Enterprise cluster to create under AKO
 * @param copy copy mode and rate limits
 * @param validation which validation suite from {@code validators/} decides the evidence
 * @param cutover how clients are switched and when that is allowed
 * @param licence the acknowledgement that CE and EE run side by side during the migration (null
 *     when the plan does not carry one: a warning, not an error)
 * @param sizing headroom and growth rules for the planner
 */
public record MigrationPlan(
    String name,
    SourceRef source,
    String team,
    List<String> owners,
    String wave,
    TargetSpec target,
    CopySpec copy,
    ValidationSpec validation,
    CutoverSpec cutover,
    LicenceAcknowledgement licence,
    SizingOptions sizing) {

  public MigrationPlan {
    owners = List.copyOf(owners);
  }

  /** The source cluster by its inventory name. */
  public record SourceRef(String cluster) {}

  /**
   * The Enterprise cluster.
   *
   * @param kubernetesNamespace Kubernetes namespace the AerospikeCluster lives in
   * @param clusterName the AerospikeCluster name; AKO forces the server's {@code cluster-name} to it
   * @param image an Enterprise server image whose X.Y.Z has a config schema (7.0.0, 7.2.0, 8.0.0, 8.1.1)
   * @param storageClass Kubernetes storage class for every persistent volume
   * @param featureKeySecret Secret holding {@code features.conf}, mounted at /etc/aerospike/secret
   * @param authSecret Secret holding the {@code admin} user's {@code password} (used when security is on)
   * @param features Enterprise features switched on in the target
   */
  public record TargetSpec(
      String kubernetesNamespace,
      String clusterName,
      String image,
      String storageClass,
      String featureKeySecret,
      String authSecret,
      Features features) {}

  /**
   * Enterprise features the target turns on. Each one left off is a plan warning.
   *
   * @param security access control (users and roles; an {@code admin} user from {@code authSecret})
   * @param tls TLS on the service port (not rendered by this version: a plan asking for it is rejected)
   * @param strongConsistency SC namespaces (only for namespaces on persistent storage)
   * @param durableDeletes clients will send durable deletes (tombstones); informational for the plan
   */
  public record Features(boolean security, boolean tls, boolean strongConsistency, boolean durableDeletes) {
    public static final Features NONE = new Features(false, false, false, false);
  }

  /** How records are moved, and how fast at most. */
  public record CopySpec(CopyMode mode, RateLimits rateLimits) {}

  /**
   * Ceilings on the copy's load on the source, per migration.
   *
   * @param recordsPerSecond records read from the source per second
   * @param bytesPerSecond bytes read from the source per second
   */
  public record RateLimits(long recordsPerSecond, long bytesPerSecond) {}

  /** The validation suite (a file name in {@code validators/} without extension). */
  public record ValidationSpec(String suite) {}

  /**
   * How clients move to the target, and the thresholds that allow it.
   *
   * @param method configmap, secret, webhook or manual
   * @param maxLagSeconds the catch-up lag (seconds of source writes not yet on the target) under which
   *     cutover may start
   * @param drainQuietPeriodSeconds how long the source's writes and client connections must stay at
   *     zero before the drain ends
   * @param validationMaxAgeMinutes an approval goes stale when the validation it relied on is older
   * @param configMap the ConfigMap holding the clients' seed list (method configmap only)
   * @param webhook the team's config service (method webhook only)
   * @param secret the Secret holding the clients' seed list (method secret only; the same fields as configMap)
   * @param rollbackOnValidationFailure roll back by itself when the final validation after the drain fails
   *     (default false: the migration fails with DATA_MISMATCH and waits for retry or rollback)
   */
  public record CutoverSpec(
      CutoverMethod method,
      long maxLagSeconds,
      long drainQuietPeriodSeconds,
      long validationMaxAgeMinutes,
      ConfigMapSwitch configMap,
      WebhookSwitch webhook,
      ConfigMapSwitch secret,
      boolean rollbackOnValidationFailure) {

    public CutoverSpec(CutoverMethod method, long maxLagSeconds, long drainQuietPeriodSeconds,
        long validationMaxAgeMinutes, ConfigMapSwitch configMap, WebhookSwitch webhook) {
      this(method, maxLagSeconds, drainQuietPeriodSeconds, validationMaxAgeMinutes, configMap, webhook, null, false);
    }

    /** The Kubernetes object key holding the seed list: the ConfigMap's or the Secret's; null for other methods. */
    public ConfigMapSwitch seedList() {
      return method == CutoverMethod.SECRET ? secret : configMap;
    }
  }

  /**
   * A seed list kept in a ConfigMap key, with the workloads to restart after it changes.
   *
   * @param name ConfigMap name (in {@code kubernetesNamespace} unless {@code namespace} says otherwise)
   * @param namespace Kubernetes namespace of the ConfigMap and workloads (null: the target's)
   * @param key the key holding the seeds
   * @param restart workloads to roll, as {@code deployment/<name>} or {@code statefulset/<name>}
   */
  public record ConfigMapSwitch(String name, String namespace, String key, List<String> restart) {
    public ConfigMapSwitch {
      restart = restart == null ? List.of() : List.copyOf(restart);
    }
  }

  /** The team's config-service endpoint that receives the new seed list. */
  public record WebhookSwitch(String url) {}

  /**
   * The Aerospike licence condition: running Community and Enterprise side by side during the
   * migration needs an explicit acknowledgement by a named person.
   *
   * @param sideBySideAcknowledged true once someone accepted the condition
   * @param acknowledgedBy who accepted it
   */
  public record LicenceAcknowledgement(boolean sideBySideAcknowledged, String acknowledgedBy) {}

  /**
   * Sizing rules.
   *
   * @param growthPct expected data growth over the cluster's planning horizon, added to today's use
   * @param headroomPct share of each capacity kept free after growth (memory and disk)
   * @param racks racks to spread the nodes over (1 = the default rack)
   * @param minNodes lower bound on the node count (0: the planner decides)
   */
  public record SizingOptions(int growthPct, int headroomPct, int racks, int minNodes) {
    public static final SizingOptions DEFAULT = new SizingOptions(20, 30, 1, 0);
  }
}

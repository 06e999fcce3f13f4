package io.aeroshift.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a validation run was asked to do, checked before it was accepted. No secret in it: the
 * clusters are reached through their inventory entry (or plain seeds) when the run connects, also
 * when it is resumed after a restart.
 *
 * @param id run id (also the validation report's run id)
 * @param source registered source cluster
 * @param sourceTeam the source's team: its owners may read the run
 * @param targetCluster registered target, or null when {@code targetSeeds} are given
 * @param targetSeeds target seeds (no credentials), or null
 * @param namespace namespace to validate
 * @param suite suite name in {@code validators/}
 * @param hash the record hash of the checksums by label ({@code xxh3-128}, {@code sha-256}); null: the suite's
 * @param resultScope the scope the results are stored under (a migration id), or null for the
 *     one-off scope {@code source->target/namespace}
 * @param createdBy who asked
 * @param createdAt when
 */
public record ValidationRunSpec(
    String id,
    String source,
    String sourceTeam,
    String targetCluster,
    List<String> targetSeeds,
    String namespace,
    String suite,
    String hash,
    String resultScope,
    String createdBy,
    Instant createdAt) {

  public ValidationRunSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(createdAt, "createdAt");
    targetSeeds = TargetRef.checkedSeeds(targetCluster, targetSeeds);
  }

  /** A run with the suite's record hash. */
  public ValidationRunSpec(String id, String source, String sourceTeam, String targetCluster, List<String> targetSeeds,
      String namespace, String suite, String resultScope, String createdBy, Instant createdAt) {
    this(id, source, sourceTeam, targetCluster, targetSeeds, namespace, suite, null, resultScope, createdBy, createdAt);
  }

  /** The target as shown: its registered name or its seeds joined by commas. */
  public String target() {
    return TargetRef.shown(targetCluster, targetSeeds);
  }

  /** The scope the results are stored under: the given one, else {@code source->target/namespace}. */
  public String storedScope() {
    return resultScope != null ? resultScope : source + "->" + target() + "/" + namespace;
  }

  /** Where the run reads: at most one active validation per target namespace. */
  public RunScope scope() {
    return new RunScope(target(), namespace);
  }
}

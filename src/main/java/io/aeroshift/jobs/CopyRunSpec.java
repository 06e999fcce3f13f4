package io.aeroshift.jobs;

import io.aeroshift.planning.CopyMode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a copy run was asked to do, checked before it was accepted. Immutable; no secret in it
 * (registered clusters are reached through their inventory entry, whose password is read when
 * the run connects).
 *
 * @param id run id (also the copy engine's migration id for checkpoints)
 * @param source registered source cluster
 * @param sourceTeam the source's team: its owners may read the run
 * @param targetCluster registered target, or null when {@code targetSeeds} are given
 * @param targetSeeds target seeds (no credentials), or null
 * @param namespace namespace to copy
 * @param set set filter, or null for the whole namespace
 * @param mode SCAN_COPY, BACKUP_RESTORE or XDR
 * @param recordsPerSecond initial records/s limit, 0 = unlimited
 * @param bytesPerSecond initial bytes/s limit, 0 = unlimited
 * @param backup files of a BACKUP_RESTORE run, null otherwise
 * @param plan the plan the mode and limits came from, or null
 * @param createdBy who asked
 * @param createdAt when
 * @param xdr how an XDR run ships, null for the other modes
 * @param step the part of a migration this run is, or null for a run asked through the API
 */
public record CopyRunSpec(
    String id,
    String source,
    String sourceTeam,
    String targetCluster,
    List<String> targetSeeds,
    String namespace,
    String set,
    CopyMode mode,
    long recordsPerSecond,
    long bytesPerSecond,
    BackupSpec backup,
    String plan,
    String createdBy,
    Instant createdAt,
    XdrSpec xdr,
    MigrationStep step) {

  /**
   * A run the migration workflow owns. Its checkpoints live under the migration's scope (shared by
   * the full copy and every delta pass, so a delta pass copies what changed since the pass before,
   * and a retried attempt keeps the partitions already copied); its reconciler resumes it under the
   * migration's lease (not the service's startup, which would not know the migration's target).
   *
   * @param migration the migration's id
   * @param checkpoints the copy engine's checkpoint scope ({@code <migration>/<namespace>})
   * @param deltaOnly true for one delta pass (catch-up then delete reconciliation, no full copy)
   */
  public record MigrationStep(String migration, String checkpoints, boolean deltaOnly) {
    public MigrationStep {
      Objects.requireNonNull(migration, "migration");
      Objects.requireNonNull(checkpoints, "checkpoints");
    }
  }

  /** A run asked through the API with XDR settings (or null). */
  public CopyRunSpec(String id, String source, String sourceTeam, String targetCluster, List<String> targetSeeds,
      String namespace, String set, CopyMode mode, long recordsPerSecond, long bytesPerSecond, BackupSpec backup,
      String plan, String createdBy, Instant createdAt, XdrSpec xdr) {
    this(id, source, sourceTeam, targetCluster, targetSeeds, namespace, set, mode, recordsPerSecond, bytesPerSecond,
        backup, plan, createdBy, createdAt, xdr, null);
  }

  /** A SCAN_COPY or BACKUP_RESTORE run (no XDR settings). */
  public CopyRunSpec(String id, String source, String sourceTeam, String targetCluster, List<String> targetSeeds,
      String namespace, String set, CopyMode mode, long recordsPerSecond, long bytesPerSecond, BackupSpec backup,
      String plan, String createdBy, Instant createdAt) {
    this(id, source, sourceTeam, targetCluster, targetSeeds, namespace, set, mode, recordsPerSecond, bytesPerSecond,
        backup, plan, createdBy, createdAt, null);
  }

  public CopyRunSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(mode, "mode");
    targetSeeds = TargetRef.checkedSeeds(targetCluster, targetSeeds);
    if ((mode == CopyMode.BACKUP_RESTORE) != (backup != null)) {
      throw new IllegalArgumentException("backup files are given exactly for BACKUP_RESTORE");
    }
    if ((mode == CopyMode.XDR) != (xdr != null)) {
      throw new IllegalArgumentException("XDR settings are given exactly for XDR");
    }
    if (mode == CopyMode.XDR && set != null) {
      throw new IllegalArgumentException("XDR ships whole namespaces; a set filter is not supported");
    }
  }

  /** The copy engine's checkpoint scope: the migration step's, else the run id. */
  public String checkpointScope() {
    return step != null ? step.checkpoints() : id;
  }

  /** True for a delta pass of a migration: no full copy (nor backup/restore), one catch-up and reconciliation. */
  public boolean deltaOnly() {
    return step != null && step.deltaOnly();
  }

  /** The migration whose reconciler owns the run, or null. */
  public String migration() {
    return step == null ? null : step.migration();
  }

  /** The target as shown: its registered name or its seeds joined by commas. */
  public String target() {
    return TargetRef.shown(targetCluster, targetSeeds);
  }
}

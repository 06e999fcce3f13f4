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
    XdrSpec xdr) {

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

  /** The target as shown: its registered name or its seeds joined by commas. */
  public String target() {
    return TargetRef.shown(targetCluster, targetSeeds);
  }
}

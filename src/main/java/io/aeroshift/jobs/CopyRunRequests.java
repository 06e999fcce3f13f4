package io.aeroshift.jobs;

import io.aeroshift.backup.AerospikeRestore;
import io.aeroshift.backup.AsbCompression;
import io.aeroshift.backup.AsbEncryption;
import io.aeroshift.backup.AsbEncryptionKey;
import io.aeroshift.inventory.CredentialRoots;
import io.aeroshift.inventory.CredentialsConfig;
import io.aeroshift.outcome.RequestRefused;
import io.aeroshift.planning.CopyMode;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.plans.PlanRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns a {@code POST /api/v1/copies} body into a checked {@link CopyRunSpec}: a plan's defaults
 * for what the request leaves out, the clusters resolved and reached, the backup directory usable
 * and empty, the key file readable (its content is never kept). Every refusal is a
 * {@link RequestRefused} naming the field.
 */
@ApplicationScoped
public class CopyRunRequests {
  private static final long DEFAULT_FILE_LIMIT_MIB = 250;

  @Inject PlanRepository plans;
  @Inject ClusterEndpoints clusters;
  @Inject JobsConfig jobs;
  @Inject CredentialsConfig credentials;

  /**
   * Checks a request completely (plan, clusters, namespace on both sides, mode, backup directory
   * and key, rate limits) and returns the run it asks for; nothing is started or stored.
   *
   * @param by who asks
   * @throws RequestRefused naming what is wrong and where
   */
  public CopyRunSpec check(CopyRequest r, String by) {
    if (r == null) {
      throw new RequestRefused(400, "INVALID_REQUEST", "request body is required: {source, target, namespace, mode}");
    }
    MigrationPlan plan = null;
    if (!blank(r.plan())) {
      try {
        plan = plans.plan(r.plan()).orElseThrow(() ->
            new RequestRefused(404, "PLAN_NOT_FOUND", "plan: no plan named '" + r.plan() + "'"));
      } catch (PlanRepository.StoredPlanInvalid e) {
        throw new RequestRefused(422, "INVALID_PLAN", e.getMessage() + ", see GET /api/v1/plans/" + r.plan() + "/preview");
      }
      if (!blank(r.source()) && !r.source().equals(plan.source().cluster())) {
        throw new RequestRefused(400, "INVALID_REQUEST", "source: '" + r.source() + "' is not the source of plan "
            + plan.name() + " (" + plan.source().cluster() + ")");
      }
    }
    String source = !blank(r.source()) ? r.source() : plan == null ? null : plan.source().cluster();
    if (blank(r.namespace())) {
      throw new RequestRefused(400, "INVALID_REQUEST", "namespace is required");
    }
    CopyMode mode = mode(r, plan);
    long records = limit("rateLimits.recordsPerSecond", r.rateLimits() != null ? r.rateLimits().recordsPerSecond()
        : plan != null && plan.copy().rateLimits() != null ? (Long) plan.copy().rateLimits().recordsPerSecond() : null);
    long bytes = limit("rateLimits.bytesPerSecond", r.rateLimits() != null ? r.rateLimits().bytesPerSecond()
        : plan != null && plan.copy().rateLimits() != null ? (Long) plan.copy().rateLimits().bytesPerSecond() : null);
    BackupSpec backup = backup(mode, r.backup(), jobs.backupBaseDir().filter(d -> !d.isBlank()).map(java.nio.file.Path::of),
        BackupLocation.roots(jobs.backupRoots()), CredentialRoots.of(credentials));
    ClusterEndpoints.Endpoints endpoints = clusters.resolve(source, r.target());
    clusters.requireReachable(endpoints, r.namespace());
    return new CopyRunSpec("copy-" + UUID.randomUUID(), endpoints.sourceName(), endpoints.sourceTeam(),
        endpoints.targetCluster(), endpoints.targetSeeds(), r.namespace(), blank(r.set()) ? null : r.set(), mode,
        records, bytes, backup, plan == null ? null : plan.name(), by, Instant.now());
  }

  private static CopyMode mode(CopyRequest r, MigrationPlan plan) {
    CopyMode mode;
    if (!blank(r.mode())) {
      mode = enumOf(CopyMode.class, "mode", r.mode());
    } else {
      mode = plan != null && plan.copy() != null && plan.copy().mode() != null ? plan.copy().mode() : CopyMode.SCAN_COPY;
    }
    if (mode == CopyMode.XDR) {
      throw new RequestRefused(422, "UNSUPPORTED_COPY_MODE", "mode: XDR is configured on the source, not run as a copy;"
          + " a copy run is SCAN_COPY or BACKUP_RESTORE" + (plan == null ? "" : " (plan " + plan.name() + " says XDR)"));
    }
    return mode;
  }

  /** The backup directory and codec of a BACKUP_RESTORE run, checked (usable, no earlier backup in it, key readable). */
  private static BackupSpec backup(CopyMode mode, CopyRequest.Backup b, java.util.Optional<java.nio.file.Path> baseDir,
      List<java.nio.file.Path> backupRoots, CredentialRoots roots) {
    if (mode != CopyMode.BACKUP_RESTORE) {
      if (b != null) {
        throw new RequestRefused(400, "INVALID_REQUEST", "backup: only a BACKUP_RESTORE run takes backup files, mode is " + mode);
      }
      return null;
    }
    if (b == null || blank(b.dir())) {
      throw new RequestRefused(400, "INVALID_REQUEST", "backup.dir is required for mode BACKUP_RESTORE");
    }
    String compress = null;
    if (!blank(b.compress())) {
      try {
        AsbCompression c = AsbCompression.parse(b.compress());
        compress = c == AsbCompression.NONE ? null : c.flag();
      } catch (IllegalArgumentException e) {
        throw new RequestRefused(400, "INVALID_REQUEST", "backup.compress: '" + b.compress() + "' is not zstd or gzip");
      }
    }
    String encrypt = null;
    java.nio.file.Path keyFile = null;
    if (!blank(b.encrypt())) {
      AsbEncryption e;
      try {
        e = AsbEncryption.parse(b.encrypt());
      } catch (IllegalArgumentException ex) {
        throw new RequestRefused(400, "INVALID_REQUEST", "backup.encrypt: '" + b.encrypt() + "' is not aes128 or aes256");
      }
      if (blank(b.keyFile())) {
        throw new RequestRefused(400, "INVALID_REQUEST", "backup.keyFile is required with backup.encrypt");
      }
      // only inside the secrets directory: a key file elsewhere would let a requester probe the
      // service's files through the answers (BACKUP_KEY_UNUSABLE quotes what reading found)
      keyFile = roots.secretFile("backup.keyFile", b.keyFile());
      try {
        AsbEncryptionKey.fromPemFile(keyFile, e);
      } catch (IOException | RuntimeException ex) {
        throw new RequestRefused(422, "BACKUP_KEY_UNUSABLE", "backup.keyFile: " + ex.getMessage());
      }
      encrypt = e.flag();
    } else if (!blank(b.keyFile())) {
      throw new RequestRefused(400, "INVALID_REQUEST", "backup.keyFile given without backup.encrypt");
    }
    long fileLimit = b.fileLimitMiB() == null ? DEFAULT_FILE_LIMIT_MIB : b.fileLimitMiB();
    if (fileLimit < 1) {
      throw new RequestRefused(400, "INVALID_REQUEST", "backup.fileLimitMiB must be at least 1, was " + fileLimit);
    }
    java.nio.file.Path dir = BackupLocation.resolve(b.dir(), baseDir, backupRoots);
    try {
      if (Files.exists(dir)) {
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
          throw new RequestRefused(422, "BACKUP_DIR_UNUSABLE", "backup.dir: " + dir + " is not a writable directory");
        }
        if (!AerospikeRestore.backupFiles(dir).isEmpty()) {
          throw new RequestRefused(409, "BACKUP_DIR_NOT_EMPTY", "backup.dir: " + dir
              + " already holds .asb files; give an empty or new directory");
        }
      }
    } catch (IOException e) {
      throw new RequestRefused(422, "BACKUP_DIR_UNUSABLE", "backup.dir: " + dir + ": " + e.getMessage());
    }
    return new BackupSpec(dir.toString(), compress, encrypt, keyFile == null ? null : keyFile.toString(),
        Boolean.TRUE.equals(b.compact()), fileLimit);
  }

  public static long limit(String field, Long value) {
    if (value == null) {
      return 0;
    }
    if (value < 0) {
      throw new RequestRefused(400, "INVALID_REQUEST", field + " must be >= 0 (0 = unlimited), was " + value);
    }
    return value;
  }

  /** An enum constant named by a request field, case-insensitively; 400 INVALID_REQUEST naming the field otherwise. */
  public static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new RequestRefused(400, "INVALID_REQUEST", field + ": '" + value + "' is not one of "
          + Arrays.toString(type.getEnumConstants()));
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

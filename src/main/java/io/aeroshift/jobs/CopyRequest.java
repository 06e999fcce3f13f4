package io.aeroshift.jobs;

/**
 * Body of {@code POST /api/v1/copies}.
 *
 * @param source registered source cluster (default: the plan's source)
 * @param target registered cluster or seeds (see {@link TargetRef})
 * @param namespace namespace to copy (must exist on both sides)
 * @param set set filter, or null for the whole namespace
 * @param mode {@code SCAN_COPY} or {@code BACKUP_RESTORE} (default: the plan's, else SCAN_COPY)
 * @param rateLimits initial limits (default: the plan's, else unlimited)
 * @param backup files of a BACKUP_RESTORE run (required for it, refused otherwise)
 * @param plan a plan whose source, copy mode and rate limits are taken for what the request leaves out
 */
public record CopyRequest(String source, TargetRef target, String namespace, String set, String mode,
    RateLimits rateLimits, Backup backup, String plan) {

  /** Records and bytes per second; 0 or absent = unlimited. */
  public record RateLimits(Long recordsPerSecond, Long bytesPerSecond) {}

  /**
   * @param dir directory on the service's file system, without {@code .asb} files
   * @param compress zstd or gzip (absent: none)
   * @param encrypt aes128 or aes256 (absent: none); needs {@code keyFile}
   * @param keyFile PEM key file on the service's file system
   * @param compact asbackup's compact mode
   * @param fileLimitMiB size of one backup file (default 250, as asbackup)
   */
  public record Backup(String dir, String compress, String encrypt, String keyFile, Boolean compact, Long fileLimitMiB) {}
}

package io.aeroshift.jobs;

/**
 * Where and how a BACKUP_RESTORE run keeps its files (asbackup 3.1 format, see docs/backup.md).
 *
 * @param dir directory on the service's file system (a volume in Kubernetes); must hold no
 *     {@code .asb} file when the run starts
 * @param compress "zstd", "gzip" or null (none)
 * @param encrypt "aes128", "aes256" or null (none)
 * @param keyFile PEM key file on the service's file system when encrypting (its content is never
 *     stored nor returned)
 * @param compact asbackup's compact mode
 * @param fileLimitMiB size at which a backup file is closed and the next one opened
 */
public record BackupSpec(String dir, String compress, String encrypt, String keyFile, boolean compact, long fileLimitMiB) {}

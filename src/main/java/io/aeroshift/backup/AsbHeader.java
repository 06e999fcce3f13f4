package io.aeroshift.backup;

/**
 * What the start of a backup file says: its format version and meta lines.
 *
 * @param version {@code 3.0}, {@code 3.1} or (backup-go only) {@code 3.2}
 * @param namespace the {@code # namespace} value, or null when the file has none
 * @param firstFile true when the file carries {@code # first-file} (once per backup)
 */
public record AsbHeader(String version, String namespace, boolean firstFile) {

  /** 3.0 files are "legacy": tokens are not unescaped and there is no global section. */
  public boolean legacy() {
    return "3.0".equals(version);
  }
}

package io.aeroshift.backup;

import java.util.Locale;

/**
 * Compression of a backup file's text. asbackup and asrestore know only zstd; gzip is an Aeroshift
 * extension for environments that standardise on it (asrestore cannot read gzip files).
 */
public enum AsbCompression {
  NONE,
  ZSTD,
  GZIP;

  /** Parses a {@code --compress} value: {@code zstd}, {@code gzip} or {@code none}. */
  public static AsbCompression parse(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "none":
        return NONE;
      case "zstd":
        return ZSTD;
      case "gzip":
        return GZIP;
      default:
        throw new IllegalArgumentException(
            "unknown compression '" + s + "' (expected zstd, gzip or none)");
    }
  }

  public String flag() {
    return name().toLowerCase(Locale.ROOT);
  }
}

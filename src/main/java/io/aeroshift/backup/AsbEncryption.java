package io.aeroshift.backup;

import java.util.Locale;

/** asbackup's AES-CTR encryption modes and their key lengths. */
public enum AsbEncryption {
  NONE(0),
  AES128(16),
  AES256(32);

  private final int keyBytes;

  AsbEncryption(int keyBytes) {
    this.keyBytes = keyBytes;
  }

  /** AES key length: the first 16 or all 32 bytes of the SHA-256 of the key. */
  public int keyBytes() {
    return keyBytes;
  }

  /** Parses an {@code --encrypt} value: {@code aes128}, {@code aes256} or {@code none}. */
  public static AsbEncryption parse(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "none":
        return NONE;
      case "aes128":
        return AES128;
      case "aes256":
        return AES256;
      default:
        throw new IllegalArgumentException(
            "unknown encryption '" + s + "' (expected aes128, aes256 or none)");
    }
  }

  public String flag() {
    return name().toLowerCase(Locale.ROOT);
  }
}

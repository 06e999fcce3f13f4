package io.aeroshift.discovery;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Removes secrets from service/network settings before they are kept on a snapshot. Snapshots are
 * stored and returned by the API, and translation reports quote source values, so a secret kept here
 * would leak twice.
 *
 * <p>Dropped: any key whose name contains {@code password}, {@code secret}, {@code passphrase},
 * {@code token} or {@code credential} (e.g. {@code tls[0].key-file-password}, which may hold the
 * passphrase itself), and a TLS private key location ({@code tls...key-file}): the path leads
 * straight to key material. Kept: certificate and CA paths (public) and {@code feature-key-file}
 * (a path, and translation replaces it with the operator's Secret anyway).
 */
public final class SourceSettings {
  private static final String[] SECRET_WORDS = {"password", "secret", "passphrase", "token", "credential"};

  private SourceSettings() {}

  /** A sorted copy of {@code settings} without the keys described above. */
  public static Map<String, String> withoutSecrets(Map<String, String> settings) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (!isSecret(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** True when the setting named {@code key} holds a secret or the location of a private key. */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (String word : SECRET_WORDS) {
      if (k.contains(word)) {
        return true;
      }
    }
    return k.startsWith("tls") && k.endsWith("key-file");
  }
}

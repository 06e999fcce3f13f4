package io.aeroshift.validation;

import java.util.HexFormat;

/** Renders a stored user key for a report. */
final class UserKeys {

  private UserKeys() {}

  /** Integer and string keys as text, blob keys as "0x" + hex, null when no key is stored. */
  static String render(Object userKey) {
    Object v = CanonicalEncoder.unwrap(userKey);
    if (v == null) {
      return null;
    }
    if (v instanceof byte[] b) {
      return "0x" + HexFormat.of().formatHex(b);
    }
    return String.valueOf(v);
  }
}

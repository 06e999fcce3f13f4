package io.aeroshift.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses info values of the form k=v;k=v (or k=v:k=v for set entries). */
final class InfoText {
  private InfoText() {}

  static Map<String, String> kv(String text, char separator) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null) return out;
    for (String part : text.split(java.util.regex.Pattern.quote(String.valueOf(separator)))) {
      int eq = part.indexOf('=');
      if (eq > 0) out.put(part.substring(0, eq), part.substring(eq + 1));
    }
    return out;
  }
}

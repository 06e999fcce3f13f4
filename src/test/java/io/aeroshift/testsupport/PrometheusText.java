package io.aeroshift.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads series out of Prometheus text exposition (either client's format: trailing comma or not). */
public final class PrometheusText {
  private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)}\\s+(\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private PrometheusText() {}

  /** The value of the series {@code name} with exactly these labels, or null when absent. */
  public static Double value(String text, String name, Map<String, String> labels) {
    for (String line : text.split("\n")) {
      Matcher m = SERIES.matcher(line.trim());
      if (!m.matches() || !m.group(1).equals(name)) {
        continue;
      }
      Map<String, String> got = new HashMap<>();
      Matcher l = LABEL.matcher(m.group(2));
      while (l.find()) {
        got.put(l.group(1), l.group(2));
      }
      if (got.equals(labels)) {
        return Double.valueOf(m.group(3));
      }
    }
    return null;
  }
}

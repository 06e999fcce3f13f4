package io.aeroshift.planning;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the clients' seed list is switched at cutover. Written in plans in lower case. */
public enum CutoverMethod {
  CONFIGMAP,
  SECRET,
  WEBHOOK,
  MANUAL;

  /** The plan-file spelling. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the plan-file spelling (exact, lower case). */
  public static Optional<CutoverMethod> fromYaml(String text) {
    return Arrays.stream(values()).filter(m -> m.yamlName().equals(text)).findFirst();
  }
}

package io.aeroshift.api;

import java.util.List;

/**
 * Body of {@code POST /api/v1/validations}.
 *
 * @param source registered name of the source cluster
 * @param target the target: registered ({@code {"cluster":"name"}}) or plain seeds ({@code
 *     {"seeds":["host:port"]}}, no credentials)
 * @param namespace the namespace to validate (must exist on both sides)
 * @param suite suite name in {@code validators/} (default "default")
 */
public record ValidationRequest(String source, Target target, String namespace, String suite) {

  /** Exactly one of {@code cluster} and {@code seeds}. */
  public record Target(String cluster, List<String> seeds) {}
}

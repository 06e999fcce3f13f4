package io.aeroshift.api;

/**
 * Body of {@code POST /api/v1/validations}.
 *
 * @param source registered name of the source cluster
 * @param target the target: registered ({@code {"cluster":"name"}}) or plain seeds ({@code
 *     {"seeds":["host:port"]}}, no credentials)
 * @param namespace the namespace to validate (must exist on both sides)
 * @param suite suite name in {@code validators/} (default "default")
 * @param async true: answer 202 at once and run in the background (same as {@code ?async=true})
 * @param hash the record hash of the checksums ({@code xxh3-128} or {@code sha-256}); null: the suite's
 */
public record ValidationRequest(
    String source, TargetRef target, String namespace, String suite, Boolean async, String hash) {

  /** A request that takes the suite's hash. */
  public ValidationRequest(String source, TargetRef target, String namespace, String suite, Boolean async) {
    this(source, target, namespace, suite, async, null);
  }
}

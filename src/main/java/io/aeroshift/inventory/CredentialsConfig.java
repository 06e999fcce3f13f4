package io.aeroshift.inventory;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * {@code aeroshift.credentials.*}: the only places a password reference may point. Whoever may
 * register a cluster chooses its seeds, so a reference outside these roots would let them have
 * the service read its own files or environment and send the content to a host of their choice.
 * A kind of reference whose root is unset is refused.
 */
@ConfigMapping(prefix = "aeroshift.credentials")
public interface CredentialsConfig {
  /** Directory of password files; a {@code file} reference (relative to it, or absolute) must resolve inside it. */
  Optional<String> secretsDir();

  /** Prefix every {@code env} reference must start with. */
  Optional<String> envPrefix();

  /**
   * The service's own Kubernetes namespace; a {@code secret} reference may name it explicitly.
   * A reference without a namespace always means the service's own.
   */
  Optional<String> namespace();
}

package io.aeroshift.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where password references may point ({@link CredentialsConfig}), and the check of one reference
 * against them. {@link #admits} is lexical (no file is touched, so registering a reference reveals
 * nothing); {@link #passwordFile} resolves links at the moment of reading, so a link inside the
 * secrets directory pointing out of it is refused too.
 *
 * @param secretsDir directory of password files, absolute and normalised, or empty
 * @param envPrefix prefix of admitted environment variables, or empty
 * @param namespace the service's own Kubernetes namespace, or empty
 */
public record CredentialRoots(Optional<Path> secretsDir, Optional<String> envPrefix, Optional<String> namespace) {

  public static CredentialRoots of(CredentialsConfig config) {
    return new CredentialRoots(
        config.secretsDir().filter(s -> !s.isBlank()).map(s -> Path.of(s).toAbsolutePath().normalize()),
        config.envPrefix().filter(s -> !s.isBlank()),
        config.namespace().filter(s -> !s.isBlank()));
  }

  /** Whether {@code source} stays inside the roots, judged from its text alone. */
  public boolean admits(PasswordSource source) {
    if (source == null || source.referencesSet() != 1) {
      return false;
    }
    if (source.env() != null) {
      return envPrefix.isPresent() && source.env().startsWith(envPrefix.get()) && source.env().length() > envPrefix.get().length();
    }
    if (source.file() != null) {
      return lexicalFile(source.file()).isPresent();
    }
    String ns = source.secret().namespace();
    return ns == null || namespace.map(ns::equals).orElse(false);
  }

  /** Throws {@link CredentialsRefusedException} unless {@link #admits} the reference. */
  public void require(String cluster, PasswordSource source) {
    if (!admits(source)) {
      throw new CredentialsRefusedException(cluster);
    }
  }

  /**
   * The file to read for a {@code file} reference: inside the secrets directory after every link
   * is followed. A link out of the directory, or a dangling link, is refused like any other
   * reference outside the roots.
   */
  public Path passwordFile(String cluster, String file) {
    Path lexical = lexicalFile(file).orElseThrow(() -> new CredentialsRefusedException(cluster));
    Path root = secretsDir.orElseThrow();
    try {
      Path realRoot = Files.exists(root) ? root.toRealPath() : root;
      if (Files.isSymbolicLink(lexical) || Files.exists(lexical)) {
        Path real = lexical.toRealPath();
        if (!real.startsWith(realRoot)) {
          throw new CredentialsRefusedException(cluster);
        }
        return real;
      }
    } catch (IOException e) {
      throw new CredentialsRefusedException(cluster);
    }
    return lexical;
  }

  private Optional<Path> lexicalFile(String file) {
    if (secretsDir.isEmpty() || file == null || file.isBlank() || file.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    try {
      Path p = secretsDir.get().resolve(file).normalize();
      return p.startsWith(secretsDir.get()) && !p.equals(secretsDir.get()) ? Optional.of(p) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}

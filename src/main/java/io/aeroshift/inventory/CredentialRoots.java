package io.aeroshift.inventory;

import io.aeroshift.outcome.RequestRefused;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where password references may point ({@link CredentialsConfig}), and the check of one reference
 * against them. {@link #admits} is lexical (no file is touched, so registering a reference reveals
 * nothing); {@link #passwordFile} and {@link #secretFile} resolve links at the moment of reading, so
 * a link inside the secrets directory pointing out of it is refused too. Every file path a request
 * or plan may name that holds a secret goes through here (docs/api.md, "Credential roots").
 *
 * @param secretsDir directory of password files, absolute and normalised, or empty
 * @param envPrefix prefix of admitted environment variables, or empty
 * @param namespace the service's own Kubernetes namespace, or empty
 */
public record CredentialRoots(Optional<Path> secretsDir, Optional<String> envPrefix, Optional<String> namespace) {
  /**
   * The one text of every refusal: the same whether what the reference names exists or not, so a
   * refusal tells the caller nothing about the service's files, environment or Secrets.
   */
  public static final String REFUSED = "credentials.passwordFrom is outside the credential roots this service is configured with"
      + " (its secrets directory, its environment-variable prefix, its own Kubernetes namespace); nothing was read or stored";

  /** The one text of every refused file a request names, after the field's name. */
  public static final String OUTSIDE_SECRETS_DIR = "is outside the secrets directory this service is configured with"
      + " (aeroshift.credentials.secrets-dir); nothing was read or stored";

  /** 422 CREDENTIALS_REFUSED on a request field naming a file outside the secrets directory. */
  public static RequestRefused refusedFile(String field) {
    return new RequestRefused(422, "CREDENTIALS_REFUSED", field + " " + OUTSIDE_SECRETS_DIR, field, Map.of());
  }

  /** 422 CREDENTIALS_REFUSED on the field {@code credentials.passwordFrom}, with the one text. */
  public static RequestRefused refused(String cluster) {
    return new RequestRefused(422, "CREDENTIALS_REFUSED", "cluster " + cluster + ": " + REFUSED, "credentials.passwordFrom", Map.of());
  }

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

  /** Throws {@link #refused} unless {@link #admits} the reference. */
  public void require(String cluster, PasswordSource source) {
    if (!admits(source)) {
      throw refused(cluster);
    }
  }

  /**
   * The file to read for a {@code file} reference: inside the secrets directory after every link
   * is followed. A link out of the directory, or a dangling link, is refused like any other
   * reference outside the roots.
   */
  public Path passwordFile(String cluster, String file) {
    return insideSecretsDir(file, () -> refused(cluster));
  }

  /**
   * The file a request field other than a password reference names (a backup's encryption key,
   * {@code backup.keyFile}): admitted only inside the secrets directory, as a password file, and
   * refused with {@link #refusedFile} otherwise, before the file is opened.
   */
  public Path secretFile(String field, String file) {
    return insideSecretsDir(file, () -> refusedFile(field));
  }

  /**
   * {@code file} taken inside the secrets directory, with the links of its longest existing
   * ancestor followed: a link in the directory pointing out of it is refused whether its target
   * exists or not (a difference would tell the caller what exists outside).
   */
  private Path insideSecretsDir(String file, Supplier<RequestRefused> refusal) {
    Path lexical = lexicalFile(file).orElseThrow(refusal);
    Path root = secretsDir.orElseThrow();
    try {
      Path realRoot = Files.exists(root) ? root.toRealPath() : root;
      Path existing = lexical;
      while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        existing = existing.getParent();
      }
      Path real = existing == null ? lexical : existing.toRealPath().resolve(existing.relativize(lexical)).normalize();
      if (!real.startsWith(realRoot)) {
        throw refusal.get();
      }
      return real;
    } catch (IOException e) {
      throw refusal.get();
    }
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

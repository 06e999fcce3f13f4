package io.aeroshift.inventory;

import io.aeroshift.outcome.RequestRefused;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.function.UnaryOperator;

/**
 * Reads the password a {@link PasswordSource} points at, at the moment a connection needs it. The
 * value goes straight to the client policy and is never kept, logged or returned. Messages name
 * the reference (variable, file, Secret), never the content.
 */
@ApplicationScoped
public class CredentialResolver {
  @Inject Instance<KubernetesClient> kubernetes;
  @Inject CredentialsConfig rootsConfig;

  private UnaryOperator<String> environment = System::getenv;

  /** For tests that cannot set process environment variables. */
  void environment(UnaryOperator<String> env) {
    this.environment = env;
  }

  /** The password, or an exception saying which reference could not be read and why. */
  public String password(String cluster, PasswordSource source) {
    if (source == null || source.referencesSet() != 1) {
      throw new CredentialsUnavailableException("cluster " + cluster + ": credentials.passwordFrom must name exactly one of env, file, secret");
    }
    CredentialRoots roots = CredentialRoots.of(rootsConfig);
    // Checked again at read time: an entry stored before the roots were narrowed is still refused.
    roots.require(cluster, source);
    if (source.env() != null) {
      String v = environment.apply(source.env());
      if (v == null) {
        throw new CredentialsUnavailableException("cluster " + cluster + ": environment variable " + source.env() + " is not set");
      }
      return v;
    }
    if (source.file() != null) {
      try {
        return stripNewline(Files.readString(roots.passwordFile(cluster, source.file()), StandardCharsets.UTF_8));
      } catch (RequestRefused e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw new CredentialsUnavailableException("cluster " + cluster + ": password file " + source.file()
            + " cannot be read (" + e.getClass().getSimpleName() + ")");
      }
    }
    PasswordSource.SecretKeyRef ref = source.secret();
    try {
      KubernetesClient k8s = kubernetes.get();
      String ns = ref.namespace() != null ? ref.namespace() : roots.namespace().orElseGet(k8s::getNamespace);
      Secret secret = k8s.secrets().inNamespace(ns).withName(ref.name()).get();
      if (secret == null) {
        throw new CredentialsUnavailableException("cluster " + cluster + ": Kubernetes Secret " + ns + "/" + ref.name() + " not found");
      }
      String encoded = secret.getData() == null ? null : secret.getData().get(ref.key());
      if (encoded != null) {
        return stripNewline(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
      }
      String plain = secret.getStringData() == null ? null : secret.getStringData().get(ref.key());
      if (plain == null) {
        throw new CredentialsUnavailableException("cluster " + cluster + ": Kubernetes Secret " + ns + "/" + ref.name()
            + " has no key " + ref.key());
      }
      return stripNewline(plain);
    } catch (CredentialsUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CredentialsUnavailableException("cluster " + cluster + ": Kubernetes Secret " + ref.name()
          + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String stripNewline(String s) {
    return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }
}

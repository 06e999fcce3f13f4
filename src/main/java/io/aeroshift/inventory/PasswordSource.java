package io.aeroshift.inventory;

/**
 * Exactly one of {@code env}, {@code file} or {@code secret} says where a password is.
 *
 * @param env name of an environment variable of the service holding the password
 * @param file path of a file whose content (trailing newline removed) is the password
 * @param secret a Kubernetes Secret key holding the password
 */
public record PasswordSource(String env, String file, SecretKeyRef secret) {

  /** How many of the three references are set; a valid source has exactly one. */
  public int referencesSet() {
    return (env == null ? 0 : 1) + (file == null ? 0 : 1) + (secret == null ? 0 : 1);
  }

  /** Short description for messages: says where, never what. */
  public String describe() {
    if (env != null) {
      return "environment variable " + env;
    }
    if (file != null) {
      return "file " + file;
    }
    if (secret != null) {
      return "Kubernetes Secret " + secret.describe();
    }
    return "nothing";
  }

  /**
   * A key of a Kubernetes Secret.
   *
   * @param name Secret name
   * @param key key inside the Secret's data
   * @param namespace Kubernetes namespace, or null for the service's own namespace
   */
  public record SecretKeyRef(String name, String key, String namespace) {
    String describe() {
      return (namespace == null ? "" : namespace + "/") + name + " key " + key;
    }
  }
}

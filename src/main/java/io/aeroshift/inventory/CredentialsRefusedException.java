package io.aeroshift.inventory;

/**
 * A password reference points outside the configured credential roots. The message is the same
 * for every refused reference, whether what it names exists or not, so a refusal tells the
 * caller nothing about the service's files, environment or Secrets.
 */
public class CredentialsRefusedException extends CredentialsUnavailableException {
  /** The one text of every refusal. */
  public static final String MESSAGE = "credentials.passwordFrom is outside the credential roots this service is configured with"
      + " (its secrets directory, its environment-variable prefix, its own Kubernetes namespace); nothing was read or stored";

  private final String cluster;

  public CredentialsRefusedException(String cluster) {
    super("cluster " + cluster + ": " + MESSAGE);
    this.cluster = cluster;
  }

  /** The cluster whose reference was refused. */
  public String cluster() {
    return cluster;
  }

  /** The request field refused. */
  public String field() {
    return "credentials.passwordFrom";
  }
}

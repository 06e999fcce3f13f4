package io.aeroshift.provisioning;

/** Provisioning failed; the message carries the API server's or the operator's own words. */
public class ProvisioningException extends RuntimeException {
  public ProvisioningException(String message, Throwable cause) {
    super(message, cause);
  }

  public ProvisioningException(String message) {
    super(message);
  }

  /** The API server (through AKO's admission webhooks) refused the resource. */
  public static final class AdmissionRejected extends ProvisioningException {
    private final int code;

    public AdmissionRejected(int code, String message, Throwable cause) {
      super(message, cause);
      this.code = code;
    }

    /** HTTP status of the refusal (403 from a webhook, 422 from the structural schema). */
    public int code() {
      return code;
    }
  }

  /** The cluster did not become ready before the deadline. */
  public static final class Timeout extends ProvisioningException {
    private final Readiness last;

    public Timeout(String message, Readiness last) {
      super(message);
      this.last = last;
    }

    /** The last state seen. */
    public Readiness last() {
      return last;
    }
  }
}

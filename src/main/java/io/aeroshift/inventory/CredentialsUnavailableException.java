package io.aeroshift.inventory;

/** A password reference could not be read. The message says where it looked, never a value. */
public class CredentialsUnavailableException extends RuntimeException {
  public CredentialsUnavailableException(String message) {
    super(message);
  }
}

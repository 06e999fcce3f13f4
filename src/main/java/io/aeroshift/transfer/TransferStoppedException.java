package io.aeroshift.transfer;

/** The engine was stopped (or its thread interrupted) while a work unit was running. */
public final class TransferStoppedException extends RuntimeException {

  public TransferStoppedException() {
    super("transfer stopped", null, false, false);
  }
}

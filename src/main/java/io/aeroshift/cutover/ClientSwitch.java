package io.aeroshift.cutover;

import java.time.Duration;

/**
 * Points the clients of one migration at a new seed list (SPI; one implementation per plan
 * {@code cutover.method}). Calling it again with the same request is harmless: a restart in the
 * middle of a switch finishes it by calling it again.
 */
public interface ClientSwitch {

  /** The plan spelling of the method. */
  String method();

  /**
   * Switches and returns once the clients use {@code request.toSeeds()}, or throws a
   * {@link ClientSwitchException} ({@code CLIENT_SWITCH_FAILED}) when that is not so, or not known,
   * within {@code timeout}.
   */
  SwitchReceipt switchClients(SwitchRequest request, Duration timeout);
}

package io.aeroshift.cutover;

import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code manual} method: an engineer moves the clients and says so with the
 * {@code confirm-switch} command. The service only waits for that confirmation (the clients may
 * write the target from the switch instant on, which is why the after-switch rules start then).
 */
public final class ManualSwitch implements ClientSwitch {
  private static final Duration POLL = Duration.ofMillis(100);

  /** Where confirmations are read (the workflow's stored commands). */
  @FunctionalInterface
  public interface Confirmations {
    /** True once an engineer confirmed this switch of the migration. */
    boolean confirmed(String migrationId, SwitchRequest.Direction direction);
  }

  private final Confirmations confirmations;
  private final Clock clock;

  public ManualSwitch(Confirmations confirmations, Clock clock) {
    this.confirmations = confirmations;
    this.clock = clock;
  }

  @Override
  public String method() {
    return "manual";
  }

  @Override
  public SwitchReceipt switchClients(SwitchRequest request, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    while (!confirmations.confirmed(request.migrationId(), request.direction())) {
      if (!clock.instant().isBefore(deadline) || Thread.currentThread().isInterrupted()) {
        throw new ClientSwitchException(Failure.of(FailureReason.CLIENT_SWITCH_FAILED,
            "no confirm-switch within " + timeout + ": the clients' seeds must be set to " + request.toSeedList()
                + " by hand, then confirmed", clock.instant()), null);
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    return new SwitchReceipt(method(), clock.instant(), "an engineer confirmed the clients use " + request.toSeedList());
  }
}

package io.aeroshift.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aeroshift.outcome.FailureReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ManualSwitchTest {
  private static final SwitchRequest REQUEST = new SwitchRequest("catalog-ce-rehearsal",
      SwitchRequest.Direction.TO_TARGET, List.of("10.0.0.1:3000"), List.of("10.1.0.1:3000"), Instant.now());

  @Test
  void switchedOnlyOnceAnEngineerConfirms() {
    AtomicBoolean confirmed = new AtomicBoolean(true);
    SwitchReceipt receipt = new ManualSwitch((id, direction) -> confirmed.get()
        && id.equals("catalog-ce-rehearsal") && direction == SwitchRequest.Direction.TO_TARGET, Clock.systemUTC())
        .switchClients(REQUEST, Duration.ofSeconds(5));
    assertThat(receipt.method()).isEqualTo("manual");
    assertThat(receipt.detail()).contains("10.1.0.1:3000");
  }

  @Test
  void noConfirmationWithinTheTimeoutFailsNamingTheSeeds() {
    assertThatThrownBy(() -> new ManualSwitch((id, direction) -> false, Clock.systemUTC())
        .switchClients(REQUEST, Duration.ofMillis(200)))
        .isInstanceOfSatisfying(ClientSwitchException.class, e -> {
          assertThat(e.failure().reason()).isEqualTo(FailureReason.CLIENT_SWITCH_FAILED);
          assertThat(e.failure().detail()).contains("confirm-switch").contains("10.1.0.1:3000");
        });
  }
}

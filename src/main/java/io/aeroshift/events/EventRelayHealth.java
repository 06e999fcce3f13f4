package io.aeroshift.events;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code /q/health/group/events}: DOWN with the relay's typed failure ({@code STALLED}) when it
 * made no progress for {@code aeroshift.events.stall-after}. A group of its own, not readiness: a
 * stuck relay stops events, not the API.
 */
@HealthGroup("events")
@ApplicationScoped
public class EventRelayHealth implements HealthCheck {

  @Inject
  OutboxRelay relay;

  @Override
  public HealthCheckResponse call() {
    OutboxRelay.Status s = relay.status();
    HealthCheckResponseBuilder b = HealthCheckResponse.named("event-relay")
        .withData("position", s.position())
        .withData("heldGaps", s.heldGaps())
        .withData("lastProgress", s.lastProgress().toString());
    if (s.failure() == null) {
      return b.up().build();
    }
    return b.down().withData("reason", s.failure().reason().name()).withData("errorClass", s.failure().errorClass().name())
        .withData("detail", s.failure().detail()).build();
  }
}

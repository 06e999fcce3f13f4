package io.aeroshift.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The in-process consumer of the relay channel: each new event goes to the event streams
 * ({@link EventHub}) and the audit trail, once (a redelivery after a failed acknowledgement is
 * recognised by its {@code seq}).
 */
@ApplicationScoped
public class EventFanout {

  @Inject
  EventHub hub;

  @Incoming(OutboxRelay.CHANNEL)
  public void take(String json) {
    StoredEvent e = EventJson.stored(json);
    if (hub.offer(e)) {
      AuditTrail.record(e);
    }
  }
}

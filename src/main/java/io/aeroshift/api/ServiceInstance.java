package io.aeroshift.api;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Identity of this run of the service: a new id at every start. Useful wherever a replica must
 * name itself (work-unit leases, logs) and to tell one run from the next.
 */
@Startup
@ApplicationScoped
public class ServiceInstance {
  private final String id = UUID.randomUUID().toString();
  private final Instant startedAt = Instant.now();

  public String id() {
    return id;
  }

  public Instant startedAt() {
    return startedAt;
  }
}

package io.aeroshift.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the state store answers a query on the migrated schema (the datasource check
 * alone would pass on an empty database).
 */
@Readiness
@ApplicationScoped
public class StateStoreReadiness implements HealthCheck {
  @Inject EntityManager em;

  @Override
  @Transactional
  public HealthCheckResponse call() {
    try {
      Number clusters = (Number) em.createNativeQuery("select count(*) from source_cluster").getSingleResult();
      return HealthCheckResponse.named("state-store").up().withData("sourceClusters", clusters.longValue()).build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("state-store").down().withData("error", e.getClass().getSimpleName()).build();
    }
  }
}

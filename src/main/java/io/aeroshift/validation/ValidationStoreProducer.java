package io.aeroshift.validation;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the state store (the service's datasource: H2 embedded, PostgreSQL in production) the
 * application's {@link ValidationResultStore}, so results and their times survive restarts and
 * the approval gate can judge freshness.
 */
@ApplicationScoped
public class ValidationStoreProducer {

  @Produces
  @Singleton
  ValidationResultStore validationResultStore(AgroalDataSource dataSource) {
    return new JdbcValidationResultStore(dataSource);
  }
}

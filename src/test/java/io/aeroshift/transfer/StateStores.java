package io.aeroshift.transfer;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.aeroshift.testsupport.PostgresProfile;
import io.aeroshift.testsupport.RequiresPostgres;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** State-store databases for the transfer's JDBC tests, migrated by Flyway as the service does. */
final class StateStores {

  private StateStores() {}

  /** A named in-memory H2 database that outlives its connections (a "restart" keeps it). */
  static DataSource h2(String name) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return ds;
  }

  /**
   * A PostgreSQL schema of this checkout ({@link PostgresProfile#schemaForThisCheckout}), emptied
   * and migrated, behind a small Agroal pool as the service has (a connection per call would
   * cost a TCP connect and authentication per checkpoint); use with {@link RequiresPostgres} and
   * close it.
   */
  static AgroalDataSource postgres(String prefix) {
    String schema = PostgresProfile.schemaForThisCheckout(prefix);
    String url = "jdbc:postgresql://" + RequiresPostgres.HOST + ":" + RequiresPostgres.PORT
        + "/test?currentSchema=" + schema;
    AgroalDataSource ds;
    try {
      ds = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
          .connectionPoolConfiguration(pool -> pool.maxSize(8)
              .connectionFactoryConfiguration(f -> f.jdbcUrl(url)
                  .principal(new NamePrincipal("postgres")).credential(new SimplePassword("")))));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open a pool on " + url + ": " + e.getMessage(), e);
    }
    Flyway flyway = Flyway.configure().dataSource(ds).schemas(schema).defaultSchema(schema)
        .cleanDisabled(false).locations("classpath:db/migration").load();
    flyway.clean();
    flyway.migrate();
    return ds;
  }
}

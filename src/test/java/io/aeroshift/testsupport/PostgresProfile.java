package io.aeroshift.testsupport;

import java.util.HashMap;
import java.util.Map;

/**
 * Config overrides that run the application on PostgreSQL ({@code jdbc:postgresql://127.0.0.1:5432/test},
 * user postgres, trust auth) in a schema of its own. They swap the build-time {@code db-kind}, so
 * Quarkus re-augments for a profile that uses them. Used by the test profiles of the
 * PostgreSQL-backed test classes.
 */
public final class PostgresProfile {
  private PostgresProfile() {}

  /** Datasource and Flyway settings for a PostgreSQL schema. */
  public static Map<String, String> postgres(String schema, boolean cleanAtStart) {
    Map<String, String> m = new HashMap<>();
    m.put("quarkus.datasource.db-kind", "postgresql");
    m.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + RequiresPostgres.HOST + ":" + RequiresPostgres.PORT
        + "/test?currentSchema=" + schema);
    m.put("quarkus.datasource.username", "postgres");
    m.put("quarkus.datasource.password", "");
    m.put("quarkus.flyway.schemas", schema);
    m.put("quarkus.flyway.default-schema", schema);
    m.put("quarkus.flyway.clean-disabled", String.valueOf(!cleanAtStart));
    m.put("quarkus.flyway.clean-at-start", String.valueOf(cleanAtStart));
    return m;
  }
}

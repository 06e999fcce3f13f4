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

  /**
   * A schema name unique to this checkout ({@code prefix_<hash of the working directory>}): the
   * same across runs and restarts of one checkout, different for two checkouts sharing one
   * PostgreSQL (several worktrees on a machine), so their runs never see each other's rows or
   * migrations.
   */
  public static String schemaForThisCheckout(String prefix) {
    String dir = java.nio.file.Path.of("").toAbsolutePath().normalize().toString();
    return prefix + "_" + Integer.toHexString(dir.hashCode() & 0x7fffffff);
  }

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
    // A kept schema may hold migrations of a newer checkout state (other packages add V20+).
    m.put("quarkus.flyway.ignore-migration-patterns", "*:future");
    return m;
  }
}

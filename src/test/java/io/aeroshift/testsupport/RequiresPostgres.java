package io.aeroshift.testsupport;

/** PostgreSQL on 127.0.0.1:5432, required by {@code AEROSHIFT_REQUIRE_POSTGRES=true}. */
public class RequiresPostgres extends RequiresLocalService {
  public static final int PORT = 5432;
  public static final String REQUIRE = "AEROSHIFT_REQUIRE_POSTGRES";

  public RequiresPostgres() {
    super("PostgreSQL", PORT, REQUIRE);
  }
}

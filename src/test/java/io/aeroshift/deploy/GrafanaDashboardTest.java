package io.aeroshift.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeroshift.events.MigrationMeters;
import io.aeroshift.events.MigrationStatus;
import io.aeroshift.events.MigrationStatusSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every meter the Grafana dashboard in deploy/ queries exists on /q/metrics. */
@QuarkusTest
@TestProfile(GrafanaDashboardTest.OneMigration.class)
class GrafanaDashboardTest {

  /** Runs the service with one stored migration, so every per-migration and per-wave meter has a series. */
  public static class OneMigration implements QuarkusTestProfile {
    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(OneMigrationSource.class);
    }
  }

  @Alternative
  @ApplicationScoped
  public static class OneMigrationSource implements MigrationStatusSource {
    @Override
    public List<MigrationStatus> migrations() {
      return List.of(new MigrationStatus("m-1", "payments", "wave-1", "COPYING", 0.5, 1000L, 250.0, 4.0, 1.5, "PASSED"));
    }
  }

  private static final Pattern METER = Pattern.compile("\\baeroshift_[a-z_]+");

  @Inject MigrationMeters meters;

  /** The meter names in every query of the dashboard (panels' targets and template variables). */
  static Set<String> queriedMeters() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(Path.of("deploy/grafana/aeroshift-waves.json").toFile());
    Set<String> names = new TreeSet<>();
    for (JsonNode expr : dashboard.findValues("expr")) collect(expr.asText(), names);
    for (JsonNode query : dashboard.findValues("query")) collect(query.asText(), names);
    return names;
  }

  private static void collect(String text, Set<String> names) {
    Matcher m = METER.matcher(text);
    while (m.find()) names.add(m.group());
  }

  @Test
  void everyQueriedMeterIsServed() throws IOException {
    meters.refresh();

    Set<String> queried = queriedMeters();
    assertThat(queried).as("the dashboard queries the migration and wave meters")
        .contains("aeroshift_migration_phase", "aeroshift_migration_records_per_second", "aeroshift_migration_lag_seconds",
            "aeroshift_migration_validation_state", "aeroshift_wave_migrations");
    // the relay registers its gauges with its first pass, shortly after start
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
      String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
      Set<String> served = new TreeSet<>();
      for (String line : metrics.split("\n")) {
        if (!line.startsWith("#")) collect(line.split("[{ ]", 2)[0], served);
      }
      assertThat(served).as("meters on /q/metrics").containsAll(queried);
    });
  }
}

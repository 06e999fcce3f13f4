package io.aeroshift.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.discovery.SnapshotStore;
import io.aeroshift.testsupport.PostgresProfile;
import io.aeroshift.testsupport.RequiresPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One of the two service runs of the restart check; see {@link RestartProbe}. */
@ExtendWith(RequiresPostgres.class)
@QuarkusTest
@TestProfile(PostgresRestartSecondResourceTest.Run.class)
class PostgresRestartSecondResourceTest {
  /** Same schema as the other run, never cleaned; a distinct profile class forces a restart. */
  public static class Run implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return PostgresProfile.postgres("aeroshift_foundation_restart", false);
    }
  }

  @Inject ServiceInstance service;
  @Inject SnapshotStore snapshots;

  @Test
  void inventoryAndSnapshotsSurviveARestart() {
    RestartProbe.Outcome outcome = RestartProbe.run(service.id(), snapshots);
    System.out.println("restart probe (Second): " + outcome);
    assertThat(outcome).isNotNull();
  }
}

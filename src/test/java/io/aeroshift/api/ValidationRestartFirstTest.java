package io.aeroshift.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One of the two service starts of the validation restart check; see {@link ValidationRestartProbe}. */
@QuarkusTest
@TestProfile(ValidationRestartFirstTest.Run.class)
class ValidationRestartFirstTest {
  /** Same H2 file database as the other start; a distinct profile class forces a restart. */
  public static class Run implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return ValidationRestartProbe.config();
    }
  }

  @Inject ServiceInstance service;

  @Test
  void aValidationRunInterruptedByARestartEndsAfterIt() throws Exception {
    ValidationRestartProbe.Outcome outcome = ValidationRestartProbe.run(service.id());
    System.out.println("validation restart probe (First): " + outcome);
    assertThat(outcome).isNotNull();
  }
}

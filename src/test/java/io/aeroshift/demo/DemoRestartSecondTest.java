package io.aeroshift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One of the two service starts of the demo restart check; see {@link DemoRestartProbe}. */
@QuarkusTest
@TestProfile(DemoRestartSecondTest.Run.class)
class DemoRestartSecondTest {
  /** Same demo directory and H2 file database as the other start; a distinct profile class forces a restart. */
  public static class Run implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return DemoRestartProbe.config();
    }
  }

  @Test
  void theDemoStoppedMidCopyResumesAgainstTheSameClusters() throws Exception {
    DemoRestartProbe.Outcome outcome = DemoRestartProbe.run();
    System.out.println("demo restart probe (Second): " + outcome);
    assertThat(outcome).isNotNull();
  }
}

package io.aeroshift.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aeroshift.validation.CountCheck.SideCount;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountCheckTest {

  @Test
  void replicaCopiesAreDividedOutByTheEffectiveReplicationFactor() {
    // 1000 records, RF 2 on 3 nodes: nodes report 2000 together; RF 3 on a 2-node target: 2000
    assertThat(new SideCount("ns", "s", 2000, 2, 3, true).uniqueObjects()).isEqualTo(1000);
    assertThat(new SideCount("ns", "s", 2000, 3, 2, true).uniqueObjects()).isEqualTo(1000);
    assertThat(new SideCount("ns", "s", 1000, 2, 3, false).uniqueObjects()).isEqualTo(1000);
    List<CountCheck.CountFinding> f =
        CountCheck.compare(
            List.of(new SideCount("ns", "s", 2000, 2, 3, true)),
            List.of(new SideCount("ns", "s", 3000, 3, 5, true)),
            0.0);
    assertThat(f).singleElement().satisfies(c -> {
      assertThat(c.sourceObjects()).isEqualTo(1000);
      assertThat(c.targetObjects()).isEqualTo(1000);
      assertThat(c.withinTolerance()).isTrue();
    });
  }

  @Test
  void toleranceIsRelativeToTheLargerCountAndAMissingSetCountsZero() {
    List<CountCheck.CountFinding> f =
        CountCheck.compare(
            List.of(new SideCount("ns", "a", 1000, 1, 1, true), new SideCount("ns", "b", 10, 1, 1, true)),
            List.of(new SideCount("ns", "a", 995, 1, 1, true)),
            0.5);
    assertThat(f).hasSize(2);
    assertThat(f.get(0).withinTolerance()).isTrue();
    assertThat(f.get(0).differencePercent()).isEqualTo(0.5);
    assertThat(f.get(1).set()).isEqualTo("b");
    assertThat(f.get(1).targetObjects()).isZero();
    assertThat(f.get(1).withinTolerance()).isFalse();
  }

  @Test
  void badNumbersAreRejected() {
    assertThatThrownBy(() -> new SideCount("ns", "s", 1, 0, 1, true)).hasMessageContaining("replication factor");
    assertThatThrownBy(() -> CountCheck.compare(List.of(), List.of(), -1)).hasMessageContaining("tolerance");
  }
}

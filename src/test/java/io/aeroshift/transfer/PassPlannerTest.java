package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassPlannerTest {

  private static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");
  private static final Duration SKEW = Duration.ofSeconds(30);

  private static PassRecord pass(int n, PassKind kind, Instant start, boolean finished) {
    return new PassRecord("m", n, kind, "test", null, 0, start, finished ? start.plusSeconds(60) : null);
  }

  @Test
  void firstFullCopyIsPassOne() {
    PassRecord p = PassPlanner.next("m", List.of(), PassKind.FULL, "test", null, T0, SKEW);
    assertThat(p.pass()).isEqualTo(1);
    assertThat(p.sinceNanos()).isZero();
  }

  @Test
  void unfinishedPassIsResumedWithItsOwnStart() {
    PassRecord running = pass(1, PassKind.FULL, T0, false);
    PassRecord p = PassPlanner.next("m", List.of(running), PassKind.FULL, "test", null,
        T0.plusSeconds(3600), SKEW);
    assertThat(p).isEqualTo(running);
  }

  @Test
  void catchUpStartsFromPreviousCopyPassStartMinusSkew() {
    List<PassRecord> done = List.of(pass(1, PassKind.FULL, T0, true),
        pass(2, PassKind.RECONCILE, T0.plusSeconds(100), true));
    PassRecord p = PassPlanner.next("m", done, PassKind.CATCH_UP, "test", null,
        T0.plusSeconds(200), SKEW);
    assertThat(p.pass()).isEqualTo(3);
    assertThat(p.sinceNanos()).isEqualTo(WriteMode.toNanos(T0.minus(SKEW)));
    assertThat(p.startedAt()).isEqualTo(T0.plusSeconds(200));
  }

  @Test
  void catchUpAfterIncompletePassIsRefused() {
    List<PassRecord> failed = List.of(pass(1, PassKind.FULL, T0, false));
    assertThatThrownBy(() -> PassPlanner.next("m", failed, PassKind.CATCH_UP, "test", null, T0, SKEW))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pass 1");
  }

  @Test
  void finishedFullCopyIsNotRepeated() {
    PassRecord full = pass(1, PassKind.FULL, T0, true);
    assertThat(PassPlanner.next("m", List.of(full), PassKind.FULL, "test", null, T0, SKEW))
        .isEqualTo(full);
  }
}

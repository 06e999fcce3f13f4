package io.aeroshift.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SequenceGapsTest {

  private static final Instant T0 = Instant.parse("2026-12-07T04:00:00Z");
  private static final Set<String> NONE = Set.of();

  @Test
  void releasesAContiguousRunAtOnce() {
    SequenceGaps gaps = new SequenceGaps(10, Duration.ZERO, Duration.ofMinutes(2));
    SequenceGaps.Pass pass = gaps.advance(List.of(11L, 12L, 13L), NONE, NONE, T0);
    assertThat(pass.release()).containsExactly(11L, 12L, 13L);
    assertThat(pass.releasedUpTo()).isEqualTo(13);
    assertThat(pass.held()).isEmpty();
  }

  @Test
  void holdsAGapWhileItsPossibleHolderIsOpenAndReleasesItWhenItCommits() {
    SequenceGaps gaps = new SequenceGaps(10, Duration.ZERO, Duration.ofMinutes(2));
    // 12 committed, 11 not: transaction tx-a is open
    SequenceGaps.Pass first = gaps.advance(List.of(12L), Set.of("tx-a"), Set.of("tx-a"), T0);
    assertThat(first.release()).isEmpty();
    assertThat(first.releasedUpTo()).isEqualTo(10);
    assertThat(first.held()).hasValue(11);
    SequenceGaps.Pass still = gaps.advance(List.of(12L), Set.of("tx-a"), Set.of("tx-a", "tx-b"), T0.plusSeconds(5));
    assertThat(still.release()).isEmpty();
    // tx-a committed: the next read shows 11
    SequenceGaps.Pass filled = gaps.advance(List.of(11L, 12L), Set.of("tx-b"), Set.of("tx-b"), T0.plusSeconds(6));
    assertThat(filled.release()).containsExactly(11L, 12L);
    assertThat(filled.skipped()).isEmpty();
  }

  @Test
  void aGapIsNeverSkippedInTheReadThatFirstShowsIt() {
    // a transaction may commit between the moment nothing is open and the read: check again first
    SequenceGaps gaps = new SequenceGaps(10, Duration.ZERO, Duration.ofMinutes(2));
    assertThat(gaps.advance(List.of(12L), NONE, NONE, T0).release()).isEmpty();
    SequenceGaps.Pass next = gaps.advance(List.of(12L), NONE, NONE, T0.plusMillis(50));
    assertThat(next.skipped()).containsExactly(11L);
    assertThat(next.release()).containsExactly(12L);
  }

  @Test
  void aTransactionOpenedAfterTheGapWasSeenDoesNotHoldIt() {
    SequenceGaps gaps = new SequenceGaps(10, Duration.ZERO, Duration.ofMinutes(2));
    gaps.advance(List.of(12L), NONE, Set.of("old"), T0);
    // "old" ended (rolled back); "new" opened later and can only hold a seq above 12
    SequenceGaps.Pass pass = gaps.advance(List.of(12L, 13L), Set.of("new"), Set.of("new"), T0.plusMillis(50));
    assertThat(pass.skipped()).containsExactly(11L);
    assertThat(pass.release()).containsExactly(12L, 13L);
  }

  @Test
  void waitsTheGraceForWritersItCannotSee() {
    SequenceGaps gaps = new SequenceGaps(0, Duration.ofSeconds(10), Duration.ofMinutes(2));
    gaps.advance(List.of(2L), NONE, NONE, T0);
    assertThat(gaps.advance(List.of(2L), NONE, NONE, T0.plusSeconds(9)).release()).isEmpty();
    assertThat(gaps.advance(List.of(2L), NONE, NONE, T0.plusSeconds(10)).release()).containsExactly(2L);
  }

  @Test
  void forcesAGapOpenLongerThanTheMaximumHoldAndSaysSo() {
    SequenceGaps gaps = new SequenceGaps(0, Duration.ZERO, Duration.ofSeconds(60));
    gaps.advance(List.of(2L), Set.of("stuck"), Set.of("stuck"), T0);
    assertThat(gaps.advance(List.of(2L), Set.of("stuck"), Set.of("stuck"), T0.plusSeconds(59)).release()).isEmpty();
    SequenceGaps.Pass forced = gaps.advance(List.of(2L), Set.of("stuck"), Set.of("stuck"), T0.plusSeconds(60));
    assertThat(forced.forced()).containsExactly(1L);
    assertThat(forced.release()).containsExactly(2L);
  }

  @Test
  void aHeldGapHoldsEverythingAboveItAndSeveralGapsSettleInOrder() {
    SequenceGaps gaps = new SequenceGaps(0, Duration.ZERO, Duration.ofMinutes(2));
    SequenceGaps.Pass first = gaps.advance(List.of(1L, 3L, 5L), Set.of("a"), Set.of("a"), T0);
    assertThat(first.release()).containsExactly(1L);
    assertThat(first.held()).hasValue(2);
    // 2 rolled back; 4 first seen now
    SequenceGaps.Pass second = gaps.advance(List.of(3L, 5L), NONE, NONE, T0.plusMillis(50));
    assertThat(second.skipped()).containsExactly(2L);
    assertThat(second.release()).containsExactly(3L);
    assertThat(second.held()).hasValue(4);
    SequenceGaps.Pass third = gaps.advance(List.of(4L, 5L), NONE, NONE, T0.plusMillis(100));
    assertThat(third.release()).containsExactly(4L, 5L);
    assertThat(third.releasedUpTo()).isEqualTo(5);
    assertThat(gaps.heldGaps()).isZero();
  }
}

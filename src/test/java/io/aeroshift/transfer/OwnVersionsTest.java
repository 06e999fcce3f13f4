package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What the per-partition generation memory keeps, drops, and hands to the checkpoint. */
class OwnVersionsTest {

  private static final long SWITCH = 1_795_000_000_000_000_000L;
  private static final byte[] A = digest(1);
  private static final byte[] B = digest(2);
  private static final byte[] C = digest(3);

  private static byte[] digest(int b) {
    byte[] d = new byte[20];
    d[19] = (byte) b;
    return d;
  }

  private static String hex(byte[] d) {
    return HexFormat.of().formatHex(d);
  }

  private static OwnVersions loaded() {
    return new OwnVersions(SWITCH, "test", 9, Map.of(hex(A), 4, hex(B), 7));
  }

  @Test
  void loadedVersionsConditionTheNextWrites() {
    OwnVersions own = loaded();
    assertThat(own.generation(A)).isEqualTo(OptionalInt.of(4));
    assertThat(own.generation(C)).isEmpty();
    assertThat(own.hasChanges()).isFalse();
  }

  @Test
  void aNewerWriteReplacesItsEntryAndUnknownGenerationsDropIt() {
    OwnVersions own = loaded();
    own.record(A, new WriteReply(WriteOutcome.WRITTEN, 5));
    own.record(C, new WriteReply(WriteOutcome.WRITTEN, 1));
    own.record(B, WriteReply.of(WriteOutcome.WRITTEN)); // a sink that could not tell

    assertThat(own.generation(A)).isEqualTo(OptionalInt.of(5));
    assertThat(own.generation(B)).as("a stale generation is worse than none").isEmpty();
    assertThat(own.takeChanges().generations())
        .isEqualTo(Map.of(hex(A), 5, hex(B), OwnVersionChanges.FORGET, hex(C), 1));
    assertThat(own.hasChanges()).as("taken").isFalse();
  }

  @Test
  void refusedInDoubtAndExpiredKeepTheEntry() {
    OwnVersions own = loaded();
    own.record(A, WriteReply.of(WriteOutcome.REFUSED_CLIENT_WROTE));
    own.record(B, WriteReply.of(WriteOutcome.IN_DOUBT));
    own.record(C, WriteReply.of(WriteOutcome.SKIPPED_EXPIRED));

    // kept for A: if the client deleted our version, generation A still refuses a re-creation
    assertThat(own.generation(A)).isEqualTo(OptionalInt.of(4));
    assertThat(own.generation(B)).isEqualTo(OptionalInt.of(7));
    assertThat(own.hasChanges()).isFalse();
  }

  @Test
  void anEngineDeleteForgetsAndARewriteOfTheSameGenerationIsNoChange() {
    OwnVersions own = loaded();
    own.forget(A);
    own.forget(C); // never ours: nothing to record
    own.record(B, new WriteReply(WriteOutcome.WRITTEN, 7));

    assertThat(own.generation(A)).isEmpty();
    assertThat(own.takeChanges().generations()).isEqualTo(Map.of(hex(A), OwnVersionChanges.FORGET));
  }

  @Test
  void changesOfAFailedCheckpointGoIntoTheNextOne() {
    OwnVersions own = loaded();
    own.record(A, new WriteReply(WriteOutcome.WRITTEN, 5));
    OwnVersionChanges unsaved = own.takeChanges();
    own.record(A, new WriteReply(WriteOutcome.WRITTEN, 6));
    own.record(C, new WriteReply(WriteOutcome.WRITTEN, 1));

    own.restore(unsaved);

    OwnVersionChanges next = own.takeChanges();
    assertThat(next.generations()).as("the newer generation of A wins")
        .isEqualTo(Map.of(hex(A), 6, hex(C), 1));
    assertThat(next.switchNanos()).isEqualTo(SWITCH);
    assertThat(next.partition()).isEqualTo(9);
  }
}

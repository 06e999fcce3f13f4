package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TtlRuleTest {

  private static final long NOW = 1_800_000_000L; // epoch seconds

  private static RecordImage withVoidTime(long voidTimeSince2010) {
    return new RecordImage("test", null, new byte[20], null, 1, (int) voidTimeSince2010,
        Map.of("a", 1L));
  }

  private static long since2010(long epochSeconds) {
    return epochSeconds - RecordImage.CITRUSLEAF_EPOCH_SECONDS;
  }

  @Test
  void neverExpiringStaysNeverExpiring() {
    assertThat(TtlRule.writeTtl(withVoidTime(0), NOW)).isEqualTo(-1);
  }

  @Test
  void remainingTtlIsCopied() {
    assertThat(TtlRule.writeTtl(withVoidTime(since2010(NOW + 3600)), NOW)).isEqualTo(3600);
  }

  @Test
  void expiredRecordIsSkipped() {
    assertThat(TtlRule.writeTtl(withVoidTime(since2010(NOW)), NOW)).isEqualTo(TtlRule.EXPIRED);
    assertThat(TtlRule.writeTtl(withVoidTime(since2010(NOW - 10)), NOW)).isEqualTo(TtlRule.EXPIRED);
  }

  @Test
  void lastSecondIsStillWritten() {
    assertThat(TtlRule.writeTtl(withVoidTime(since2010(NOW + 1)), NOW)).isEqualTo(1);
  }
}

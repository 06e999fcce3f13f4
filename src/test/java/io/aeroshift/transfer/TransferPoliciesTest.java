package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Value;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.policy.GenerationPolicy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TransferPoliciesTest {

  private final TransferPolicies policies = new TransferPolicies(TransferSettings.defaults());
  private static final long SWITCH = WriteMode.toNanos(Instant.parse("2026-11-28T06:00:00Z"));

  private static RecordImage image(Value userKey) {
    return new RecordImage("test", "s", new byte[20], userKey, 3, 0, Map.of("a", 1L));
  }

  @Test
  void fullScanHasNoFilterAndReadsBins() {
    ScanPolicy p = policies.scanPolicy(true, 0);
    assertThat(p.filterExp).isNull();
    assertThat(p.includeBinData).isTrue();
    assertThat(p.totalTimeout).isZero();
  }

  @Test
  void catchUpScanFiltersOnLastUpdateAtOrAfterSince() {
    ScanPolicy p = policies.scanPolicy(true, 123_456_789L);
    assertThat(p.filterExp)
        .isEqualTo(Exp.build(Exp.ge(Exp.lastUpdate(), Exp.val(123_456_789L))))
        .isNotEqualTo(Exp.build(Exp.gt(Exp.lastUpdate(), Exp.val(123_456_789L))));
  }

  @Test
  void digestScanReadsNoBins() {
    assertThat(policies.scanPolicy(false, 0).includeBinData).isFalse();
  }

  @Test
  void beforeSwitchWritesReplaceUnconditionallyWithTtlAndKey() {
    WritePolicy p = policies.writePolicy(image(Value.get("k1")), 500, WriteMode.replace(),
        OptionalInt.empty());
    assertThat(p.recordExistsAction).isEqualTo(RecordExistsAction.REPLACE);
    assertThat(p.generationPolicy).isEqualTo(GenerationPolicy.NONE);
    assertThat(p.filterExp).isNull();
    assertThat(p.expiration).isEqualTo(500);
    assertThat(p.sendKey).isTrue();
    assertThat(p.failOnFilteredOut).isTrue();
  }

  @Test
  void noUserKeyMeansNoSendKey() {
    WritePolicy p = policies.writePolicy(image(null), -1, WriteMode.replace(), OptionalInt.empty());
    assertThat(p.sendKey).isFalse();
    assertThat(p.expiration).isEqualTo(-1);
  }

  @Test
  void afterSwitchWriteAppliesOnlyToRecordsLastUpdatedBeforeTheSwitch() {
    WriteMode mode = new WriteMode(WriteMode.Kind.AFTER_SWITCH, SWITCH);
    WritePolicy p = policies.writePolicy(image(null), -1, mode, OptionalInt.empty());
    assertThat(p.filterExp)
        .isEqualTo(Exp.build(Exp.lt(Exp.lastUpdate(), Exp.val(SWITCH))))
        .isEqualTo(TransferPolicies.notWrittenSince(SWITCH));
    assertThat(p.generationPolicy).isEqualTo(GenerationPolicy.NONE);
    assertThat(p.recordExistsAction).isEqualTo(RecordExistsAction.REPLACE);
  }

  @Test
  void afterSwitchWriteOfOurOwnVersionChecksItsGeneration() {
    WriteMode mode = new WriteMode(WriteMode.Kind.AFTER_SWITCH, SWITCH);
    WritePolicy p = policies.writePolicy(image(null), 10, mode, OptionalInt.of(7));
    assertThat(p.generationPolicy).isEqualTo(GenerationPolicy.EXPECT_GEN_EQUAL);
    assertThat(p.generation).isEqualTo(7);
    assertThat(p.filterExp).isNull();
  }

  @Test
  void afterSwitchDeleteCarriesTheSwitchFilter() {
    WriteMode mode = new WriteMode(WriteMode.Kind.AFTER_SWITCH, SWITCH);
    assertThat(policies.deletePolicy(mode, OptionalInt.empty()).filterExp)
        .isEqualTo(TransferPolicies.notWrittenSince(SWITCH));
    assertThat(policies.deletePolicy(WriteMode.replace(), OptionalInt.empty()).filterExp).isNull();
  }

  @Test
  void everyCallBuildsAFreshPolicy() {
    WritePolicy a = policies.writePolicy(image(null), 5, WriteMode.replace(), OptionalInt.empty());
    a.expiration = 99;
    a.recordExistsAction = RecordExistsAction.CREATE_ONLY;
    WritePolicy b = policies.writePolicy(image(null), 5, WriteMode.replace(), OptionalInt.empty());
    assertThat(b).isNotSameAs(a);
    assertThat(b.expiration).isEqualTo(5);
    assertThat(b.recordExistsAction).isEqualTo(RecordExistsAction.REPLACE);
  }

  @Test
  void switchInstantIsInNanoseconds() {
    assertThat(WriteMode.toNanos(Instant.ofEpochSecond(2, 5))).isEqualTo(2_000_000_005L);
  }
}

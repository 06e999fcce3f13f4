package io.aeroshift.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A source node whose clock is ahead stamps writes made before the cut-off as if after it; the
 * validation must not leave them out unseen (bin/chaos --seed 218 found a record missing on the
 * target that no partition of the report named).
 */
class SourceClocksTest {

  @Test
  void currentTimeAheadOfTheServiceByMoreThanTheToleranceIsAhead() {
    Instant now = Instant.parse("2026-12-07T08:00:00Z");
    long nowSince2010 = now.getEpochSecond() - 1262304000L;
    assertThat(SourceClocks.aheadBy("A", "objects=1;current_time=" + (nowSince2010 + 70) + ";x=y", now))
        .hasValueSatisfying(s -> assertThat(s).contains("source node A clock is 70 s ahead"));
    assertThat(SourceClocks.aheadBy("A", "current_time=" + (nowSince2010 + 2), now)).isEmpty();
    assertThat(SourceClocks.aheadBy("A", "current_time=" + (nowSince2010 - 300), now)).isEmpty();
    assertThat(SourceClocks.aheadBy("A", "objects=1", now)).isEmpty();
  }

  @Test
  void aRecordMissingOnTheTargetBehindASourceClockAheadIsNeverPassedOver() {
    try (EmulatedCluster source = EmulatedCluster.builder().nodes(2).namespace(NamespaceSpec.named("test")).start();
        EmulatedCluster target = EmulatedCluster.builder().nodes(1).namespace(NamespaceSpec.named("test")).start();
        AerospikeClient client = new AerospikeClient(new ClientPolicy(), source.hosts())) {
      for (int node = 0; node < 2; node++) {
        assertThat(Info.request("127.0.0.1", source.ports()[node], "aeroshift-fault:clock-offset-ms=70000;node=" + node)).isEqualTo("ok");
      }
      client.put(null, new Key("test", "s", "only-on-source"), new Bin("a", 1)); // stamped 70 s ahead
      try (AerospikeValidator v = AerospikeValidator.connect(List.of(source.hosts()), List.of(target.hosts()),
          ValidationSuite.defaults(), AerospikeValidator.Settings.defaults(), new InMemoryValidationResultStore(), "skew")) {
        ValidationResult r = v.validate("test", Instant.now(), ValidationEngine.allPartitions());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.failure()).contains("clock is").contains("ahead");
      }
      // clocks right again: the record written ahead still carries a last-update time in the future
      source.faults().clear();
      try (AerospikeValidator v = AerospikeValidator.connect(List.of(source.hosts()), List.of(target.hosts()),
          ValidationSuite.defaults(), AerospikeValidator.Settings.defaults(), new InMemoryValidationResultStore(), "skew")) {
        // the record looks changed after any cut-off: its own partition is not validated (exit 2),
        // every other partition is validated as usual, and a re-check keeps it unvalidated while the
        // stamp is still in the future
        int stamped = io.aeroshift.transfer.PartitionIds.of(new Key("test", "s", "only-on-source").digest);
        ValidationResult r = v.validate("test", Instant.now(), ValidationEngine.allPartitions());
        assertStampedPartitionUnvalidated(r, stamped);
        assertStampedPartitionUnvalidated(v.recheck(r, Instant.now()), stamped);
        assertStampedPartitionUnvalidated(v.validate("test", Instant.now(), List.of(stamped)), stamped);
        List<Integer> others = ValidationEngine.allPartitions().stream().filter(p -> p != stamped).toList();
        ValidationResult elsewhere = v.validate("test", Instant.now(), others);
        assertThat(elsewhere.failure()).isNull();
        assertThat(elsewhere.exitCode()).isZero();
        assertThat(elsewhere.partitions()).hasSize(others.size());
        assertThat(v.recheck(elsewhere, Instant.now()).failure()).isNull();
      }
      // a record written on time is validated as usual: found missing
      try (EmulatedCluster fresh = EmulatedCluster.builder().nodes(1).namespace(NamespaceSpec.named("test")).start();
          AerospikeClient c = new AerospikeClient(new ClientPolicy(), fresh.hosts());
          AerospikeValidator v = AerospikeValidator.connect(List.of(fresh.hosts()), List.of(target.hosts()),
              ValidationSuite.defaults(), AerospikeValidator.Settings.defaults(), new InMemoryValidationResultStore(), "ok")) {
        Key key = new Key("test", "s", "only-on-source");
        c.put(null, key, new Bin("a", 1));
        // a cut-off past the write's millisecond (the cut-off is applied 1 ms early, docs/validation.md)
        Instant cutoff = Instant.now().plusMillis(5);
        ValidationResult r = v.validate("test", cutoff, ValidationEngine.allPartitions());
        assertThat(r.failure()).isNull();
        r = v.recheck(r, cutoff); // a differing partition is re-checked before it counts as a mismatch
        assertThat(r.failure()).isNull();
        assertThat(r.exitCode()).isNotZero();
        int partition = io.aeroshift.transfer.PartitionIds.of(key.digest);
        assertThat(r.partitions()).filteredOn(p -> p.partitionId() == partition).singleElement()
            .satisfies(p -> assertThat(p.status()).isNotEqualTo(PartitionStatus.MATCH));
      }
    }
  }

  private static void assertStampedPartitionUnvalidated(ValidationResult r, int stamped) {
    assertThat(r.failure()).isNull();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.partitions()).filteredOn(p -> p.status() != PartitionStatus.MATCH)
        .extracting(PartitionResult::partitionId).containsExactly(stamped);
    PartitionResult p = r.partitions().stream().filter(x -> x.partitionId() == stamped).findFirst().orElseThrow();
    assertThat(p.status()).isEqualTo(PartitionStatus.UNVALIDATED);
    assertThat(p.unvalidatedReason()).contains("last updated more than 5 s after now");
  }
}

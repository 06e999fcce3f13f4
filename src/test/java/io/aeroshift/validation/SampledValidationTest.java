package io.aeroshift.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Value;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import java.time.Instant;
import java.util.List;
import io.aeroshift.transfer.PartitionIds;
import org.junit.jupiter.api.Test;

/**
 * A sampled run (the shipped {@code quick} suite, 1%) against emulated clusters: the sample is read
 * on servers that filter on {@code digestModulo} (5.2 and later), taken on the client for older
 * ones, and compares exactly the same records either way. What the servers sent is counted by
 * their own {@code scan_records_returned} statistic.
 */
class SampledValidationTest {

  static final String NS = "test";
  static final String SET = "bench";
  static final int RECORDS = 20_000;

  static EmulatedCluster cluster(String build) {
    return EmulatedCluster.builder().nodes(3).basePort(0).build(build)
        .namespace(NamespaceSpec.named(NS).replicationFactor(2)).start();
  }

  static ValidationSuite quick() {
    ValidationSuite quick = ValidationSuiteLoader.load(ValidationSuiteLoader.nearestDirectory(), "quick");
    assertThat(quick.sample().rate()).isEqualTo(0.01);
    return quick;
  }

  /** Records in the sample among those loadRecords writes: the same function the servers apply. */
  static int inSample(DigestSample sample) {
    int n = 0;
    for (int i = 0; i < RECORDS; i++) {
      if (sample.includes(Key.computeDigest(SET, new Value.StringValue("key-" + i)))) {
        n++;
      }
    }
    return n;
  }

  /** Records the cluster's nodes have returned to scans so far (master partitions only). */
  static long scanRecordsReturned(EmulatedCluster cluster) {
    long sum = 0;
    try (AerospikeClient c = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
      for (Node node : c.getNodes()) {
        for (String kv : Info.request(null, node, "namespace/" + NS).split(";")) {
          if (kv.startsWith("scan_records_returned=")) {
            sum += Long.parseLong(kv.substring(kv.indexOf('=') + 1));
          }
        }
      }
    }
    return sum;
  }

  record Run(ValidationResult result, String note, long sourceSent, long targetSent) {}

  static Run validate(EmulatedCluster source, EmulatedCluster target, ValidationSuite suite) {
    long sourceBefore = scanRecordsReturned(source);
    long targetBefore = scanRecordsReturned(target);
    try (AerospikeValidator v = AerospikeValidator.connect(List.of(source.hosts()), List.of(target.hosts()), suite,
        AerospikeValidatorTest.SETTINGS, new InMemoryValidationResultStore(), "test")) {
      ValidationResult r = v.validate(NS, Instant.now(), ValidationEngine.allPartitions());
      return new Run(r, v.sampleNote(), scanRecordsReturned(source) - sourceBefore, scanRecordsReturned(target) - targetBefore);
    }
  }

  @Test
  void aOnePercentSampleReadsOnlyTheSampleFromServersThatFilterOnDigestModulo() {
    ValidationSuite quick = quick();
    int expected = inSample(quick.sample());
    assertThat(expected).as("about 1% of the records").isBetween(RECORDS / 200, RECORDS * 2 / 100);
    try (EmulatedCluster source = cluster("7.2.0.6"); EmulatedCluster target = cluster("7.2.0.6")) {
      source.loadRecords(NS, SET, RECORDS, 60);
      target.loadRecords(NS, SET, RECORDS, 60);

      Run sampled = validate(source, target, quick);
      assertThat(sampled.note()).contains("1.00%", "read on the servers");
      assertThat(sampled.sourceSent()).as("records the source sent").isEqualTo(expected);
      assertThat(sampled.targetSent()).as("records the target sent").isEqualTo(expected);
      ValidationResult r = sampled.result();
      assertThat(r.exitCode()).as(ValidationReport.text(r)).isZero();
      assertThat(r.summary().sourceRecordsCompared()).isEqualTo(expected);
      assertThat(r.summary().targetRecordsCompared()).isEqualTo(expected);
      assertThat(r.sampleRate()).isEqualTo(0.01);
      assertThat(r.finalEvidence()).as("a sampled run is never final evidence unless the suite says so").isFalse();
      assertThat(r.passedAsEvidence()).isFalse();

      Run full = validate(source, target, ValidationSuite.defaults());
      assertThat(full.note()).isNull();
      assertThat(full.sourceSent()).isEqualTo(RECORDS);
      assertThat(full.result().finalEvidence()).isTrue();
    }
  }

  @Test
  void aSourceWithoutDigestModuloIsSampledOnTheClientAndComparesTheSameRecords() {
    ValidationSuite quick = quick();
    int expected = inSample(quick.sample());
    try (EmulatedCluster source = cluster("5.1.0.3"); EmulatedCluster target = cluster("7.2.0.6")) {
      source.loadRecords(NS, SET, RECORDS, 60);
      target.loadRecords(NS, SET, RECORDS, 60);

      Run run = validate(source, target, quick);
      assertThat(run.note()).contains("taken on the client for the source", "5.2.0.0");
      assertThat(run.sourceSent()).as("the old source sends every record").isEqualTo(RECORDS);
      assertThat(run.targetSent()).as("the target still filters").isEqualTo(expected);
      ValidationResult r = run.result();
      assertThat(r.exitCode()).as(ValidationReport.text(r)).isZero();
      assertThat(r.summary().sourceRecordsCompared()).isEqualTo(expected);
      assertThat(r.summary().targetRecordsCompared()).isEqualTo(expected);
      assertThat(r.finalEvidence()).isFalse();
    }
  }

  @Test
  void aSampledDifferenceOutsideTheSampleIsNotSeenAndOneInsideIsFound() {
    ValidationSuite quick = quick();
    try (EmulatedCluster source = cluster("7.2.0.6"); EmulatedCluster target = cluster("7.2.0.6")) {
      source.loadRecords(NS, SET, 2_000, 60);
      target.loadRecords(NS, SET, 2_000, 60);
      Key inside = null;
      Key outside = null;
      for (int i = 0; i < 2_000 && (inside == null || outside == null); i++) {
        Key k = new Key(NS, SET, "key-" + i);
        if (quick.sample().includes(k.digest)) {
          inside = inside == null ? k : inside;
        } else {
          outside = outside == null ? k : outside;
        }
      }
      try (AerospikeClient t = new AerospikeClient(new ClientPolicy(), target.hosts())) {
        t.delete(null, inside);
        t.delete(null, outside);
      }
      int insidePartition = PartitionIds.of(inside.digest);
      ValidationResult r = validate(source, target, quick).result();
      assertThat(r.summary().missing()).as(ValidationReport.text(r)).isEqualTo(1);
      assertThat(r.partitions()).filteredOn(p -> p.diff() != null && p.diff().missing() > 0)
          .singleElement()
          .satisfies(p -> assertThat(p.partitionId()).isEqualTo(insidePartition));
    }
  }
}

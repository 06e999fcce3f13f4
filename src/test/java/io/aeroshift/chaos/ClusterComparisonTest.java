package io.aeroshift.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The campaign's own judge of a cutover: source and target compared, client writes on the target left out. */
class ClusterComparisonTest {
  private static final String NS = "catalog";

  private EmulatedCluster sourceCluster;
  private EmulatedCluster targetCluster;
  private AerospikeClient source;
  private AerospikeClient target;

  @BeforeEach
  void start() {
    sourceCluster = EmulatedCluster.builder().nodes(1).basePort(0).edition(Edition.COMMUNITY).build("6.4.0.10")
        .namespace(NamespaceSpec.named(NS).replicationFactor(1).defaultTtl(0)).start();
    targetCluster = EmulatedCluster.builder().nodes(1).basePort(0).edition(Edition.ENTERPRISE).build("7.2.0.6")
        .namespace(NamespaceSpec.named(NS).replicationFactor(1).defaultTtl(0)).start();
    ClientPolicy p = new ClientPolicy();
    p.timeout = 2000;
    source = new AerospikeClient(p, sourceCluster.hosts());
    target = new AerospikeClient(p, targetCluster.hosts());
  }

  @AfterEach
  void stop() {
    source.close();
    target.close();
    sourceCluster.close();
    targetCluster.close();
  }

  @Test
  void aRecordTheApplicationCreatesOnTheTargetDuringTheComparisonIsAClientWriteNotAnExtraRecord() {
    for (int i = 0; i < 50; i++) {
      Key k = new Key(NS, "live", "catalog-api-" + i);
      source.put(null, k, new Bin("seq", i));
      target.put(null, k, new Bin("seq", i));
    }
    Key copiedThenGoneFromSource = new Key(NS, "live", "catalog-api-50");
    target.put(null, copiedThenGoneFromSource, new Bin("seq", 50));
    // a whole millisecond: the server keeps last-update times in milliseconds
    long cutoverBeganMillis = System.currentTimeMillis() + 1;
    long since = cutoverBeganMillis * 1_000_000L;
    Key writtenBefore = new Key(NS, "live", "catalog-api-51");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2))
        .until(() -> System.currentTimeMillis() >= cutoverBeganMillis);
    target.put(null, writtenBefore, new Bin("seq", 51));
    Key writtenWhileComparing = new Key(NS, "live", "catalog-api-549");

    ClusterComparison.SinceComparison c = ClusterComparison.compareSince(source, target, NS, since,
        () -> target.put(null, writtenWhileComparing, new Bin("seq", 549)));

    // the record copied before the cutover and gone from the source is still found; both client writes are left out
    assertThat(c.differences()).containsExactly(new ClusterComparison.Difference(
        HexFormat.of().formatHex(copiedThenGoneFromSource.digest),
        io.aeroshift.transfer.PartitionIds.of(copiedThenGoneFromSource.digest), "extra"));
    assertThat(c.leftOut()).isEqualTo(2);
  }
}

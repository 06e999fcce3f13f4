package io.aeroshift.emulator;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.policy.ClientPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The shared record and expression scenarios against a 3-node emulated Community cluster (7.x formats). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmulatorRecordTest implements RecordScenarios, ExpressionScenarios {
  private EmulatedCluster cluster;
  private AerospikeClient client;

  @BeforeAll
  void start() {
    cluster = EmulatedCluster.builder().nodes(3).edition(Edition.COMMUNITY).build("7.2.0.6")
        .namespace(NamespaceSpec.named("test").replicationFactor(2)).start();
    client = new AerospikeClient(new ClientPolicy(), cluster.hosts());
  }

  @AfterAll
  void stop() {
    if (client != null) client.close();
    if (cluster != null) cluster.close();
  }

  @Override
  public AerospikeClient client() {
    return client;
  }

  @Override
  public String ns() {
    return "test";
  }
}

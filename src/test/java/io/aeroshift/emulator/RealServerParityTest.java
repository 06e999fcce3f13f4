package io.aeroshift.emulator;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.policy.ClientPolicy;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The same record and expression scenarios as {@link EmulatorRecordTest}, run against the real
 * Community server image, so every assumption the emulator makes is checked wherever Docker runs.
 * The image can be pinned with {@code -Daeroshift.parity.image=aerospike/aerospike-server:<tag>}.
 * Assumes the Docker host is reachable on loopback (single node: no peers to redirect to).
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealServerParityTest implements RecordScenarios, ExpressionScenarios {

  @Container
  static final GenericContainer<?> SERVER = new GenericContainer<>(
      DockerImageName.parse(System.getProperty("aeroshift.parity.image", "aerospike/aerospike-server:latest")))
      .withExposedPorts(3000)
      .waitingFor(Wait.forLogMessage(".*service ready: soon there will be cake!.*", 1)
          .withStartupTimeout(Duration.ofMinutes(3)));

  private AerospikeClient client;

  @BeforeAll
  void connect() {
    ClientPolicy policy = new ClientPolicy();
    policy.timeout = 10_000;
    client = new AerospikeClient(policy, new Host(SERVER.getHost(), SERVER.getMappedPort(3000)));
  }

  @AfterAll
  void disconnect() {
    if (client != null) client.close();
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

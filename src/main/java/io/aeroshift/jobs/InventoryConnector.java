package io.aeroshift.jobs;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.IAerospikeClient;
import io.aeroshift.discovery.AerospikeClients;
import io.aeroshift.discovery.ConnectionSpec;
import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.transfer.CopyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Opens a copy run's clients the way discovery reaches clusters: a registered cluster through its
 * inventory entry (seeds, user, password reference read now, TLS), plain seeds without
 * credentials. Called from run threads, hence the request context it activates for the inventory.
 * A side that cannot be reached fails the run with SOURCE_UNREACHABLE or TARGET_UNREACHABLE.
 */
@ApplicationScoped
public class InventoryConnector implements CopyRunService.Connector {

  @Inject DiscoveryService discovery;

  @Inject CopyConfig config;

  @Override
  @ActivateRequestContext
  public CopyRunService.Clients open(CopyRunSpec spec) {
    ConnectionSpec source = discovery.connection(spec.source());
    return clients(spec, source, () -> spec.targetCluster() != null ? discovery.connection(spec.targetCluster())
        : discovery.connectionToSeeds(spec.targetSeeds()), config.maxScans() + config.writeConcurrency());
  }

  /**
   * Both clients of a run, from the connections of its sides (the target's resolved only once the
   * source is connected); a side that cannot be reached fails the run, typed.
   *
   * @param connections connections per node (a copy has maxScans scans and writeConcurrency writes in flight)
   */
  public static CopyRunService.Clients clients(CopyRunSpec spec, ConnectionSpec source,
      java.util.function.Supplier<ConnectionSpec> target, int connections) {
    IAerospikeClient s = connect("source " + spec.source(), source, FailureReason.SOURCE_UNREACHABLE, connections);
    try {
      return new CopyRunService.Clients(s, connect("target " + spec.target(), target.get(),
          FailureReason.TARGET_UNREACHABLE, connections));
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private static IAerospikeClient connect(String side, ConnectionSpec spec, FailureReason unreachable,
      int connections) {
    try {
      return AerospikeClients.connect(spec, connections);
    } catch (AerospikeException e) {
      throw new RunFailedException(Failure.of(unreachable, "cannot connect to the " + side + " " + spec.seeds() + ": "
          + e.getMessage(), Instant.now()), e);
    }
  }
}

package io.aeroshift.workflow;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.IAerospikeClient;
import io.aeroshift.discovery.AerospikeClients;
import io.aeroshift.discovery.ConnectionSpec;
import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.transfer.CopyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

/**
 * Opens a copy run's clients the way discovery reaches clusters: a registered cluster through its
 * inventory entry (seeds, user, password reference read now, TLS), plain seeds without
 * credentials. Called from run threads, hence the request context it activates for the inventory.
 */
@ApplicationScoped
public class InventoryConnector implements CopyRunService.Connector {

  @Inject DiscoveryService discovery;

  @Inject CopyConfig config;

  @Override
  @ActivateRequestContext
  public CopyRunService.Clients open(CopyRunSpec spec) {
    IAerospikeClient source = connect("source " + spec.source(), discovery.connection(spec.source()));
    try {
      ConnectionSpec target = spec.targetCluster() != null ? discovery.connection(spec.targetCluster())
          : discovery.connectionToSeeds(spec.targetSeeds());
      return new CopyRunService.Clients(source, connect("target " + spec.target(), target));
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
  }

  private IAerospikeClient connect(String side, ConnectionSpec spec) {
    try {
      // a copy has maxScans scans and writeConcurrency writes in flight
      return AerospikeClients.connect(spec, config.maxScans() + config.writeConcurrency());
    } catch (AerospikeException e) {
      throw new IllegalStateException("cannot connect to the " + side + " " + spec.seeds() + ": " + e.getMessage(), e);
    }
  }
}

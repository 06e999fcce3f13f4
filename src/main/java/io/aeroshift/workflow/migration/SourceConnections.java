package io.aeroshift.workflow.migration;

import io.aeroshift.discovery.ConnectionSpec;
import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.discovery.SnapshotStore;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.discovery.NamespaceInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.List;

/**
 * A plan's source as the workflow reaches it: through its inventory entry, the way discovery and
 * copy runs do, and its namespaces from its latest discovery. Called from reconciler and job
 * threads, hence the request context it activates for the inventory.
 */
@ApplicationScoped
public class SourceConnections {
  @Inject DiscoveryService discovery;
  @Inject SnapshotStore snapshots;

  @ActivateRequestContext
  public ConnectionSpec connection(MigrationPlan plan) {
    return discovery.connection(plan.source().cluster());
  }

  /** The namespaces to migrate: every namespace of the source's latest discovery. */
  @ActivateRequestContext
  public List<String> namespaces(MigrationPlan plan) {
    return snapshots.latest(plan.source().cluster())
        .orElseThrow(() -> new IllegalStateException("source " + plan.source().cluster() + " was never discovered"))
        .namespaces().stream().map(NamespaceInfo::name).toList();
  }
}

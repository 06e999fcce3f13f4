package io.aeroshift.workflow.migration;

import io.aeroshift.inventory.ClusterUsers;
import io.aeroshift.workflow.machine.Migration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Migrations not yet final whose source is a given cluster. */
@ApplicationScoped
public class ActiveMigrationsOfCluster implements ClusterUsers {
  @Inject MigrationStore store;

  @Override
  public List<String> activeUsersOf(String cluster) {
    return store.list(null, null).stream()
        .filter(m -> !m.phase().terminal() && cluster.equals(m.source()))
        .map(ActiveMigrationsOfCluster::describe)
        .toList();
  }

  private static String describe(Migration m) {
    return "migration " + m.id() + " (" + m.phase() + ")";
  }
}

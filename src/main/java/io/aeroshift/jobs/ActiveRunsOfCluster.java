package io.aeroshift.jobs;

import io.aeroshift.inventory.ClusterUsers;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** Active copy and validation runs whose source or registered target is a given cluster. */
@ApplicationScoped
public class ActiveRunsOfCluster implements ClusterUsers {
  @Inject AgroalDataSource dataSource;

  @Override
  public List<String> activeUsersOf(String cluster) {
    List<String> out = new ArrayList<>();
    for (CopyRun run : new JdbcCopyRunStore(dataSource).list()) {
      if (run.state().active() && refersTo(run.spec().source(), run.spec().targetCluster(), cluster)) {
        out.add("copy run " + run.id() + " (" + run.state() + ")");
      }
    }
    for (ValidationRun run : new JdbcValidationRunStore(dataSource).inState(ValidationRunState.RUNNING)) {
      if (refersTo(run.spec().source(), run.spec().targetCluster(), cluster)) {
        out.add("validation run " + run.id() + " (" + run.state() + ")");
      }
    }
    return out;
  }

  private static boolean refersTo(String source, String target, String cluster) {
    return cluster.equals(source) || cluster.equals(target);
  }
}

package io.aeroshift.jobs;

import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.discovery.NamespaceInfo;
import io.aeroshift.discovery.SetInfo;
import io.aeroshift.discovery.SnapshotStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

/**
 * Records a copy should expect: the objects of the namespace (or set) in the latest discovery
 * snapshot of the source; 0 when it was never discovered. Called from run threads, hence the
 * request context it activates for the snapshot store.
 */
@ApplicationScoped
public class SnapshotEstimates implements CopyRunService.Estimates {

  @Inject SnapshotStore snapshots;

  @Override
  @ActivateRequestContext
  public long objects(String source, String namespace, String set) {
    return snapshots.latest(source).map(s -> objects(s, namespace, set)).orElse(0L);
  }

  static long objects(ClusterSnapshot snapshot, String namespace, String set) {
    NamespaceInfo ns = snapshot.namespace(namespace);
    if (ns == null) {
      return 0;
    }
    if (set == null) {
      return ns.objects();
    }
    return ns.sets().stream().filter(s -> s.name().equals(set)).mapToLong(SetInfo::objects).findFirst().orElse(0);
  }
}

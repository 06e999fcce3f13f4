package io.aeroshift.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeroshift.inventory.ClusterRemoved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Versioned, immutable discovery snapshots in the state store. Versions count from 1 per cluster;
 * the primary key (cluster, version) makes two concurrent runs unable to take the same version.
 */
@ApplicationScoped
public class SnapshotStore {
  @Inject EntityManager em;
  @Inject ObjectMapper json;

  /**
   * Stores {@code snapshot} as the next version of its cluster.
   *
   * @return the snapshot as stored, with its version
   */
  @Transactional
  public ClusterSnapshot append(ClusterSnapshot snapshot) {
    Integer max = em.createQuery("select max(s.version) from SnapshotEntity s where s.clusterName = :c", Integer.class)
        .setParameter("c", snapshot.cluster()).getSingleResult();
    int version = max == null ? 1 : max + 1;
    ClusterSnapshot stored = new ClusterSnapshot(snapshot.cluster(), version, snapshot.takenAt(), snapshot.clusterName(),
        snapshot.partial(), snapshot.problems(), snapshot.nodes(), snapshot.namespaces(), snapshot.secondaryIndexes(),
        snapshot.udfs(), snapshot.clientConnections(), snapshot.rates(), snapshot.serviceConfig(),
        snapshot.networkConfig());
    SnapshotEntity row = new SnapshotEntity();
    row.clusterName = stored.cluster();
    row.version = version;
    row.takenAt = stored.takenAt();
    row.partial = stored.partial();
    row.snapshotJson = write(stored);
    em.persist(row);
    em.flush();
    return stored;
  }

  /** Summaries of every snapshot of a cluster, oldest first. */
  public List<SnapshotSummary> list(String cluster) {
    return em.createQuery("select new io.aeroshift.discovery.SnapshotSummary(s.clusterName, s.version, s.takenAt, s.partial) "
            + "from SnapshotEntity s where s.clusterName = :c order by s.version", SnapshotSummary.class)
        .setParameter("c", cluster).getResultList();
  }

  public Optional<ClusterSnapshot> get(String cluster, int version) {
    SnapshotEntity row = em.find(SnapshotEntity.class, new SnapshotEntity.Key(cluster, version));
    return Optional.ofNullable(row).map(r -> read(r.snapshotJson));
  }

  public Optional<ClusterSnapshot> latest(String cluster) {
    return em.createQuery("from SnapshotEntity s where s.clusterName = :c order by s.version desc", SnapshotEntity.class)
        .setParameter("c", cluster).setMaxResults(1).getResultStream().findFirst().map(r -> read(r.snapshotJson));
  }

  /** A removed cluster's snapshots go with it, in the removing transaction. */
  void onClusterRemoved(@Observes ClusterRemoved removed) {
    deleteAll(removed.name());
  }

  /** Removes every snapshot of a cluster (when the cluster is unregistered). */
  @Transactional
  public int deleteAll(String cluster) {
    return em.createQuery("delete from SnapshotEntity s where s.clusterName = :c").setParameter("c", cluster).executeUpdate();
  }

  private String write(ClusterSnapshot s) {
    try {
      return json.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise snapshot of " + s.cluster(), e);
    }
  }

  private ClusterSnapshot read(String text) {
    try {
      return json.readValue(text, ClusterSnapshot.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored snapshot is unreadable", e);
    }
  }
}

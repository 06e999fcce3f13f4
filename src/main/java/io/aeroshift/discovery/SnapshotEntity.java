package io.aeroshift.discovery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** Row of {@code discovery_snapshot}: written once, never updated. */
@Entity
@Table(name = "discovery_snapshot")
@IdClass(SnapshotEntity.Key.class)
public class SnapshotEntity {
  @Id
  @Column(name = "cluster_name")
  public String clusterName;

  @Id
  @Column(name = "version")
  public int version;

  @Column(name = "taken_at", nullable = false)
  public Instant takenAt;

  @Column(name = "partial", nullable = false)
  public boolean partial;

  @Column(name = "snapshot_json", nullable = false)
  public String snapshotJson;

  /** Composite key (cluster, version). */
  public static class Key implements Serializable {
    public String clusterName;
    public int version;

    public Key() {}

    public Key(String clusterName, int version) {
      this.clusterName = clusterName;
      this.version = version;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.version == version && Objects.equals(k.clusterName, clusterName);
    }

    @Override
    public int hashCode() {
      return Objects.hash(clusterName, version);
    }
  }
}

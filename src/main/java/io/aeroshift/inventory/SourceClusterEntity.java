package io.aeroshift.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** Row of {@code source_cluster}. Structured parts are JSON text so H2 and PostgreSQL read them alike. */
@Entity
@Table(name = "source_cluster")
public class SourceClusterEntity {
  @Id
  @Column(name = "name")
  public String name;

  @Column(name = "team", nullable = false)
  public String team;

  @Column(name = "seeds_json", nullable = false)
  public String seedsJson;

  @Column(name = "tls_json")
  public String tlsJson;

  @Column(name = "credentials_json")
  public String credentialsJson;

  @Column(name = "labels_json", nullable = false)
  public String labelsJson;

  @Column(name = "origin", nullable = false)
  public String origin;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Version
  @Column(name = "row_version", nullable = false)
  public long rowVersion;
}

package io.aeroshift.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeroshift.outcome.RequestRefused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The registry of source clusters, kept in the state store. Every write checks the entries with
 * {@link InventoryRules} first, and a batch ({@link #importAll}) is one transaction: all or nothing.
 */
@ApplicationScoped
public class Inventory {
  private static final Logger LOG = Logger.getLogger(Inventory.class);
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  @Inject EntityManager em;
  @Inject ObjectMapper json;
  @Inject Event<ClusterRemoved> removed;
  @Inject CredentialsConfig credentialRoots;
  @Inject jakarta.enterprise.inject.Instance<ClusterUsers> users;

  /** All registered clusters, by name. */
  public List<RegisteredCluster> list() {
    return em.createQuery("from SourceClusterEntity order by name", SourceClusterEntity.class)
        .getResultStream().map(this::toRegistered).toList();
  }

  public Optional<RegisteredCluster> find(String name) {
    return Optional.ofNullable(em.find(SourceClusterEntity.class, name)).map(this::toRegistered);
  }

  /** 404 CLUSTER_NOT_FOUND: no cluster of that name is registered. */
  public static RequestRefused notFound(String name) {
    return new RequestRefused(404, "CLUSTER_NOT_FOUND", "no source cluster named '" + name + "' is registered");
  }

  public RegisteredCluster get(String name) {
    return find(name).orElseThrow(() -> notFound(name));
  }

  /** Registers a new cluster; fails if the name is taken. */
  @Transactional
  public RegisteredCluster create(ClusterEntry entry, Origin origin) {
    requireValid(entry, "request body");
    if (em.find(SourceClusterEntity.class, entry.name()) != null) {
      throw new RequestRefused(409, "CLUSTER_EXISTS", "a source cluster named '" + entry.name() + "' is already registered");
    }
    SourceClusterEntity row = new SourceClusterEntity();
    row.createdAt = Instant.now();
    fill(row, entry, origin);
    em.persist(row);
    LOG.infof("registered source cluster %s (team %s, %d seeds, origin %s)", entry.name(), entry.team(), entry.seeds().size(), origin);
    return toRegistered(row);
  }

  /** Replaces the entry of an existing cluster. */
  @Transactional
  public RegisteredCluster replace(ClusterEntry entry, Origin origin) {
    requireValid(entry, "request body");
    SourceClusterEntity row = em.find(SourceClusterEntity.class, entry.name());
    if (row == null) {
      throw notFound(entry.name());
    }
    fill(row, entry, origin);
    LOG.infof("updated source cluster %s (team %s)", entry.name(), entry.team());
    return toRegistered(row);
  }

  /**
   * Removes a cluster and, through {@link ClusterRemoved} observers, its discovery snapshots;
   * refused (409 CLUSTER_IN_USE, naming that work) while an active run or migration refers to it.
   */
  @Transactional
  public void delete(String name) {
    SourceClusterEntity row = em.find(SourceClusterEntity.class, name);
    if (row == null) {
      throw notFound(name);
    }
    List<String> inUse = new ArrayList<>();
    users.forEach(u -> inUse.addAll(u.activeUsersOf(name)));
    if (!inUse.isEmpty()) {
      throw new RequestRefused(409, "CLUSTER_IN_USE", "cluster " + name + " is in use by " + String.join(", ", inUse)
          + "; stop or finish them before removing it (nothing was removed)");
    }
    removed.fire(new ClusterRemoved(name));
    em.remove(row);
    LOG.infof("removed source cluster %s and its snapshots", name);
  }

  /**
   * Parses an inventory document and stores every entry (new names are added, known names
   * replaced) in one transaction. Any problem rejects the whole document and stores nothing.
   *
   * @param source the file path (or {@code request body}) named in error messages
   * @return the stored clusters
   */
  @Transactional
  public List<RegisteredCluster> importAll(String source, String yaml, Origin origin) {
    List<ClusterEntry> entries = InventoryParser.parse(source, yaml);
    entries.forEach(this::requireWithinRoots);
    List<RegisteredCluster> out = new ArrayList<>();
    for (ClusterEntry e : entries) {
      SourceClusterEntity row = em.find(SourceClusterEntity.class, e.name());
      if (row == null) {
        row = new SourceClusterEntity();
        row.createdAt = Instant.now();
        fill(row, e, origin);
        em.persist(row);
      } else {
        fill(row, e, origin);
      }
      out.add(toRegistered(row));
    }
    LOG.infof("imported %d source clusters from %s", out.size(), source);
    return out;
  }

  private void requireValid(ClusterEntry entry, String source) {
    List<InventoryRules.Violation> violations = InventoryRules.check(entry);
    if (!violations.isEmpty()) {
      throw new InvalidInventoryException(violations.stream()
          .map(v -> new InventoryProblem(source, 0, entry.name(), v.field(), v.reason()))
          .toList());
    }
    requireWithinRoots(entry);
  }

  /**
   * A reference outside the credential roots is refused before anything is stored; a file
   * reference that is already a link out of the secrets directory too (the resolver checks
   * again when it reads, for links made later).
   */
  private void requireWithinRoots(ClusterEntry entry) {
    if (entry.credentials() != null) {
      PasswordSource source = entry.credentials().passwordFrom();
      CredentialRoots roots = CredentialRoots.of(credentialRoots);
      roots.require(entry.name(), source);
      if (source.file() != null) {
        roots.passwordFile(entry.name(), source.file());
      }
    }
  }

  private void fill(SourceClusterEntity row, ClusterEntry e, Origin origin) {
    row.name = e.name();
    row.team = e.team();
    row.seedsJson = write(e.seeds());
    row.tlsJson = e.tls() == null ? null : write(e.tls());
    row.credentialsJson = e.credentials() == null ? null : write(e.credentials());
    row.labelsJson = write(e.labels());
    row.origin = origin.name();
    row.updatedAt = Instant.now();
  }

  private RegisteredCluster toRegistered(SourceClusterEntity row) {
    try {
      ClusterEntry entry = new ClusterEntry(
          row.name,
          row.team,
          json.readValue(row.seedsJson, STRINGS),
          row.tlsJson == null ? null : json.readValue(row.tlsJson, TlsSettings.class),
          row.credentialsJson == null ? null : json.readValue(row.credentialsJson, CredentialsRef.class),
          json.readValue(row.labelsJson, LABELS));
      return new RegisteredCluster(entry, Origin.valueOf(row.origin), row.createdAt, row.updatedAt);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored entry of cluster " + row.name + " is unreadable", e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

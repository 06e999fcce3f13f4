package io.aeroshift.plans;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Plans submitted through the API, kept in the state store so they survive a restart. It stores
 * text only: callers validate with {@code PlanLoader} before {@link #add} and re-parse on read, so
 * the planning package stays free of persistence.
 */
@ApplicationScoped
public class PlanStore {
  /** A stored plan: the YAML as submitted and who submitted it when. */
  public record StoredPlan(String name, String team, String yaml, Instant submittedAt, String submittedBy) {}

  @Inject EntityManager em;

  /** Every stored plan, by name. */
  public List<StoredPlan> list() {
    return em.createQuery("from SubmittedPlanEntity order by name", SubmittedPlanEntity.class)
        .getResultStream().map(PlanStore::toStored).toList();
  }

  public Optional<StoredPlan> find(String name) {
    return Optional.ofNullable(em.find(SubmittedPlanEntity.class, name)).map(PlanStore::toStored);
  }

  /** Stores an already validated plan; returns false (and stores nothing) if the name is taken. */
  @Transactional
  public boolean add(String name, String team, String yaml, String submittedBy) {
    if (em.find(SubmittedPlanEntity.class, name) != null) {
      return false;
    }
    SubmittedPlanEntity row = new SubmittedPlanEntity();
    row.name = name;
    row.team = team;
    row.planYaml = yaml;
    row.submittedAt = Instant.now();
    row.submittedBy = submittedBy;
    em.persist(row);
    return true;
  }

  private static StoredPlan toStored(SubmittedPlanEntity e) {
    return new StoredPlan(e.name, e.team, e.planYaml, e.submittedAt, e.submittedBy);
  }
}

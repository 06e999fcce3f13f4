package io.aeroshift.plans;

import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.workflow.migration.PlanCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The workflow's plans are the plan repository's: folder plans and submitted ones, parsed the same
 * way. Each call has its own request context: reconcilers run on scheduler and test threads, and
 * submitted plans are read through the entity manager.
 */
@ApplicationScoped
public class RepositoryPlanCatalog implements PlanCatalog {
  @Inject PlanRepository plans;

  @Override
  @ActivateRequestContext
  public Optional<MigrationPlan> find(String name) {
    try {
      return plans.plan(name);
    } catch (PlanRepository.StoredPlanInvalid e) {
      return Optional.empty();
    }
  }

  @Override
  @ActivateRequestContext
  public List<MigrationPlan> all() {
    return plans.list();
  }
}

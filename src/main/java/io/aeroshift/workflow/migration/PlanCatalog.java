package io.aeroshift.workflow.migration;

import io.aeroshift.planning.MigrationPlan;
import java.util.List;
import java.util.Optional;

/** The plans the workflow runs (folder plans and submitted ones), by name. */
public interface PlanCatalog {
  Optional<MigrationPlan> find(String name);

  List<MigrationPlan> all();
}

package io.aeroshift.workflow.migration;

import io.aeroshift.discovery.ConnectionSpec;
import io.aeroshift.jobs.CopyRunService;
import io.aeroshift.jobs.CopyRunSpec;
import io.aeroshift.jobs.InventoryConnector;
import io.aeroshift.jobs.RunFailedException;
import io.aeroshift.jobs.ValidationRunService;
import io.aeroshift.jobs.ValidationRunSpec;
import io.aeroshift.jobs.ValidationRuns;
import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.validation.AerospikeValidator;
import io.aeroshift.validation.ValidationResultStore;
import io.aeroshift.validation.ValidationSuite;
import io.aeroshift.workflow.machine.Migration;
import java.time.Clock;
import java.util.function.Function;

/**
 * How a migration's runs reach their clusters when they connect (also when resumed after a
 * restart): the source through its inventory entry, the target at the endpoints the migration
 * stored, as its admin when the plan turns security on (password read from the target's Kubernetes
 * secret now, never stored in the run). The run names its migration; plan and endpoints are read
 * from the store.
 */
final class WorkflowConnections implements CopyRunService.Connector, ValidationRunService.Validators {
  private final MigrationStore store;
  private final PlanCatalog plans;
  private final SourceConnections sources;
  private final TargetClusters targets;
  private final Function<String, ValidationSuite> suites;
  private final int copyConnections;
  private final Clock clock;

  /** @param copyConnections connections per node a copy run's clients keep (its scans plus writes in flight) */
  WorkflowConnections(MigrationStore store, PlanCatalog plans, SourceConnections sources, TargetClusters targets,
      Function<String, ValidationSuite> suites, int copyConnections, Clock clock) {
    this.store = store;
    this.plans = plans;
    this.sources = sources;
    this.targets = targets;
    this.suites = suites;
    this.copyConnections = copyConnections;
    this.clock = clock;
  }

  @Override
  public CopyRunService.Clients open(CopyRunSpec spec) {
    Owner o = owner(spec.migration());
    return InventoryConnector.clients(spec, sources.connection(o.plan()), () -> target(o), copyConnections);
  }

  @Override
  public AerospikeValidator open(ValidationRunSpec spec, ValidationResultStore into) {
    Owner o = owner(spec.migration());
    ValidationSuite suite;
    try {
      suite = suites.apply(spec.suite());
    } catch (RuntimeException e) {
      throw new RunFailedException(Failure.of(FailureReason.INVALID_INPUT, "suite '" + spec.suite() + "': "
          + e.getMessage(), clock.instant()), e);
    }
    return ValidationRuns.connect(spec, suite, sources.connection(o.plan()), target(o), into);
  }

  private record Owner(Migration migration, MigrationPlan plan) {}

  private Owner owner(String id) {
    if (id == null) {
      throw new IllegalArgumentException("not a migration's run");
    }
    Migration m = store.find(id).orElseThrow(() -> new RunFailedException(Failure.of(FailureReason.INVALID_INPUT,
        "migration " + id + " is gone", clock.instant()), null));
    MigrationPlan p = plans.find(m.plan()).orElseThrow(() -> new RunFailedException(Failure.of(
        FailureReason.INVALID_INPUT, "plan " + m.plan() + " of migration " + id + " is gone", clock.instant()), null));
    return new Owner(m, p);
  }

  private ConnectionSpec target(Owner o) {
    try {
      return targets.connection(o.migration(), o.plan());
    } catch (RuntimeException e) {
      throw new RunFailedException(Failure.of(FailureReason.TARGET_UNREACHABLE, "target of migration "
          + o.migration().id() + ": " + e.getMessage(), clock.instant()), e);
    }
  }
}

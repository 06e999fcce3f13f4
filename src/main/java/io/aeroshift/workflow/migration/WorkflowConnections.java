package io.aeroshift.workflow.migration;

import com.aerospike.client.IAerospikeClient;
import io.aeroshift.discovery.AerospikeClients;
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
import io.aeroshift.transfer.AerospikeRecordSink;
import io.aeroshift.transfer.AerospikeRecordSource;
import io.aeroshift.transfer.CheckpointStore;
import io.aeroshift.transfer.CopyEngine;
import io.aeroshift.transfer.PassSummary;
import io.aeroshift.transfer.TransferPolicies;
import io.aeroshift.transfer.TransferSettings;
import io.aeroshift.transfer.WriteMode;
import io.aeroshift.validation.AerospikeValidator;
import io.aeroshift.validation.ValidationResultStore;
import io.aeroshift.validation.ValidationSuite;
import io.aeroshift.workflow.machine.Migration;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * How a migration's runs reach their clusters when they connect (also when resumed after a
 * restart): the source through its inventory entry, the target at the endpoints the migration
 * stored, as its admin when the plan turns security on (password read from the target's Kubernetes
 * secret now, never stored in the run). The run names its migration; plan and endpoints are read
 * from the store.
 */
final class WorkflowConnections implements CopyRunService.Connector, ValidationRunService.Validators {
  private static final Logger LOG = Logger.getLogger(WorkflowConnections.class);

  private final MigrationStore store;
  private final PlanCatalog plans;
  private final SourceConnections sources;
  private final TargetClusters targets;
  private final Function<String, ValidationSuite> suites;
  private final int copyConnections;
  private final CheckpointStore checkpoints;
  private final TransferSettings transfer;
  private final Clock clock;

  /**
   * @param copyConnections connections per node a copy run's clients keep (its scans plus writes in flight)
   * @param checkpoints the copy runs' checkpoints, which the catch-up before a re-check continues
   */
  WorkflowConnections(MigrationStore store, PlanCatalog plans, SourceConnections sources, TargetClusters targets,
      Function<String, ValidationSuite> suites, int copyConnections, CheckpointStore checkpoints,
      TransferSettings transfer, Clock clock) {
    this.store = store;
    this.plans = plans;
    this.sources = sources;
    this.targets = targets;
    this.suites = suites;
    this.copyConnections = copyConnections;
    this.checkpoints = checkpoints;
    this.transfer = transfer;
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

  /**
   * Before the switch, a migration's validation re-checks its differing partitions only after a
   * catch-up pass (and delete reconciliation) has copied what clients wrote between the last delta
   * pass and the validation's cut-off: with live writers those records differ at the first look
   * without anything being wrong. The pass continues the migration's checkpoint chain
   * ({@code <migration>/<namespace>}, as its delta passes). The re-check's cut-off is the pass's
   * start: what was written before it, the pass copied; what was written since is left out as
   * changed after the cut-off. After the switch, passes belong to the cutover's after-switch rules,
   * and when the pass cannot run the re-check reads both sides at once and reports what it finds.
   */
  @Override
  public Instant beforeRecheck(ValidationRunSpec spec, Instant now) {
    if (spec.migration() == null) {
      return now;
    }
    Owner o = owner(spec.migration());
    if (o.migration().switchedAt() != null) {
      return now;
    }
    Instant passStart = clock.instant();
    try (IAerospikeClient src = AerospikeClients.connect(sources.connection(o.plan()), copyConnections);
        IAerospikeClient dst = AerospikeClients.connect(target(o), copyConnections)) {
      TransferPolicies policies = new TransferPolicies(transfer);
      CopyEngine engine = new CopyEngine(o.migration().id() + "/" + spec.namespace(),
          new AerospikeRecordSource(src, policies), new AerospikeRecordSource(dst, policies),
          new AerospikeRecordSink(dst, policies, clock), checkpoints, transfer, clock);
      PassSummary pass = engine.catchUp(spec.namespace(), null, WriteMode.replace(), 0);
      if (pass.complete()) {
        engine.reconcile(spec.namespace(), null, WriteMode.replace());
        return passStart;
      }
      LOG.warnf("migration %s: the catch-up before the re-check of %s was incomplete; re-checking as it is",
          o.migration().id(), spec.namespace());
    } catch (RuntimeException e) {
      LOG.warnf("migration %s: no catch-up before the re-check of %s: %s", o.migration().id(), spec.namespace(),
          e.getMessage());
    }
    return clock.instant();
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

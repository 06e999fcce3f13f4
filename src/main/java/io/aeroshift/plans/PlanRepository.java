package io.aeroshift.plans;

import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.discovery.SnapshotStore;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.planning.InvalidPlanException;
import io.aeroshift.planning.PlanError;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.planning.PlanDirectory;
import io.aeroshift.planning.PlanLoader;
import io.aeroshift.planning.PlansConfig;
import io.aeroshift.planning.SourceConfig;
import io.aeroshift.planning.SuiteCatalog;
import io.aeroshift.provisioning.PlanCompiler;
import io.aeroshift.provisioning.PlanPreview;
import io.aeroshift.validation.ValidatorsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jboss.logging.Logger;

/**
 * Every migration plan by name: the plans of {@code migration-plans/} (loaded on first use) and
 * the plans submitted through the API, kept as YAML in the state store ({@link PlanStore}) and
 * re-parsed with {@link PlanLoader} on every read, so the stored text is the single source of truth.
 */
@ApplicationScoped
public class PlanRepository {
  private static final Logger LOG = Logger.getLogger(PlanRepository.class);

  /** A plan of that name exists already (folder or stored). */
  public static final class PlanExists extends RuntimeException {
    PlanExists(String name) {
      super("a plan named " + name + " already exists");
    }
  }

  /** No plan of that name. */
  public static final class PlanNotFound extends RuntimeException {
    PlanNotFound(String name) {
      super("no plan named " + name);
    }
  }

  /** A stored plan that was valid when submitted no longer parses (e.g. a suite it names was removed). */
  public static final class StoredPlanInvalid extends RuntimeException {
    private final transient InvalidPlanException errors;

    StoredPlanInvalid(String name, InvalidPlanException errors) {
      super("plan " + name + " no longer parses: " + errors.errors().size() + " error(s)");
      this.errors = errors;
    }

    public InvalidPlanException errors() {
      return errors;
    }
  }

  /** The plan's source was never discovered: nothing to compile a preview against. */
  public static final class SourceNotDiscovered extends RuntimeException {
    SourceNotDiscovered(String cluster) {
      super("source cluster " + cluster + " has not been discovered yet");
    }
  }

  /** A dry run: the plan, the snapshot it was compiled against, and what would be applied. */
  public record Preview(MigrationPlan plan, ClusterSnapshot snapshot, PlanPreview compiled) {}

  @Inject SnapshotStore snapshots;
  @Inject PlanStore store;
  @Inject Inventory inventory;

  @Inject PlansConfig plansConfig;
  @Inject ValidatorsConfig validatorsConfig;

  private final Map<String, MigrationPlan> folderPlans = new ConcurrentSkipListMap<>();
  private volatile boolean loaded;

  /**
   * Validates and stores a submitted plan.
   *
   * @throws InvalidPlanException with every error when it is invalid, or naming {@code $.source.cluster}
   *     when the source is not a registered cluster
   * @throws PlanExists when the name is taken
   */
  public MigrationPlan submit(String yaml, String submittedBy) {
    ensureLoaded();
    MigrationPlan plan = new PlanLoader(suites()).load("request body", yaml);
    requireRegisteredSource(plan);
    if (folderPlans.containsKey(plan.name()) || !addToStore(plan, yaml, submittedBy)) {
      throw new PlanExists(plan.name());
    }
    return plan;
  }

  /** A plan is about a registered cluster: one naming another would be stored and fail only when run. */
  private void requireRegisteredSource(MigrationPlan plan) {
    String source = plan.source().cluster();
    if (inventory.find(source).isEmpty()) {
      throw new InvalidPlanException(List.of(new PlanError("request body", "$.source.cluster",
          "cluster '" + source + "' is not registered; register it first (POST /api/v1/clusters)")));
    }
  }

  /** Every plan that parses, by name; a stored plan that no longer parses is left out (and logged). */
  public List<MigrationPlan> list() {
    ensureLoaded();
    Map<String, MigrationPlan> all = new TreeMap<>(folderPlans);
    for (PlanStore.StoredPlan stored : store.list()) {
      try {
        all.putIfAbsent(stored.name(), parse(stored));
      } catch (InvalidPlanException e) {
        // validated when submitted; it fails now only if e.g. a validation suite was removed since
        LOG.warnf("stored plan %s no longer parses (%d error(s)); left out of the list, its preview reports them",
            stored.name(), e.errors().size());
      }
    }
    return List.copyOf(all.values());
  }

  /**
   * A plan by name, folder plans first, then stored ones.
   *
   * @throws StoredPlanInvalid when a stored plan no longer parses
   */
  public Optional<MigrationPlan> plan(String name) {
    ensureLoaded();
    MigrationPlan found = folderPlans.get(name);
    if (found != null) {
      return Optional.of(found);
    }
    Optional<PlanStore.StoredPlan> stored = store.find(name);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(stored.get()));
    } catch (InvalidPlanException e) {
      throw new StoredPlanInvalid(name, e);
    }
  }

  /**
   * The dry run of a plan against its source's latest snapshot; nothing is applied.
   *
   * @throws PlanNotFound, StoredPlanInvalid, SourceNotDiscovered, or InvalidPlanException when the
   *     plan does not compile against the snapshot
   */
  public Preview preview(String name) {
    MigrationPlan plan = plan(name).orElseThrow(() -> new PlanNotFound(name));
    ClusterSnapshot snapshot = snapshots.latest(plan.source().cluster())
        .orElseThrow(() -> new SourceNotDiscovered(plan.source().cluster()));
    PlanPreview compiled = PlanCompiler.compile(plan, snapshot,
        new SourceConfig(snapshot.serviceConfig(), snapshot.networkConfig()));
    return new Preview(plan, snapshot, compiled);
  }

  private boolean addToStore(MigrationPlan plan, String yaml, String by) {
    try {
      return store.add(plan.name(), plan.team(), yaml, by);
    } catch (RuntimeException e) {
      // a concurrent submit of the same name lost the race on the primary key
      if (store.find(plan.name()).isPresent()) {
        return false;
      }
      throw e;
    }
  }

  private MigrationPlan parse(PlanStore.StoredPlan stored) {
    return new PlanLoader(suites()).load("stored plan " + stored.name(), stored.yaml());
  }

  private SuiteCatalog suites() {
    return PlanDirectory.suites(Path.of(validatorsConfig.dir()));
  }

  private synchronized void ensureLoaded() {
    if (!loaded) {
      PlanDirectory.loadAll(Path.of(plansConfig.dir()), suites()).forEach(p -> folderPlans.put(p.name(), p));
      loaded = true;
    }
  }
}

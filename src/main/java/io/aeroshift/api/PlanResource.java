package io.aeroshift.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeroshift.api.security.Roles;
import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.discovery.SnapshotStore;
import io.aeroshift.planning.InvalidPlanException;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.planning.PlanDirectory;
import io.aeroshift.planning.PlanLoader;
import io.aeroshift.planning.PlansConfig;
import io.aeroshift.planning.SourceConfig;
import io.aeroshift.planning.SuiteCatalog;
import io.aeroshift.provisioning.PlanCompiler;
import io.aeroshift.provisioning.PlanPreview;
import io.aeroshift.validation.ValidatorsConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Migration plans: {@code POST /api/v1/plans} (plan YAML), {@code GET /api/v1/plans},
 * {@code GET /api/v1/plans/{name}/preview} (the dry run: every object that would be applied, the
 * translation report and the warnings; nothing is applied). Plans in {@code migration-plans/} are
 * loaded on first use; submitted plans are kept as YAML in the state store ({@link PlanStore}) and
 * re-parsed with {@link PlanLoader} on every read, so the stored text is the single source of truth.
 */
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "plans", description = "migration plans and their dry run")
public class PlanResource {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Logger LOG = Logger.getLogger(PlanResource.class);

  @Inject SnapshotStore snapshots;
  @Inject PlanStore store;
  @Inject SecurityIdentity identity;

  @Inject PlansConfig plansConfig;
  @Inject ValidatorsConfig validatorsConfig;

  /** Plans from {@code migration-plans/}; submitted plans are read from {@link #store} each time. */
  private final Map<String, MigrationPlan> folderPlans = new ConcurrentSkipListMap<>();
  private volatile boolean loaded;

  @POST
  @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Submit a plan (YAML); 400 with every error (path and reason) if it is invalid")
  public Response submit(String yaml) {
    ensureLoaded();
    MigrationPlan plan;
    try {
      plan = new PlanLoader(suites()).load("request body", yaml);
    } catch (InvalidPlanException e) {
      return invalid(400, e);
    }
    if (folderPlans.containsKey(plan.name()) || !addToStore(plan, yaml)) {
      throw new ApiException(409, "PLAN_EXISTS", "a plan named " + plan.name() + " already exists");
    }
    return Response.status(201).entity(summary(plan)).build();
  }

  @GET
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Every plan, by name")
  public List<Map<String, Object>> list() {
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
    return all.values().stream().map(PlanResource::summary).toList();
  }

  @GET
  @Path("{name}/preview")
  @Blocking
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Dry run: resources that would be applied, translations, warnings (nothing is applied)")
  public Response preview(@PathParam("name") String name) {
    ensureLoaded();
    MigrationPlan found = folderPlans.get(name);
    if (found == null) {
      PlanStore.StoredPlan stored = store.find(name)
          .orElseThrow(() -> new ApiException(404, "PLAN_NOT_FOUND", "no plan named " + name));
      try {
        found = parse(stored);
      } catch (InvalidPlanException e) {
        return invalid(422, e);
      }
    }
    MigrationPlan plan = found;
    ClusterSnapshot snapshot = snapshots.latest(plan.source().cluster()).orElseThrow(() -> new ApiException(409,
        "SOURCE_NOT_DISCOVERED", "source cluster " + plan.source().cluster() + " has not been discovered yet"));
    PlanPreview preview;
    try {
      preview = PlanCompiler.compile(plan, snapshot,
          new SourceConfig(snapshot.serviceConfig(), snapshot.networkConfig()));
    } catch (InvalidPlanException e) {
      return invalid(422, e);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    List<Object> resources = new ArrayList<>();
    preview.resources().forEach(r -> resources.add(JSON.valueToTree(r)));
    body.put("plan", plan.name());
    body.put("sourceSnapshotVersion", snapshot.version());
    body.put("resources", resources);
    body.put("translations", preview.translations());
    body.put("warnings", preview.warnings());
    body.put("references", preview.references());
    body.put("capacity", preview.capacity());
    return Response.ok(body).build();
  }

  /**
   * A plan by name, folder plans first, then stored ones (for other endpoints that take a plan's
   * settings); a stored plan that no longer parses is 422 INVALID_PLAN.
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
      throw new ApiException(422, "INVALID_PLAN", "plan " + name + " no longer parses: " + e.errors().size() + " error(s)"
          + ", see GET /api/v1/plans/" + name + "/preview");
    }
  }

  private static Response invalid(int status, InvalidPlanException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("reason", "INVALID_PLAN");
    body.put("message", e.errors().size() + " error(s) in plan");
    body.put("errors", e.errors());
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
  }

  private static Map<String, Object> summary(MigrationPlan p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("team", p.team());
    m.put("sourceCluster", p.source().cluster());
    m.put("wave", p.wave());
    m.put("copyMode", p.copy().mode());
    m.put("targetNamespace", p.target().kubernetesNamespace());
    m.put("targetCluster", p.target().clusterName());
    m.put("image", p.target().image());
    return m;
  }

  private boolean addToStore(MigrationPlan plan, String yaml) {
    String by = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
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
    return PlanDirectory.suites(java.nio.file.Path.of(validatorsConfig.dir()));
  }

  private synchronized void ensureLoaded() {
    if (!loaded) {
      PlanDirectory.loadAll(java.nio.file.Path.of(plansConfig.dir()), suites()).forEach(p -> folderPlans.put(p.name(), p));
      loaded = true;
    }
  }
}

package io.aeroshift.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aeroshift.api.security.Roles;
import io.aeroshift.api.security.TeamAccess;
import io.aeroshift.backup.AerospikeRestore;
import io.aeroshift.backup.AsbCompression;
import io.aeroshift.backup.AsbEncryption;
import io.aeroshift.backup.AsbEncryptionKey;
import io.aeroshift.planning.CopyMode;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.transfer.CopyProgress;
import io.aeroshift.transfer.PartitionCheckpoint;
import io.aeroshift.transfer.PartitionState;
import io.aeroshift.transfer.PartitionIds;
import io.aeroshift.transfer.WorkUnit;
import io.aeroshift.workflow.BackupSpec;
import io.aeroshift.workflow.CopyRun;
import io.aeroshift.workflow.CopyRunService;
import io.aeroshift.workflow.CopyRunSpec;
import io.aeroshift.workflow.CopyRunState;
import io.aeroshift.workflow.CopyRuns;
import io.aeroshift.workflow.CopyStage;
import io.aeroshift.workflow.LiveProgress;
import io.aeroshift.workflow.PassResult;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Copy runs inside the service: {@code /api/v1/copies}. A run is checked completely (clusters,
 * namespace on both sides, mode, backup directory, rate limits) before anything starts, then runs
 * in the background (full copy or backup + restore, one catch-up pass, delete reconciliation);
 * its progress is read here and at {@code /q/metrics}. Engineers start and steer runs; engineers
 * and viewers read every run; an owner reads only runs whose source belongs to its team.
 */
@Path("/api/v1/copies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "copies", description = "copy runs: SCAN_COPY or BACKUP_RESTORE, then catch-up and delete reconciliation")
public class CopyResource {
  private static final Logger LOG = Logger.getLogger(CopyResource.class);
  private static final long DEFAULT_FILE_LIMIT_MIB = 250;

  @Inject CopyRuns copyRuns;
  @Inject ClusterEndpoints clusters;
  @Inject PlanResource plans;
  @Inject SecurityIdentity identity;
  @Inject ObjectMapper json;

  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Start a copy run in the background (202 + Location); bad input is refused before anything starts")
  public Response start(CopyRequest request, @Context UriInfo uri) {
    CopyRunSpec spec = check(request);
    try (LogContext ignored = LogContext.cluster(spec.source()); LogContext m = LogContext.migration(spec.id())) {
      CopyRun run = service().start(spec);
      LOG.infof("copy run %s accepted: %s of %s from %s to %s", run.id(), spec.mode(), spec.namespace(), spec.source(),
          spec.target());
      return Response.accepted(view(new CopyRunService.Observed(run, Optional.empty())))
          .location(uri.getAbsolutePathBuilder().path(run.id()).build()).build();
    }
  }

  @GET
  @Blocking
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Copy runs the caller may read, newest first; ?source= and ?state= filter")
  public ArrayNode list(@QueryParam("source") String source, @QueryParam("state") String state) {
    CopyRunState wanted = state == null || state.isBlank() ? null : enumOf(CopyRunState.class, "state", state);
    ArrayNode out = json.createArrayNode();
    for (CopyRunService.Observed o : service().list()) {
      CopyRunSpec s = o.run().spec();
      if ((source == null || source.isBlank() || s.source().equals(source))
          && (wanted == null || o.run().state() == wanted) && mayRead(s)) {
        out.add(view(o));
      }
    }
    return out;
  }

  @GET
  @Path("{id}")
  @Blocking
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "A run: state, current step and pass, records, bytes, rate, estimate, fraction done, ETA, partitions, steps done")
  public ObjectNode get(@PathParam("id") String id) {
    return view(readable(id));
  }

  @GET
  @Path("{id}/partitions")
  @Blocking
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Per-partition state of a pass (default: the current or last one), optionally of one state, with failure reasons")
  public ArrayNode partitions(@PathParam("id") String id, @QueryParam("state") String state,
      @QueryParam("pass") Integer pass) {
    PartitionState wanted = state == null || state.isBlank() ? null : enumOf(PartitionState.class, "state", state);
    CopyRunService.Observed o = readable(id);
    Optional<LiveProgress> live = o.live();
    int number = pass != null ? pass : live.filter(l -> l.stage() != CopyStage.BACKUP && l.stage() != CopyStage.RESTORE)
        .map(l -> l.progress().pass())
        .orElseGet(() -> o.run().passes().stream().mapToInt(PassResult::pass).max().orElse(0));
    Map<Integer, PartitionState> liveStates = live.filter(l -> l.progress().pass() == number || l.stage() == CopyStage.BACKUP)
        .map(l -> l.progress().partitionStates()).orElse(Map.of());
    Map<Integer, PartitionCheckpoint> recorded = number > 0 ? service().partitions(id, number) : Map.of();
    ArrayNode out = json.createArrayNode();
    for (int p = 0; p < PartitionIds.COUNT; p++) {
      PartitionCheckpoint cp = recorded.get(p);
      PartitionState s = liveStates.getOrDefault(p, cp == null ? PartitionState.PENDING : cp.state());
      if (wanted != null && s != wanted) {
        continue;
      }
      ObjectNode n = out.addObject();
      n.put("partition", p);
      n.put("pass", number);
      n.put("state", s.name());
      if (cp != null) {
        n.put("records", cp.records());
        n.put("updatedAt", cp.updatedAt().toString());
        if (cp.failure() != null) {
          n.put("reason", cp.failure());
        }
      }
    }
    return out;
  }

  @PUT
  @Path("{id}/rate-limits")
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Change the rate limits of a running run; takes effect at once (0 = unlimited)")
  public ObjectNode rateLimits(@PathParam("id") String id, CopyRequest.RateLimits limits) {
    if (limits == null) {
      throw new ApiException(400, "INVALID_REQUEST", "body {\"recordsPerSecond\":N,\"bytesPerSecond\":N} is required");
    }
    long records = limit("recordsPerSecond", limits.recordsPerSecond());
    long bytes = limit("bytesPerSecond", limits.bytesPerSecond());
    try {
      service().setRateLimits(id, records, bytes);
    } catch (CopyRunService.NotFound e) {
      throw notFound(id);
    } catch (CopyRunService.StateConflict e) {
      throw new ApiException(409, "COPY_NOT_RUNNING", e.getMessage());
    }
    return get(id);
  }

  @POST
  @Path("{id}/stop")
  @Blocking
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Stop a running run (STOPPED once its workers ended); checkpoints stay, resume continues from them")
  public Response stop(@PathParam("id") String id) {
    try {
      service().stop(id);
    } catch (CopyRunService.NotFound e) {
      throw notFound(id);
    } catch (CopyRunService.StateConflict e) {
      throw new ApiException(409, "COPY_NOT_RUNNING", e.getMessage());
    }
    return Response.accepted(get(id)).build();
  }

  @POST
  @Path("{id}/resume")
  @Blocking
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Resume a STOPPED or FAILED run from its checkpoints")
  public Response resume(@PathParam("id") String id) {
    try {
      service().resume(id);
    } catch (CopyRunService.NotFound e) {
      throw notFound(id);
    } catch (CopyRunService.StateConflict e) {
      throw new ApiException(409, "COPY_NOT_RESUMABLE", e.getMessage());
    }
    return Response.accepted(get(id)).build();
  }

  // ---------- input ----------

  private CopyRunSpec check(CopyRequest r) {
    if (r == null) {
      throw new ApiException(400, "INVALID_REQUEST", "request body is required: {source, target, namespace, mode}");
    }
    MigrationPlan plan = null;
    if (!blank(r.plan())) {
      plan = plans.plan(r.plan()).orElseThrow(() ->
          new ApiException(404, "PLAN_NOT_FOUND", "plan: no plan named '" + r.plan() + "'"));
      if (!blank(r.source()) && !r.source().equals(plan.source().cluster())) {
        throw new ApiException(400, "INVALID_REQUEST", "source: '" + r.source() + "' is not the source of plan "
            + plan.name() + " (" + plan.source().cluster() + ")");
      }
    }
    String source = !blank(r.source()) ? r.source() : plan == null ? null : plan.source().cluster();
    if (blank(r.namespace())) {
      throw new ApiException(400, "INVALID_REQUEST", "namespace is required");
    }
    CopyMode mode = mode(r, plan);
    long records = limit("rateLimits.recordsPerSecond", r.rateLimits() != null ? r.rateLimits().recordsPerSecond()
        : plan != null && plan.copy().rateLimits() != null ? (Long) plan.copy().rateLimits().recordsPerSecond() : null);
    long bytes = limit("rateLimits.bytesPerSecond", r.rateLimits() != null ? r.rateLimits().bytesPerSecond()
        : plan != null && plan.copy().rateLimits() != null ? (Long) plan.copy().rateLimits().bytesPerSecond() : null);
    BackupSpec backup = backup(mode, r.backup());
    ClusterEndpoints.Endpoints endpoints = clusters.resolve(source, r.target());
    service().activeInto(endpoints.targetName(), r.namespace()).ifPresent(running -> {
      throw new ApiException(409, "COPY_RUNNING", "copy run " + running.id() + " is already copying into namespace "
          + r.namespace() + " of " + endpoints.targetName() + "; stop it or wait for it");
    });
    clusters.requireReachable(endpoints, r.namespace());
    String by = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    return new CopyRunSpec("copy-" + UUID.randomUUID(), endpoints.sourceName(), endpoints.sourceTeam(),
        endpoints.targetCluster(), endpoints.targetSeeds(), r.namespace(), blank(r.set()) ? null : r.set(), mode,
        records, bytes, backup, plan == null ? null : plan.name(), by, Instant.now());
  }

  private static CopyMode mode(CopyRequest r, MigrationPlan plan) {
    CopyMode mode;
    if (!blank(r.mode())) {
      mode = enumOf(CopyMode.class, "mode", r.mode());
    } else {
      mode = plan != null && plan.copy() != null && plan.copy().mode() != null ? plan.copy().mode() : CopyMode.SCAN_COPY;
    }
    if (mode == CopyMode.XDR) {
      throw new ApiException(422, "UNSUPPORTED_COPY_MODE", "mode: XDR is configured on the source, not run as a copy;"
          + " a copy run is SCAN_COPY or BACKUP_RESTORE" + (plan == null ? "" : " (plan " + plan.name() + " says XDR)"));
    }
    return mode;
  }

  /** The backup directory and codec of a BACKUP_RESTORE run, checked (usable, no earlier backup in it, key readable). */
  private static BackupSpec backup(CopyMode mode, CopyRequest.Backup b) {
    if (mode != CopyMode.BACKUP_RESTORE) {
      if (b != null) {
        throw new ApiException(400, "INVALID_REQUEST", "backup: only a BACKUP_RESTORE run takes backup files, mode is " + mode);
      }
      return null;
    }
    if (b == null || blank(b.dir())) {
      throw new ApiException(400, "INVALID_REQUEST", "backup.dir is required for mode BACKUP_RESTORE");
    }
    String compress = null;
    if (!blank(b.compress())) {
      try {
        AsbCompression c = AsbCompression.parse(b.compress());
        compress = c == AsbCompression.NONE ? null : c.flag();
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, "INVALID_REQUEST", "backup.compress: '" + b.compress() + "' is not zstd or gzip");
      }
    }
    String encrypt = null;
    if (!blank(b.encrypt())) {
      AsbEncryption e;
      try {
        e = AsbEncryption.parse(b.encrypt());
      } catch (IllegalArgumentException ex) {
        throw new ApiException(400, "INVALID_REQUEST", "backup.encrypt: '" + b.encrypt() + "' is not aes128 or aes256");
      }
      if (blank(b.keyFile())) {
        throw new ApiException(400, "INVALID_REQUEST", "backup.keyFile is required with backup.encrypt");
      }
      try {
        AsbEncryptionKey.fromPemFile(java.nio.file.Path.of(b.keyFile()), e);
      } catch (IOException | RuntimeException ex) {
        throw new ApiException(422, "BACKUP_KEY_UNUSABLE", "backup.keyFile: " + ex.getMessage());
      }
      encrypt = e.flag();
    } else if (!blank(b.keyFile())) {
      throw new ApiException(400, "INVALID_REQUEST", "backup.keyFile given without backup.encrypt");
    }
    long fileLimit = b.fileLimitMiB() == null ? DEFAULT_FILE_LIMIT_MIB : b.fileLimitMiB();
    if (fileLimit < 1) {
      throw new ApiException(400, "INVALID_REQUEST", "backup.fileLimitMiB must be at least 1, was " + fileLimit);
    }
    java.nio.file.Path dir = java.nio.file.Path.of(b.dir()).toAbsolutePath().normalize();
    try {
      if (Files.exists(dir)) {
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
          throw new ApiException(422, "BACKUP_DIR_UNUSABLE", "backup.dir: " + dir + " is not a writable directory");
        }
        if (!AerospikeRestore.backupFiles(dir).isEmpty()) {
          throw new ApiException(409, "BACKUP_DIR_NOT_EMPTY", "backup.dir: " + dir
              + " already holds .asb files; give an empty or new directory");
        }
      }
    } catch (IOException e) {
      throw new ApiException(422, "BACKUP_DIR_UNUSABLE", "backup.dir: " + dir + ": " + e.getMessage());
    }
    return new BackupSpec(dir.toString(), compress, encrypt, blank(b.keyFile()) ? null : b.keyFile(),
        Boolean.TRUE.equals(b.compact()), fileLimit);
  }

  private static long limit(String field, Long value) {
    if (value == null) {
      return 0;
    }
    if (value < 0) {
      throw new ApiException(400, "INVALID_REQUEST", field + " must be >= 0 (0 = unlimited), was " + value);
    }
    return value;
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "INVALID_REQUEST", field + ": '" + value + "' is not one of "
          + Arrays.toString(type.getEnumConstants()));
    }
  }

  // ---------- reading ----------

  private CopyRunService service() {
    return copyRuns.service();
  }

  private CopyRunService.Observed readable(String id) {
    CopyRunService.Observed o = service().find(id).orElseThrow(() -> notFound(id));
    if (!mayRead(o.run().spec())) {
      TeamAccess.requireReadRuns(identity, o.run().spec().sourceTeam(), "read copy runs of cluster " + o.run().spec().source());
    }
    return o;
  }

  private static ApiException notFound(String id) {
    return new ApiException(404, "COPY_NOT_FOUND", "no copy run with id '" + id + "'");
  }

  /** Engineers and viewers read every run; an owner only runs whose source is one of its team's clusters. */
  private boolean mayRead(CopyRunSpec spec) {
    return TeamAccess.mayReadRuns(identity, spec.sourceTeam());
  }

  private ObjectNode view(CopyRunService.Observed o) {
    CopyRun run = o.run();
    CopyRunSpec s = run.spec();
    ObjectNode n = json.createObjectNode();
    n.put("id", run.id());
    n.put("source", s.source());
    n.put("target", s.target());
    n.put("namespace", s.namespace());
    if (s.set() != null) {
      n.put("set", s.set());
    }
    n.put("mode", s.mode().name());
    if (s.plan() != null) {
      n.put("plan", s.plan());
    }
    n.put("state", run.state().name());
    n.put("attempts", run.attempts());
    LiveProgress live = o.live().orElse(null);
    PassResult last = run.passes().isEmpty() ? null : run.passes().get(run.passes().size() - 1);
    CopyStage stage = live != null ? live.stage() : run.stage();
    n.put("stage", stage == null ? null : stage.name());
    ObjectNode partitions = json.createObjectNode();
    if (live != null) {
      CopyProgress p = live.progress();
      n.put("pass", p.pass());
      figures(n, p.records(), p.bytes(), p.skippedExpired(), p.conflicts(), p.deleted(), p.inDoubt());
      n.put("rate", p.recordsPerSecond());
      n.put("estimatedTotal", p.estimatedTotal());
      n.put("fractionDone", p.fractionDone());
      n.put("eta", p.eta() == null ? null : p.eta().toString());
      n.put("etaSeconds", p.eta() == null ? null : p.eta().toMillis() / 1000.0);
      partitions.put("total", p.partitionsTotal()).put("done", p.partitionsDone()).put("failed", p.partitionsFailed())
          .put("running", p.partitionsRunning());
    } else {
      n.put("pass", last == null ? 0 : last.pass());
      if (last == null) {
        figures(n, 0, 0, 0, 0, 0, 0);
      } else {
        figures(n, last.records(), last.bytes(), last.skippedExpired(), last.conflicts(), last.deleted(), last.inDoubt());
      }
      n.put("rate", 0.0);
      n.put("estimatedTotal", 0);
      boolean succeeded = run.state() == CopyRunState.SUCCEEDED;
      n.put("fractionDone", succeeded ? 1.0 : last == null || last.partitionsTotal() == 0 ? 0.0
          : (double) (last.partitionsDone() + last.partitionsFailed()) / last.partitionsTotal());
      n.put("eta", succeeded ? "PT0S" : null);
      n.put("etaSeconds", succeeded ? 0.0 : null);
      partitions.put("total", last == null ? 0 : last.partitionsTotal())
          .put("done", last == null ? 0 : last.partitionsDone())
          .put("failed", last == null ? 0 : last.partitionsFailed()).put("running", 0);
    }
    n.set("partitions", partitions);
    ObjectNode limits = n.putObject("rateLimits");
    limits.put("recordsPerSecond", live != null ? live.recordsPerSecondLimit() : run.recordsPerSecond());
    limits.put("bytesPerSecond", live != null ? live.bytesPerSecondLimit() : run.bytesPerSecond());
    if (s.backup() != null) {
      BackupSpec b = s.backup();
      ObjectNode bn = n.putObject("backup");
      bn.put("dir", b.dir());
      bn.put("compress", b.compress());
      bn.put("encrypt", b.encrypt());
      bn.put("compact", b.compact());
      bn.put("fileLimitMiB", b.fileLimitMiB());
    }
    n.set("passes", json.valueToTree(run.passes()));
    n.put("createdBy", s.createdBy());
    n.put("createdAt", s.createdAt().toString());
    n.put("startedAt", run.startedAt() == null ? null : run.startedAt().toString());
    n.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
    if (run.failure() != null) {
      n.put("failure", run.failure());
    }
    return n;
  }

  private static void figures(ObjectNode n, long records, long bytes, long expired, long conflicts, long deleted,
      long inDoubt) {
    n.put("records", records);
    n.put("bytes", bytes);
    n.put("skippedExpired", expired);
    n.put("conflicts", conflicts);
    n.put("deleted", deleted);
    n.put("inDoubt", inDoubt);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

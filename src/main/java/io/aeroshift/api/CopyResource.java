package io.aeroshift.api;

import io.aeroshift.api.security.Roles;
import io.aeroshift.api.security.TeamAccess;
import io.aeroshift.backup.AerospikeRestore;
import io.aeroshift.backup.AsbCompression;
import io.aeroshift.backup.AsbEncryption;
import io.aeroshift.backup.AsbEncryptionKey;
import io.aeroshift.planning.CopyMode;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.transfer.PartitionState;
import io.aeroshift.jobs.BackupSpec;
import io.aeroshift.jobs.CopyPartitionView;
import io.aeroshift.jobs.CopyRunView;
import io.aeroshift.jobs.CopyRun;
import io.aeroshift.jobs.CopyRunService;
import io.aeroshift.jobs.CopyRunSpec;
import io.aeroshift.jobs.CopyRunState;
import io.aeroshift.jobs.CopyRuns;
import io.aeroshift.jobs.RunNotFound;
import io.aeroshift.jobs.RunStateConflict;
import io.aeroshift.jobs.ScopeBusy;
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
import java.util.List;
import java.util.Locale;
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

  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Start a copy run in the background (202 + Location); bad input is refused before anything starts")
  public Response start(CopyRequest request, @Context UriInfo uri) {
    CopyRunSpec spec = check(request);
    try (LogContext ignored = LogContext.cluster(spec.source()); LogContext m = LogContext.migration(spec.id())) {
      CopyRun run;
      try {
        run = service().start(spec);
      } catch (ScopeBusy e) {
        throw new ApiException(409, "COPY_RUNNING", "copy run " + (e.holder() == null ? "(starting)" : e.holder())
            + " is already copying into namespace " + spec.namespace() + " of " + spec.target()
            + "; stop it or wait for it");
      }
      LOG.infof("copy run %s accepted: %s of %s from %s to %s", run.id(), spec.mode(), spec.namespace(), spec.source(),
          spec.target());
      return Response.accepted(CopyRunView.of(new CopyRunService.Observed(run, Optional.empty())))
          .location(uri.getAbsolutePathBuilder().path(run.id()).build()).build();
    }
  }

  @GET
  @Blocking
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Copy runs the caller may read, newest first; ?source= and ?state= filter")
  public List<CopyRunView> list(@QueryParam("source") String source, @QueryParam("state") String state) {
    CopyRunState wanted = state == null || state.isBlank() ? null : enumOf(CopyRunState.class, "state", state);
    return service().list().stream().filter(o -> {
      CopyRunSpec s = o.run().spec();
      return (source == null || source.isBlank() || s.source().equals(source))
          && (wanted == null || o.run().state() == wanted) && mayRead(s);
    }).map(CopyRunView::of).toList();
  }

  @GET
  @Path("{id}")
  @Blocking
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "A run: state, current step and pass, records, bytes, rate, estimate, fraction done, ETA, partitions, steps done")
  public CopyRunView get(@PathParam("id") String id) {
    return CopyRunView.of(readable(id));
  }

  @GET
  @Path("{id}/partitions")
  @Blocking
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "Per-partition state of a pass (default: the current or last one), optionally of one state, with failure reasons")
  public List<CopyPartitionView> partitions(@PathParam("id") String id, @QueryParam("state") String state,
      @QueryParam("pass") Integer pass) {
    PartitionState wanted = state == null || state.isBlank() ? null : enumOf(PartitionState.class, "state", state);
    readable(id);
    return service().partitionViews(id, pass, wanted);
  }

  @PUT
  @Path("{id}/rate-limits")
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Change the rate limits of a running run; takes effect at once (0 = unlimited)")
  public CopyRunView rateLimits(@PathParam("id") String id, CopyRequest.RateLimits limits) {
    if (limits == null) {
      throw new ApiException(400, "INVALID_REQUEST", "body {\"recordsPerSecond\":N,\"bytesPerSecond\":N} is required");
    }
    long records = limit("recordsPerSecond", limits.recordsPerSecond());
    long bytes = limit("bytesPerSecond", limits.bytesPerSecond());
    try {
      service().setRateLimits(id, records, bytes);
    } catch (RunNotFound e) {
      throw notFound(id);
    } catch (RunStateConflict e) {
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
    } catch (RunNotFound e) {
      throw notFound(id);
    } catch (RunStateConflict e) {
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
    } catch (RunNotFound e) {
      throw notFound(id);
    } catch (RunStateConflict e) {
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

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

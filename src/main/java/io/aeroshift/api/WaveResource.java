package io.aeroshift.api;

import io.aeroshift.api.security.Roles;
import io.aeroshift.inventory.InventoryRules;
import io.aeroshift.workflow.machine.CutoverWindow;
import io.aeroshift.workflow.machine.Wave;
import io.aeroshift.workflow.machine.WaveLimits;
import io.aeroshift.workflow.migration.MigrationService;
import io.aeroshift.workflow.migration.MigrationViews;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code /api/v1/waves}: waves named by plans ({@code wave:}) and waves created here with limits;
 * start (creates the migrations of its plans that have none under way and starts them within the
 * limits), pause and resume. Changes are for engineers; a viewer gets 403.
 */
@Path("/api/v1/waves")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "waves", description = "groups of migrations run together with limits")
public class WaveResource {
  private static final Set<String> FIELDS = Set.of("name", "limits");
  private static final Set<String> LIMIT_FIELDS = Set.of("maxConcurrentCopies", "maxConcurrentCutovers",
      "bytesPerSecondPerSource", "cutoverWindows", "stopOnValidationFailure", "autoCutover");
  private static final Set<String> WINDOW_FIELDS = Set.of("days", "from", "to");

  @Inject MigrationService service;
  @Inject MigrationViews views;
  @Inject SecurityIdentity identity;

  @GET
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  public List<Map<String, Object>> list() {
    return service.waves().stream().map(w -> summary(w, false)).toList();
  }

  @GET
  @Path("{name}")
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "A wave: its limits, state and migrations")
  public Map<String, Object> get(@PathParam("name") String name) {
    return summary(service.wave(name).orElseThrow(() -> new ApiException(404, "NOT_FOUND",
        "no wave named '" + name + "'")), true);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "Create a wave: {name, limits: {maxConcurrentCopies, maxConcurrentCutovers,"
      + " bytesPerSecondPerSource, cutoverWindows: [{days, from, to}], stopOnValidationFailure}}")
  public Response create(Map<String, Object> body) {
    RequestBodies.onlyFields(body, FIELDS);
    String name = RequestBodies.requiredString(body, "name");
    if (!InventoryRules.NAME.matcher(name).matches()) {
      throw new ApiException(400, "INVALID_REQUEST", "request body: name '" + name
          + "' must be a DNS-1123 label (lower case letters, digits, '-')");
    }
    Wave w = service.createWave(name, limits(body.get("limits")), who());
    return Response.status(201).entity(summary(w, true)).build();
  }

  @POST
  @Path("{name}/{action}")
  @RolesAllowed(Roles.ENGINEER)
  @Operation(summary = "start, pause or resume a wave")
  public Response act(@PathParam("name") String name, @PathParam("action") String action) {
    Wave w = switch (action) {
      case "start" -> service.startWave(name, who());
      case "pause" -> service.pauseWave(name, who());
      case "resume" -> service.resumeWave(name, who());
      default -> throw new ApiException(404, "UNKNOWN_COMMAND", "no wave command '" + action
          + "'; commands: start, pause, resume");
    };
    return Response.status(202).entity(summary(w, true)).build();
  }

  @SuppressWarnings("unchecked")
  private static WaveLimits limits(Object value) {
    if (value == null) {
      return WaveLimits.DEFAULT;
    }
    if (!(value instanceof Map)) {
      throw new ApiException(400, "INVALID_REQUEST", "request body: limits must be an object");
    }
    Map<String, Object> l = (Map<String, Object>) value;
    RequestBodies.onlyFields(l, LIMIT_FIELDS);
    WaveLimits d = WaveLimits.DEFAULT;
    List<CutoverWindow> windows = new ArrayList<>();
    Object ws = l.get("cutoverWindows");
    if (ws != null) {
      if (!(ws instanceof List)) {
        throw new ApiException(400, "INVALID_REQUEST", "request body: limits.cutoverWindows must be a list");
      }
      int i = 0;
      for (Object o : (List<Object>) ws) {
        windows.add(window(o, "limits.cutoverWindows[" + i++ + "]"));
      }
    }
    try {
      return new WaveLimits((int) number(l, "maxConcurrentCopies", d.maxConcurrentCopies()),
          (int) number(l, "maxConcurrentCutovers", d.maxConcurrentCutovers()),
          number(l, "bytesPerSecondPerSource", d.bytesPerSecondPerSource()), windows,
          bool(l, "stopOnValidationFailure", d.stopOnValidationFailure()),
          bool(l, "autoCutover", d.autoCutover()));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "INVALID_REQUEST", "request body: limits: " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static CutoverWindow window(Object o, String where) {
    if (!(o instanceof Map)) {
      throw new ApiException(400, "INVALID_REQUEST", "request body: " + where + " must be an object");
    }
    Map<String, Object> w = (Map<String, Object>) o;
    RequestBodies.onlyFields(w, WINDOW_FIELDS);
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    Object ds = w.get("days");
    if (ds instanceof List) {
      for (Object d : (List<Object>) ds) {
        try {
          days.add(DayOfWeek.valueOf(String.valueOf(d).toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new ApiException(400, "INVALID_REQUEST", "request body: " + where + ".days: '" + d
              + "' is not a day (MONDAY..SUNDAY)");
        }
      }
    } else if (ds != null) {
      throw new ApiException(400, "INVALID_REQUEST", "request body: " + where + ".days must be a list");
    }
    try {
      return new CutoverWindow(days, LocalTime.parse(RequestBodies.requiredString(w, "from")),
          LocalTime.parse(RequestBodies.requiredString(w, "to")));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new ApiException(400, "INVALID_REQUEST", "request body: " + where + ": " + e.getMessage()
          + " (from/to are HH:MM, UTC)");
    }
  }

  private static long number(Map<String, Object> m, String field, long dflt) {
    Object v = m.get(field);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new ApiException(400, "INVALID_REQUEST", "request body: limits." + field + " must be an integer");
    }
    return n.longValue();
  }

  private static boolean bool(Map<String, Object> m, String field, boolean dflt) {
    Object v = m.get(field);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Boolean b)) {
      throw new ApiException(400, "INVALID_REQUEST", "request body: limits." + field + " must be true or false");
    }
    return b;
  }

  private Map<String, Object> summary(Wave w, boolean withMigrations) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", w.name());
    out.put("state", w.state().name());
    out.put("stoppedBecause", w.stoppedBecause());
    WaveLimits l = w.limits();
    Map<String, Object> limits = new LinkedHashMap<>();
    limits.put("maxConcurrentCopies", l.maxConcurrentCopies());
    limits.put("maxConcurrentCutovers", l.maxConcurrentCutovers());
    limits.put("bytesPerSecondPerSource", l.bytesPerSecondPerSource());
    limits.put("cutoverWindows", l.cutoverWindows().stream().map(c -> Map.of("days",
        c.days().stream().map(DayOfWeek::name).sorted().toList(), "from", c.from().toString(), "to",
        c.to().toString())).toList());
    limits.put("stopOnValidationFailure", l.stopOnValidationFailure());
    out.put("limits", limits);
    if (withMigrations) {
      out.put("migrations", views.list(w.name(), null));
    }
    return out;
  }

  private String who() {
    return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
  }

  @ServerExceptionMapper
  public Response refused(MigrationService.Refused e, @Context UriInfo uri) {
    return RequestBodies.refused(e, uri);
  }
}

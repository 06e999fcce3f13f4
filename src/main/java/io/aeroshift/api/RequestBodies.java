package io.aeroshift.api;

import io.aeroshift.outcome.RequestRefused;
import io.aeroshift.workflow.migration.MigrationService;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks of the workflow's JSON bodies (unknown fields refused, naming the field) and its problems. */
final class RequestBodies {
  private RequestBodies() {}

  static void onlyFields(Map<String, Object> body, Set<String> allowed) {
    if (body == null) {
      return;
    }
    Set<String> unknown = new TreeSet<>(body.keySet());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw new RequestRefused(400, "UNKNOWN_FIELD", "request body: unknown field(s) " + unknown + "; allowed: "
          + new TreeSet<>(allowed));
    }
  }

  static String requiredString(Map<String, Object> body, String field) {
    if (body == null) {
      throw new RequestRefused(400, "INVALID_REQUEST", "request body is required: {\"" + field + "\": ...}");
    }
    String s = optionalString(body, field);
    if (s == null || s.isBlank()) {
      throw new RequestRefused(400, "INVALID_REQUEST", "request body: field '" + field + "' is required");
    }
    return s;
  }

  static String optionalString(Map<String, Object> body, String field) {
    Object v = body.get(field);
    if (v != null && !(v instanceof String)) {
      throw new RequestRefused(400, "INVALID_REQUEST", "request body: field '" + field + "' must be a string");
    }
    return (String) v;
  }

  /** The problem of a refused workflow request; 409s name the phase and the commands it accepts. */
  static Response refused(MigrationService.Refused e, UriInfo uri) {
    Problem p = Problem.of(e.status, e.reason, e.getMessage(), uri == null ? null : uri.getPath());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", p.type());
    body.put("title", p.title());
    body.put("status", p.status());
    body.put("detail", p.detail());
    body.put("reason", p.reason());
    body.put("instance", p.instance());
    if (e.phase != null) {
      body.put("phase", e.phase.name());
    }
    if (e.accepted != null) {
      body.put("acceptedCommands", e.accepted.stream().map(c -> c.path()).sorted().toList());
    }
    if (e.blockers != null) {
      body.put("blockers", e.blockers);
    }
    return Response.status(e.status).type(Problem.MEDIA_TYPE).entity(body).build();
  }
}

package io.aeroshift.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.aeroshift.outcome.RequestRefused;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure to a problem body with a {@code reason}. */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response refused(RequestRefused e, UriInfo uri) {
    return refusal(e.status(), e, path(uri));
  }

  /** A refusal answered with {@code status}, e.g. a plan's errors as 422 where they are the stored plan's. */
  static Response refusal(int status, RequestRefused e, String instance) {
    Problem p = Problem.of(status, e.reason(), e.detail(), instance).at(e.field(), null);
    return e.extensions().isEmpty() ? respond(p) : withExtensions(p, e.extensions());
  }

  /** A problem with extension members after its standard ones (RFC 9457 section 3.2). */
  static Response withExtensions(Problem p, Map<String, Object> extensions) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", p.type());
    body.put("title", p.title());
    body.put("status", p.status());
    body.put("detail", p.detail());
    body.put("reason", p.reason());
    if (p.instance() != null) {
      body.put("instance", p.instance());
    }
    if (p.field() != null) {
      body.put("field", p.field());
    }
    body.putAll(extensions);
    return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(body).build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    String detail = e.getMessage() == null || e.getMessage().isBlank() ? "your role does not allow this request" : e.getMessage();
    return respond(Problem.of(403, "FORBIDDEN", detail, path(uri)));
  }

  /**
   * A body that is not the JSON the endpoint takes: report the field and where, never echo the
   * input (it may hold a pasted secret). An unknown field is UNKNOWN_FIELD, a value of the wrong
   * type INVALID_FIELD, broken JSON INVALID_JSON.
   */
  @ServerExceptionMapper
  public Response badJson(JsonProcessingException e, UriInfo uri) {
    return respond(jsonProblem(e, path(uri)));
  }

  /** Jackson's own mapper for this answers 400 with an empty body: ours names the field. */
  @ServerExceptionMapper
  public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
    return respond(jsonProblem(e, path(uri)));
  }

  static Problem jsonProblem(JsonProcessingException e, String instance) {
    JsonLocation at = e.getLocation();
    String where = at == null || at.getLineNr() < 0 ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    String suffix = where == null ? "" : " (" + where + ")";
    if (e instanceof UnrecognizedPropertyException u) {
      String field = fieldPath(u);
      Collection<Object> known = u.getKnownPropertyIds();
      return Problem.of(400, "UNKNOWN_FIELD", "unknown field '" + field + "'" + suffix
          + (known == null || known.isEmpty() ? "" : "; known fields here: " + known.stream().map(String::valueOf)
              .sorted().collect(Collectors.joining(", "))), instance).at(field, where);
    }
    if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
      String field = fieldPath(m);
      String expected = m.getTargetType() == null ? "another type" : typeName(m.getTargetType());
      return Problem.of(400, "INVALID_FIELD", "field '" + field + "' must be " + expected + suffix, instance)
          .at(field, where);
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String field = fieldPath(m);
      return Problem.of(400, "INVALID_FIELD", "field '" + field + "' has a value this endpoint cannot take" + suffix,
          instance).at(field, where);
    }
    return Problem.of(400, "INVALID_JSON", "request body is not valid JSON for this endpoint" + suffix, instance)
        .at(null, where);
  }

  /** {@code target.seeds[0]} from Jackson's reference path. */
  static String fieldPath(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "$" : sb.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return "a " + type.getSimpleName();
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    if (status == 401) {
      return e.getResponse();
    }
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof JsonProcessingException j) {
        return respond(jsonProblem(j, path(uri)));
      }
    }
    if (status == 404 && e.getCause() instanceof IllegalArgumentException bad && uri != null) {
      // JAX-RS answers 404 for a query or path parameter that does not convert: it is a bad request
      String name = parameterWithBadValue(uri, bad);
      return respond(Problem.of(400, "INVALID_PARAMETER", (name == null ? "a parameter" : "parameter '" + name + "'")
          + " has a value of the wrong type (" + bad.getMessage() + ")", path(uri)).at(name, null));
    }
    String reason = status == 404 ? "NOT_FOUND" : status == 405 ? "METHOD_NOT_ALLOWED" : status == 415 ? "UNSUPPORTED_MEDIA_TYPE"
        : status < 500 ? "INVALID_REQUEST" : "INTERNAL";
    return respond(Problem.of(status, reason, e.getMessage(), path(uri)));
  }

  @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
  public Response unexpected(RuntimeException e, UriInfo uri) {
    LOG.errorf(e, "unexpected failure on %s", path(uri));
    return respond(Problem.of(500, "INTERNAL", "internal error (" + e.getClass().getSimpleName() + "); see the service log", path(uri)));
  }

  /** The query or path parameter whose value the conversion failure quotes, or null. */
  private static String parameterWithBadValue(UriInfo uri, IllegalArgumentException bad) {
    String message = String.valueOf(bad.getMessage());
    for (var q : uri.getQueryParameters().entrySet()) {
      for (String v : q.getValue()) {
        if (message.contains("\"" + v + "\"")) {
          return "?" + q.getKey();
        }
      }
    }
    for (var q : uri.getPathParameters().entrySet()) {
      for (String v : q.getValue()) {
        if (message.contains("\"" + v + "\"")) {
          return q.getKey();
        }
      }
    }
    return null;
  }

  private static String path(UriInfo uri) {
    return uri == null ? null : uri.getPath();
  }

  private static Response respond(Problem p) {
    return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
  }
}

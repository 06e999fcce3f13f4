package io.aeroshift.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.aeroshift.discovery.DiscoveryException;
import io.aeroshift.discovery.SameClusterException;
import io.aeroshift.inventory.ClusterExistsException;
import io.aeroshift.inventory.ClusterNotFoundException;
import io.aeroshift.inventory.InvalidInventoryException;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure to a problem body with a {@code reason}. */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response invalidInventory(InvalidInventoryException e, UriInfo uri) {
    return respond(Problem.of(422, "INVALID_INVENTORY", e.getMessage(), path(uri),
        e.problems().stream().map(p -> new Problem.Item(p.source(), p.line() == 0 ? null : p.line(), p.cluster(), p.field(), p.reason())).toList()));
  }

  @ServerExceptionMapper
  public Response notFound(ClusterNotFoundException e, UriInfo uri) {
    return respond(Problem.of(404, "CLUSTER_NOT_FOUND", e.getMessage(), path(uri)));
  }

  @ServerExceptionMapper
  public Response exists(ClusterExistsException e, UriInfo uri) {
    return respond(Problem.of(409, "CLUSTER_EXISTS", e.getMessage(), path(uri)));
  }

  @ServerExceptionMapper
  public Response discovery(DiscoveryException e, UriInfo uri) {
    int status;
    switch (e.reason()) {
      case SEEDS_UNREACHABLE:
      case AUTHENTICATION_FAILED:
      case INFO_PROTOCOL_ERROR:
        status = 502;
        break;
      default:
        status = 422;
    }
    return respond(Problem.of(status, e.reason().name(), e.getMessage(), path(uri)));
  }

  @ServerExceptionMapper
  public Response sameCluster(SameClusterException e, UriInfo uri) {
    return respond(Problem.of(409, "SAME_CLUSTER", e.getMessage(), path(uri)));
  }

  @ServerExceptionMapper
  public Response api(ApiException e, UriInfo uri) {
    return respond(Problem.of(e.status(), e.reason(), e.getMessage(), path(uri)));
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    String detail = e.getMessage() == null || e.getMessage().isBlank() ? "your role does not allow this request" : e.getMessage();
    return respond(Problem.of(403, "FORBIDDEN", detail, path(uri)));
  }

  /** Malformed JSON: report where, never echo the input (it may hold a pasted secret). */
  @ServerExceptionMapper
  public Response badJson(JsonProcessingException e, UriInfo uri) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return respond(Problem.of(400, "INVALID_REQUEST", "request body is not valid JSON for this endpoint" + where, path(uri)));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    if (status == 401) {
      return e.getResponse();
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

  private static String path(UriInfo uri) {
    return uri == null ? null : uri.getPath();
  }

  private static Response respond(Problem p) {
    return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
  }
}

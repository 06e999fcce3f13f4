package io.aeroshift.api;

import io.aeroshift.api.security.Roles;
import io.aeroshift.api.security.TeamAccess;
import io.aeroshift.events.EventJson;
import io.aeroshift.events.EventStream;
import io.aeroshift.events.MigrationEvent;
import io.aeroshift.outcome.RequestRefused;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/events}: server-sent events of migrations and waves, one per outbox row, the
 * SSE {@code id} being the outbox sequence. Resume with the {@code Last-Event-ID} header (what
 * browsers' EventSource sends on reconnect) or {@code ?after=}; without either the stream starts
 * with the next event, or with the last {@code ?recent=} events (a dashboard's first connection:
 * its reconnects send Last-Event-ID, which wins, so nothing is sent twice). Engineers and viewers see every event; an owner only its own teams'.
 */
@Path("/api/v1/events")
@Tag(name = "events", description = "server-sent events of migrations and waves, resumable")
public class EventStreamResource {

  static final String LAST_EVENT_ID = "Last-Event-ID";
  private static final Set<String> QUERY = Set.of("after", "recent");
  static final int MAX_RECENT = 1000;

  @Inject EventStream stream;
  @Inject SecurityIdentity identity;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RolesAllowed({Roles.ENGINEER, Roles.VIEWER, Roles.OWNER})
  @Operation(summary = "Events as server-sent events; resume with Last-Event-ID (or ?after=) without gaps or duplicates;"
      + " ?recent=N starts with the last N")
  public Multi<OutboundSseEvent> events(@HeaderParam(LAST_EVENT_ID) String lastEventId, @QueryParam("after") String after,
      @QueryParam("recent") String recent,
      @Context UriInfo uri, @Context Sse sse) {
    for (String key : uri.getQueryParameters().keySet()) {
      if (!QUERY.contains(key)) {
        throw new RequestRefused(400, "INVALID_REQUEST", "unknown query parameter '" + key + "' (known: after, recent)");
      }
    }
    long from;
    if (lastEventId != null && !lastEventId.isBlank()) {
      from = position(LAST_EVENT_ID + " header", lastEventId);
    } else if (after != null && recent != null) {
      throw new RequestRefused(400, "INVALID_REQUEST", "query parameters 'after' and 'recent' exclude each other");
    } else if (after != null) {
      from = position("query parameter 'after'", after);
    } else if (recent != null) {
      from = stream.recent(recentCount(recent));
    } else {
      from = stream.now();
    }
    Predicate<MigrationEvent> visible = visibleTo(identity);
    return stream.follow(from, visible).map(f -> f.heartbeat()
        ? sse.newEventBuilder().comment("heartbeat").build()
        : sse.newEventBuilder()
            .id(Long.toString(f.event().seq()))
            .name(f.event().event().type())
            .mediaType(MediaType.TEXT_PLAIN_TYPE)
            .data(EventJson.write(f.event().event()))
            .build());
  }

  /** Engineers and viewers: everything; owners: their teams' events (not wave-wide ones without a team). */
  static Predicate<MigrationEvent> visibleTo(SecurityIdentity id) {
    if (id.hasRole(Roles.ENGINEER) || id.hasRole(Roles.VIEWER)) {
      return e -> true;
    }
    Set<String> teams = TeamAccess.teamsOf(id);
    return e -> e.team() != null && teams.contains(e.team());
  }

  private static int recentCount(String value) {
    try {
      int count = Integer.parseInt(value.trim());
      if (count >= 1 && count <= MAX_RECENT) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new RequestRefused(400, "INVALID_REQUEST", "query parameter 'recent' must be a number of events from 1 to "
        + MAX_RECENT);
  }

  private static long position(String where, String value) {
    try {
      long seq = Long.parseLong(value.trim());
      if (seq >= 0) {
        return seq;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new RequestRefused(400, "INVALID_REQUEST", where + " must be an event id of this stream (a non-negative integer)");
  }
}

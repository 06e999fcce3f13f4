package io.aeroshift.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A body over {@code quarkus.http.limits.max-body-size} is answered 413 by the HTTP layer before
 * any resource runs, with an empty body; this answers it as every other error, a problem naming the
 * limit. Announced sizes are refused before the body is read; a chunked body that grows past the
 * limit ends in the HTTP layer's 413 failure, which is rewritten here.
 */
@ApplicationScoped
public class BodyLimitProblem {

  /**
   * The HTTP layer's own limit (a Quarkus setting, not one of ours, so read where Quarkus keeps it
   * rather than through an Aeroshift mapping): one limit, enforced and reported alike.
   */
  private final MemorySize maxBodySize = org.eclipse.microprofile.config.ConfigProvider.getConfig()
      .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
      .orElse(new MemorySize(java.math.BigInteger.valueOf(10240L * 1024)));

  @Inject ObjectMapper json;

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE + 10).handler(this::checkAnnounced);
    router.route().order(Integer.MIN_VALUE + 10).failureHandler(ctx -> {
      if (ctx.statusCode() == 413 && !ctx.response().ended()) {
        refuse(ctx, -1);
      } else {
        ctx.next();
      }
    });
  }

  private void checkAnnounced(RoutingContext ctx) {
    String length = ctx.request().getHeader("Content-Length");
    if (length != null) {
      try {
        long n = Long.parseLong(length.trim());
        if (n > maxBodySize.asLongValue()) {
          refuse(ctx, n);
          return;
        }
      } catch (NumberFormatException e) {
        // the HTTP layer answers a malformed length itself
      }
    }
    ctx.next();
  }

  private void refuse(RoutingContext ctx, long announced) {
    String detail = "request body " + (announced < 0 ? "is" : "of " + announced + " bytes is") + " over the limit of "
        + maxBodySize.asLongValue() + " bytes (quarkus.http.limits.max-body-size)";
    Problem p = Problem.of(413, "BODY_TOO_LARGE", detail, ctx.request().path());
    String body;
    try {
      body = json.writeValueAsString(p);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      body = "{\"status\":413,\"reason\":\"BODY_TOO_LARGE\"}";
    }
    ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
        .putHeader("Connection", "close").end(body);
  }
}

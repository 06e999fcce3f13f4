package io.aeroshift.cutover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aeroshift.outcome.ErrorClass;
import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code webhook} method: POSTs the switch to the team's config service and treats a 2xx as
 * switched. Retries (backoff doubling from {@code firstBackoff}, at most {@code maxBackoff}) until
 * the switch's timeout on connection failures, timeouts, 408, 429 and 5xx; any other answer is a
 * refusal and fails at once. The body is JSON: {@code migration}, {@code direction},
 * {@code sourceSeeds}, {@code targetSeeds}, {@code seeds} (what the clients must use now),
 * {@code switchAt} (RFC 3339). The receiver must treat a repeated POST of the same switch as one.
 */
public final class WebhookSwitch implements ClientSwitch {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI url;
  private final Duration attemptTimeout;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final Clock clock;

  public WebhookSwitch(HttpClient http, URI url, Duration attemptTimeout, Duration firstBackoff,
      Duration maxBackoff, Clock clock) {
    this.http = http;
    this.url = url;
    this.attemptTimeout = attemptTimeout;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
    this.clock = clock;
  }

  @Override
  public String method() {
    return "webhook";
  }

  /** The JSON the config service receives. */
  public static String body(SwitchRequest r) {
    boolean forward = r.direction() == SwitchRequest.Direction.TO_TARGET;
    ObjectNode o = JSON.createObjectNode();
    o.put("migration", r.migrationId());
    o.put("direction", r.direction().name());
    o.set("sourceSeeds", JSON.valueToTree(forward ? r.fromSeeds() : r.toSeeds()));
    o.set("targetSeeds", JSON.valueToTree(forward ? r.toSeeds() : r.fromSeeds()));
    o.set("seeds", JSON.valueToTree(r.toSeeds()));
    o.put("switchAt", r.switchAt().toString());
    return o.toString();
  }

  @Override
  public SwitchReceipt switchClients(SwitchRequest request, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    String body = body(request);
    Duration backoff = firstBackoff;
    String last = "no attempt made";
    // the last HTTP answer is kept apart from the last error: a final attempt cut short by the deadline
    // must not hide that the config service had been answering 503
    String lastAnswer = "none";
    int attempts = 0;
    while (attempts == 0 || clock.instant().isBefore(deadline)) {
      attempts++;
      Duration left = Duration.between(clock.instant(), deadline);
      Duration perAttempt = left.compareTo(attemptTimeout) < 0 && !left.isNegative() && !left.isZero()
          ? left : attemptTimeout;
      HttpRequest post = HttpRequest.newBuilder(url).timeout(perAttempt)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      try {
        HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
        int code = response.statusCode();
        if (code / 100 == 2) {
          return new SwitchReceipt(method(), clock.instant(),
              "POST " + url + " answered " + code + " after " + attempts + " attempt(s)");
        }
        last = "POST " + url + " answered " + code;
        lastAnswer = String.valueOf(code);
        if (code != 408 && code != 429 && code < 500) {
          // the config service refused the switch: the clients were not switched
          throw new ClientSwitchException(new Failure(FailureReason.CLIENT_SWITCH_FAILED, ErrorClass.PERMANENT,
              last + " (refused, not retried)", clock.instant()), null);
        }
      } catch (IOException e) {
        last = "POST " + url + " failed: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw inDoubt("interrupted while posting the switch; " + last, e);
      }
      Duration wait = backoff.compareTo(Duration.between(clock.instant(), deadline)) < 0 ? backoff
          : Duration.between(clock.instant(), deadline);
      if (!wait.isNegative()) {
        LockSupport.parkNanos(wait.toNanos());
      }
      backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    }
    throw inDoubt("no 2xx within " + timeout + " (" + attempts + " attempt(s)); last HTTP answer: " + lastAnswer
        + "; last attempt: " + last, null);
  }

  private ClientSwitchException inDoubt(String detail, Throwable cause) {
    // a timed-out POST may have been applied by the config service: whether clients moved is unknown
    return new ClientSwitchException(Failure.of(FailureReason.CLIENT_SWITCH_FAILED, detail, clock.instant()), cause);
  }
}

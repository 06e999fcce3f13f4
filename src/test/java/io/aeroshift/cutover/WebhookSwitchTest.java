package io.aeroshift.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.aeroshift.outcome.ErrorClass;
import io.aeroshift.outcome.FailureReason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook method against a config service on loopback. */
class WebhookSwitchTest {
  private static final SwitchRequest REQUEST = new SwitchRequest("payments-ce-to-ee",
      SwitchRequest.Direction.TO_TARGET, List.of("10.0.0.1:3000"), List.of("10.1.0.1:3000", "10.1.0.2:3000"),
      Instant.parse("2026-12-07T05:00:00.123Z"));

  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresFirst = new AtomicInteger();
  private volatile int failureCode = 503;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/switch", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      int code = failuresFirst.getAndDecrement() > 0 ? failureCode : 204;
      exchange.sendResponseHeaders(code, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private WebhookSwitch webhook(String path) {
    return new WebhookSwitch(HttpClient.newHttpClient(),
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path), Duration.ofSeconds(2),
        Duration.ofMillis(10), Duration.ofMillis(50), Clock.systemUTC());
  }

  @Test
  void retriesUnavailableUntilA2xxAndPostsTheSwitch() throws Exception {
    failuresFirst.set(2);
    SwitchReceipt receipt = webhook("/switch").switchClients(REQUEST, Duration.ofSeconds(10));
    assertThat(receipt.detail()).contains("204").contains("3 attempt(s)");
    assertThat(bodies).hasSize(3).containsOnly(bodies.get(0));
    JsonNode body = new ObjectMapper().readTree(bodies.get(0));
    assertThat(body.get("migration").asText()).isEqualTo("payments-ce-to-ee");
    assertThat(body.get("sourceSeeds").toString()).isEqualTo("[\"10.0.0.1:3000\"]");
    assertThat(body.get("targetSeeds").toString()).isEqualTo("[\"10.1.0.1:3000\",\"10.1.0.2:3000\"]");
    assertThat(body.get("seeds")).isEqualTo(body.get("targetSeeds"));
    assertThat(body.get("switchAt").asText()).isEqualTo("2026-12-07T05:00:00.123Z");
  }

  @Test
  void aRefusalFailsAtOnceAsNotSwitched() {
    failuresFirst.set(100);
    failureCode = 422;
    assertThatThrownBy(() -> webhook("/switch").switchClients(REQUEST, Duration.ofSeconds(10)))
        .isInstanceOfSatisfying(ClientSwitchException.class, e -> {
          assertThat(e.failure().reason()).isEqualTo(FailureReason.CLIENT_SWITCH_FAILED);
          assertThat(e.failure().errorClass()).isEqualTo(ErrorClass.PERMANENT);
          assertThat(e.failure().detail()).contains("422");
        });
    assertThat(bodies).hasSize(1);
  }

  @Test
  void noAnswerWithinTheTimeoutIsInDoubt() {
    failuresFirst.set(1000);
    assertThatThrownBy(() -> webhook("/switch").switchClients(REQUEST, Duration.ofMillis(400)))
        .isInstanceOfSatisfying(ClientSwitchException.class, e -> {
          assertThat(e.failure().errorClass()).isEqualTo(ErrorClass.IN_DOUBT);
          assertThat(e.failure().detail()).contains("last HTTP answer: 503");
        });
    assertThat(bodies).isNotEmpty();
  }
}

package io.aeroshift.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.aeroshift.testsupport.RequiresRabbitMq;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay publishing through the RabbitMQ connector (channel {@value OutboxRelay#CHANNEL} bound to
 * a topic exchange), consumed back with RabbitMQ's own Java client from a queue this test binds,
 * while the in-process consumer (event streams, audit trail) keeps receiving the same events.
 */
@QuarkusTest
@TestProfile(RabbitMqRelayTest.Profile.class)
@ExtendWith(RequiresRabbitMq.class)
class RabbitMqRelayTest {

  static final String EXCHANGE = "aeroshift-events-test";

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "mp.messaging.outgoing.aeroshift-events.connector", "smallrye-rabbitmq",
          "mp.messaging.outgoing.aeroshift-events.exchange.name", EXCHANGE,
          "mp.messaging.outgoing.aeroshift-events.exchange.type", "topic",
          "rabbitmq-host", RequiresRabbitMq.HOST,
          "rabbitmq-port", Integer.toString(RequiresRabbitMq.PORT),
          "rabbitmq-username", "guest",
          "rabbitmq-password", "guest");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject EventOutbox outbox;
  @Inject EventHub hub;

  @Test
  void publishesEachCommittedEventToTheExchangeWithItsSeqAsMessageId() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(RequiresRabbitMq.HOST);
    factory.setPort(RequiresRabbitMq.PORT);
    factory.setUsername("guest");
    factory.setPassword("guest");
    try (Connection conn = factory.newConnection("aeroshift-test"); Channel ch = conn.createChannel()) {
      // the same declaration as the connector's (topic, durable): idempotent whoever comes first
      ch.exchangeDeclare(EXCHANGE, BuiltinExchangeType.TOPIC, true, false, null);
      String queue = ch.queueDeclare().getQueue();
      ch.queueBind(queue, EXCHANGE, "#");

      String migration = "rabbit-" + UUID.randomUUID().toString().substring(0, 8);
      for (String to : List.of("PROVISIONING", "COPYING")) {
        QuarkusTransaction.requiringNew().run(() -> outbox.append(new MigrationEvent("TRANSITION", migration, "payments",
            "wave-1", null, to, null, "aeroshift", null, Instant.now(), Map.of())));
      }

      List<GetResponse> got = new ArrayList<>();
      Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
        GetResponse r = ch.basicGet(queue, true);
        if (r != null && new String(r.getBody(), StandardCharsets.UTF_8).contains(migration)) {
          got.add(r);
        }
        return got.size() == 2;
      });
      JsonNode first = JSON.readTree(new String(got.get(0).getBody(), StandardCharsets.UTF_8));
      JsonNode second = JSON.readTree(new String(got.get(1).getBody(), StandardCharsets.UTF_8));
      assertThat(first.path("event").path("to").asText()).isEqualTo("PROVISIONING");
      assertThat(second.path("event").path("to").asText()).isEqualTo("COPYING");
      assertThat(second.path("seq").asLong()).isGreaterThan(first.path("seq").asLong());
      assertThat(got.get(0).getProps().getMessageId()).isEqualTo(first.path("seq").asText());
      assertThat(got.get(0).getEnvelope().getRoutingKey()).isEqualTo("transition.payments");
      assertThat(got.get(0).getProps().getContentType()).isEqualTo("application/json");
      // the in-process consumer had them too
      assertThat(hub.released()).isGreaterThanOrEqualTo(second.path("seq").asLong());
    }
  }
}

package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeroshift.events.EventOutbox;
import io.aeroshift.events.MigrationEvent;
import io.aeroshift.testsupport.SseClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/events} read by a real SSE client: order, resume with {@code Last-Event-ID}
 * without gaps or duplicates (also across a seq gap filled late by a slower transaction, and one
 * left by a rollback), team visibility. The expected events come from the outbox table read here
 * with plain JDBC, not from the code under test.
 */
@QuarkusTest
class EventStreamResourceTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/api/v1/events")
  URL events;

  @Inject EventOutbox outbox;
  @Inject DataSource dataSource;

  @Test
  void streamsInOrderAndResumesWithoutGapsOrDuplicatesAcrossALateCommitAndARollback() throws Exception {
    String run = "sse-" + UUID.randomUUID().toString().substring(0, 8);
    try (SseClient live = SseClient.open(uri(null), "engineer", null)) {
      assertThat(live.status()).isEqualTo(200);
      assertThat(live.contentType()).startsWith("text/event-stream");
      await().atMost(WAIT).until(() -> live.comments() > 0); // open: the first heartbeat came

      for (int i = 1; i <= 3; i++) {
        commit(event(run + "-" + i, "payments", "PLANNED", "PROVISIONING"));
      }
      await().atMost(WAIT).until(() -> ours(live, run).size() == 3);

      // a slow transaction takes its seq first and commits after a faster one
      CountDownLatch appended = new CountDownLatch(1);
      CountDownLatch commitNow = new CountDownLatch(1);
      CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
        outbox.append(event(run + "-4", "payments", "PROVISIONING", "COPYING"));
        appended.countDown();
        try {
          assertThat(commitNow.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }));
      assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
      commit(event(run + "-5", "payments", "COPYING", "CATCHING_UP"));
      long fastSeq = seqsOf(run).get(3); // -5 is committed, -4 is not yet
      assertThat(migrationAt(fastSeq)).isEqualTo(run + "-5");
      // -5 is committed but must wait behind the open -4
      await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> ours(live, run).size() == 3);
      commitNow.countDown();
      slow.get(10, TimeUnit.SECONDS);
      await().atMost(WAIT).until(() -> ours(live, run).size() == 5);

      // a rolled-back append leaves a hole that must not hold the stream
      assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
        outbox.append(event(run + "-rolled-back", "payments", "COPYING", "FAILED"));
        QuarkusTransaction.setRollbackOnly();
      })).isInstanceOf(QuarkusTransactionException.class);
      commit(event(run + "-6", "payments", "CATCHING_UP", "VALIDATING"));
      await().atMost(WAIT).until(() -> ours(live, run).size() == 6);

      List<Long> committed = seqsOf(run);
      assertThat(committed).hasSize(6);
      assertThat(ours(live, run)).extracting(SseClient.Event::seq).containsExactlyElementsOf(committed);
      assertThat(ours(live, run)).extracting(e -> migration(e)).containsExactly(
          run + "-1", run + "-2", run + "-3", run + "-4", run + "-5", run + "-6");
      assertThat(live.events()).extracting(SseClient.Event::seq).isSorted().doesNotHaveDuplicates();
      assertThat(ours(live, run).get(0).name()).isEqualTo("TRANSITION");
    }

    // disconnected: one more event, then resume from what the client saw last before -4
    commit(event(run + "-7", "payments", "VALIDATING", "AWAITING_APPROVAL"));
    List<Long> committed = seqsOf(run);
    long resumeAfter = committed.get(2); // the seq of -3
    try (SseClient resumed = SseClient.open(uri(null), "engineer", Long.toString(resumeAfter))) {
      await().atMost(WAIT).until(() -> ours(resumed, run).size() == 4);
      // and nothing else of ours arrives (no duplicate)
      await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> ours(resumed, run).size() == 4);
      assertThat(ours(resumed, run)).extracting(SseClient.Event::seq).containsExactlyElementsOf(committed.subList(3, 7));
      assertThat(resumed.events()).extracting(SseClient.Event::seq).isSorted().doesNotHaveDuplicates()
          .allMatch(s -> s > resumeAfter);
      // every event of the outbox after the resume point came, ours or not (no gap)
      assertThat(resumed.events()).extracting(SseClient.Event::seq).containsExactlyElementsOf(allSeqsBetween(resumeAfter,
          committed.get(6)));
    }

    // ?after= from the start of the run reads the outbox (beyond the recent events kept in memory)
    try (SseClient fromStart = SseClient.open(uri("after=" + (committed.get(0) - 1)), "viewer", null)) {
      await().atMost(WAIT).until(() -> ours(fromStart, run).size() == 7);
      assertThat(ours(fromStart, run)).extracting(SseClient.Event::seq).containsExactlyElementsOf(committed);
    }
  }

  @Test
  void anOwnerReceivesOnlyItsTeamsEvents() throws Exception {
    String run = "team-" + UUID.randomUUID().toString().substring(0, 8);
    long start = maxSeq();
    try (SseClient owner = SseClient.open(uri("after=" + start), "owner-payments", null);
        SseClient viewer = SseClient.open(uri("after=" + start), "viewer", null)) {
      commit(event(run + "-p1", "payments", "PLANNED", "PROVISIONING"));
      commit(event(run + "-c1", "catalog", "PLANNED", "PROVISIONING"));
      commit(new MigrationEvent("WAVE", null, null, "wave-" + run, null, null, "start", "engineer", null, Instant.now(), Map.of()));
      commit(event(run + "-p2", "payments", "PROVISIONING", "COPYING"));
      commit(event(run + "-c2", "catalog", "PROVISIONING", "COPYING"));

      await().atMost(WAIT).until(() -> viewer.events().stream().filter(e -> e.data().contains(run)).count() == 5);
      await().atMost(WAIT).until(() -> ours(owner, run).size() == 2);
      assertThat(ours(owner, run)).extracting(SseClient.Event::seq).containsExactlyElementsOf(seqsOf(run + "-p"));
      assertThat(owner.events()).extracting(e -> JSON.readTree(e.data()).path("team").asText()).containsOnly("payments");
    }
  }

  @Test
  void recentStartsWithTheLastEventsAndAResumeWinsOverIt() throws Exception {
    String run = "recent-" + UUID.randomUUID().toString().substring(0, 8);
    try (SseClient live = SseClient.open(uri(null), "engineer", null)) {
      await().atMost(WAIT).until(() -> live.comments() > 0);
      for (int i = 1; i <= 5; i++) {
        commit(event(run + "-" + i, "payments", "PLANNED", "PROVISIONING"));
      }
      await().atMost(WAIT).until(() -> ours(live, run).size() == 5); // all five released
    }
    List<Long> committed = seqsOf(run);
    long newest = maxSeq();
    List<Long> lastThree = longs("SELECT seq FROM (SELECT seq FROM event_outbox WHERE seq <= " + newest
        + " ORDER BY seq DESC LIMIT 3) last ORDER BY seq", null);
    try (SseClient recent = SseClient.open(uri("recent=3"), "viewer", null)) {
      await().atMost(WAIT).until(() -> recent.events().size() >= 3);
      assertThat(recent.events().subList(0, 3)).extracting(SseClient.Event::seq).containsExactlyElementsOf(lastThree);
    }
    // an owner's recent events are the visible ones among the last N, not N of its own
    try (SseClient owner = SseClient.open(uri("recent=3"), "owner-catalog", null)) {
      await().atMost(WAIT).until(() -> owner.comments() > 0);
      await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> ours(owner, run).isEmpty());
    }
    // a reconnect sends Last-Event-ID with the same URL: it resumes there and sends nothing twice
    try (SseClient resumed = SseClient.open(uri("recent=5"), "engineer", Long.toString(committed.get(3)))) {
      await().atMost(WAIT).until(() -> ours(resumed, run).size() == 1);
      await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> ours(resumed, run).size() == 1);
      assertThat(ours(resumed, run).get(0).seq()).isEqualTo(committed.get(4));
    }
  }

  @Test
  void refusesABadResumePositionAndUnknownParameters() {
    given().auth().preemptive().basic("engineer", "engineer").header("Last-Event-ID", "twelve")
        .when().get("/api/v1/events")
        .then().statusCode(400).contentType(containsString("application/problem+json"))
        .body("reason", equalTo("INVALID_REQUEST"))
        .body("detail", containsString("Last-Event-ID"));
    given().auth().preemptive().basic("engineer", "engineer")
        .when().get("/api/v1/events?after=-1")
        .then().statusCode(400).body("detail", containsString("'after'"));
    given().auth().preemptive().basic("engineer", "engineer")
        .when().get("/api/v1/events?since=3")
        .then().statusCode(400).body("detail", containsString("since"));
    for (String bad : List.of("recent=0", "recent=1001", "recent=abc")) {
      given().auth().preemptive().basic("engineer", "engineer")
          .when().get("/api/v1/events?" + bad)
          .then().statusCode(400).contentType(containsString("application/problem+json"))
          .body("detail", containsString("'recent'"));
    }
    given().auth().preemptive().basic("engineer", "engineer")
        .when().get("/api/v1/events?after=3&recent=3")
        .then().statusCode(400).body("detail", containsString("exclude each other"));
    given().when().get("/api/v1/events").then().statusCode(401);
  }

  @Test
  void theRelayReportsItsHealthInAGroupOfItsOwn() {
    given().when().get("/q/health/group/events")
        .then().statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks[0].name", equalTo("event-relay"))
        .body("checks[0].data.heldGaps", equalTo(0));
  }

  private URI uri(String query) throws Exception {
    return query == null ? events.toURI() : URI.create(events + "?" + query);
  }

  private void commit(MigrationEvent e) {
    QuarkusTransaction.requiringNew().run(() -> outbox.append(e));
  }

  private static MigrationEvent event(String migration, String team, String from, String to) {
    return new MigrationEvent("TRANSITION", migration, team, "wave-1", from, to, null, "aeroshift", "test", Instant.now(),
        Map.of("recordsCopied", 42));
  }

  private static List<SseClient.Event> ours(SseClient client, String run) {
    return client.events().stream().filter(e -> migration(e).startsWith(run)).toList();
  }

  private static String migration(SseClient.Event e) {
    try {
      JsonNode n = JSON.readTree(e.data());
      return n.path("migrationId").asText("");
    } catch (Exception ex) {
      throw new IllegalStateException("event data is not JSON: " + e.data(), ex);
    }
  }

  private List<Long> seqsOf(String migrationPrefix) throws Exception {
    return longs("SELECT seq FROM event_outbox WHERE migration_id LIKE ? ORDER BY seq", migrationPrefix + "%");
  }

  private List<Long> allSeqsBetween(long after, long upTo) throws Exception {
    return longs("SELECT seq FROM event_outbox WHERE seq > " + after + " AND seq <= " + upTo + " ORDER BY seq", null);
  }

  private long maxSeq() throws Exception {
    List<Long> l = longs("SELECT COALESCE(MAX(seq), 0) FROM event_outbox", null);
    return l.get(0);
  }

  private String migrationAt(long seq) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT migration_id FROM event_outbox WHERE seq = ?")) {
      ps.setLong(1, seq);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private List<Long> longs(String sql, String param) throws Exception {
    List<Long> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (param != null) {
        ps.setString(1, param);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return out;
  }
}

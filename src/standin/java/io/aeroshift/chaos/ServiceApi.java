package io.aeroshift.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The campaign's way into the Quarkus service: {@code /api/v1} over HTTP as the embedded default's
 * {@code engineer} user, as a person with curl would (register the source, start a copy, read the
 * run). It knows nothing of the service's classes.
 */
final class ServiceApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AUTH = basic("engineer");

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ServiceApi(String base) {
    this.base = base;
  }

  /** What the campaign reads of a copy run ({@code GET /api/v1/copies/{id}}). */
  record CopyView(String state, String failureReason, String failure, int attempts, String progress) {
    boolean ended() {
      return state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("STOPPED");
    }
  }

  /** Whether the service answers an authenticated request. */
  boolean answers() {
    try {
      return send(get("/api/v1/me")).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code POST /api/v1/clusters}: registers a source cluster (no credentials). */
  void registerSource(String name, String team, List<String> seeds) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("name", name).put("team", team);
    seeds.forEach(body.putArray("seeds")::add);
    expect(send(post("/api/v1/clusters", body)), 201);
  }

  /**
   * {@code POST /api/v1/copies}: a copy of the namespace from the registered source to the target's
   * seeds; {@code backupDir} null = SCAN_COPY, else BACKUP_RESTORE through it; {@code rps} 0 = no
   * limit. Returns the run id.
   */
  String startCopy(String source, List<String> targetSeeds, String namespace, String backupDir, int rps) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("source", source).put("namespace", namespace);
    targetSeeds.forEach(body.putObject("target").putArray("seeds")::add);
    body.put("mode", backupDir == null ? "SCAN_COPY" : "BACKUP_RESTORE");
    if (backupDir != null) {
      body.putObject("backup").put("dir", backupDir);
    }
    body.putObject("rateLimits").put("recordsPerSecond", rps);
    return expect(send(post("/api/v1/copies", body)), 202).path("id").asText();
  }

  /** {@code GET /api/v1/copies/{id}}. */
  CopyView copy(String id) throws IOException {
    JsonNode v = expect(send(get("/api/v1/copies/" + id)), 200);
    JsonNode p = v.path("partitions");
    String progress = v.path("state").asText() + "/" + v.path("stage").asText() + "/" + v.path("pass").asText() + "/"
        + v.path("records").asText() + "/" + p.path("done").asText() + "/" + p.path("failed").asText() + "/"
        + v.path("deleted").asText() + "/" + v.path("attempts").asText();
    return new CopyView(v.path("state").asText(), v.path("failureReason").isTextual() ? v.path("failureReason").asText() : null,
        v.path("failure").isTextual() ? v.path("failure").asText() : null, v.path("attempts").asInt(), progress);
  }

  /** {@code GET} of an /api/v1 path (as the engineer): the JSON body of a 200. */
  JsonNode read(String path) throws IOException {
    return expect(send(get(path)), 200);
  }

  /** {@code POST /api/v1/migrations {"plan": plan}}: the new migration's id. */
  String createMigration(String plan) throws IOException {
    return expect(send(post("/api/v1/migrations", JSON.createObjectNode().put("plan", plan))), 201).path("id").asText();
  }

  /**
   * {@code POST /api/v1/migrations/{id}/{command}} as {@code user} (the embedded default's local
   * users: the password is the name); returns the status (202 stored, 409 not accepted now).
   */
  int command(String migration, String command, String user) throws IOException {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/v1/migrations/" + migration + "/" + command))
        .timeout(Duration.ofSeconds(30)).header("Authorization", basic(user)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    return send(r).statusCode();
  }

  /** {@code GET} of a Kubernetes API URL (the demo's mock API server needs no credentials): the JSON body of a 200. */
  JsonNode kubernetes(String url) throws IOException {
    return expect(send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build()), 200);
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).header("Authorization", AUTH)
        .GET().build();
  }

  private HttpRequest post(String path, JsonNode body) throws IOException {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header("Authorization", AUTH)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static JsonNode expect(HttpResponse<String> response, int status) throws IOException {
    if (response.statusCode() != status) {
      throw new IOException(response.request().method() + " " + response.request().uri().getPath() + " answered "
          + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }
}

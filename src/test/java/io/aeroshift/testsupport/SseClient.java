package io.aeroshift.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server-sent-events client over a real HTTP connection (java.net.http), parsing the stream as
 * the EventSource specification does: {@code id}, {@code event}, {@code data} lines, a blank line
 * ends an event, lines starting with {@code :} are comments. Independent of the service's code.
 */
public final class SseClient implements AutoCloseable {

  /** One received event. */
  public record Event(String id, String name, String data) {
    public long seq() {
      return Long.parseLong(id);
    }
  }

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger comments = new AtomicInteger();
  private final InputStream body;
  private final Thread reader;
  private final int status;
  private final String contentType;

  private SseClient(HttpResponse<InputStream> response) {
    this.status = response.statusCode();
    this.contentType = response.headers().firstValue("content-type").orElse("");
    this.body = response.body();
    this.reader = new Thread(this::read, "sse-client");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Opens the stream as {@code user} (password = user name, the local users); {@code lastEventId}
   * is sent as the {@code Last-Event-ID} header when not null.
   */
  public static SseClient open(URI uri, String user, String lastEventId) throws IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).GET()
        .header("Accept", "text/event-stream")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    if (lastEventId != null) {
      req.header("Last-Event-ID", lastEventId);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return new SseClient(http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  public int status() {
    return status;
  }

  public String contentType() {
    return contentType;
  }

  /** The events received so far, in arrival order. */
  public List<Event> events() {
    return new ArrayList<>(events);
  }

  /** Comment lines received so far (heartbeats). */
  public int comments() {
    return comments.get();
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String id = null;
      String name = null;
      StringBuilder data = null;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (data != null) {
            events.add(new Event(id, name, data.toString()));
          }
          name = null;
          data = null;
        } else if (line.startsWith(":")) {
          comments.incrementAndGet();
        } else {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          if (value.startsWith(" ")) {
            value = value.substring(1);
          }
          switch (field) {
            case "id" -> id = value;
            case "event" -> name = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> { }
          }
        }
      }
    } catch (IOException e) {
      // closed by close(): the stream ends here
    }
  }

  /** Disconnects. */
  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // already gone
    }
  }
}

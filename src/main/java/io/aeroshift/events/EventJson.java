package io.aeroshift.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON form of events: the outbox payload ({@link MigrationEvent}), the SSE {@code data}
 * (the same) and the broker message ({@link StoredEvent}: {@code {"seq":..,"event":{..}}}).
 */
public final class EventJson {

  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private EventJson() {}

  public static String write(Object eventOrStored) {
    try {
      return JSON.writeValueAsString(eventOrStored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + eventOrStored.getClass().getSimpleName(), e);
    }
  }

  public static MigrationEvent event(String json) {
    return read(json, MigrationEvent.class);
  }

  public static StoredEvent stored(String json) {
    return read(json, StoredEvent.class);
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read " + type.getSimpleName() + " at " + e.getLocation(), e);
    }
  }
}

package io.aeroshift.planning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server configuration JSON schema of one target version (the file AKO's webhook validates
 * {@code spec.aerospikeConfig} with), used to decide which parameters exist and of what type. Loaded
 * from the copies in {@code src/main/resources/ako/aerospike-config-schemas/}.
 *
 * @param version X.Y.Z, e.g. {@code 8.1.1}
 * @param root the whole schema document
 */
public record TargetSchema(String version, JsonNode root) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, TargetSchema> CACHE = new ConcurrentHashMap<>();

  /** The schema shipped for that version; fails for versions not in {@link TargetImage#SUPPORTED_SCHEMAS}. */
  public static TargetSchema of(String version) {
    return CACHE.computeIfAbsent(version, v -> {
      if (!TargetImage.SUPPORTED_SCHEMAS.contains(v)) {
        throw new IllegalArgumentException("no server config schema for " + v);
      }
      try (InputStream in = TargetSchema.class.getResourceAsStream("/ako/aerospike-config-schemas/" + v + ".json")) {
        if (in == null) {
          throw new IllegalStateException("schema resource for " + v + " missing from the classpath");
        }
        return new TargetSchema(v, JSON.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Schema of a namespace parameter, or null when the version has no such parameter. */
  public JsonNode namespaceProperty(String key) {
    return root.path("properties").path("namespaces").path("items").path("properties").get(key);
  }

  /** Schema of a storage-engine parameter for that engine type, or null. */
  public JsonNode storageProperty(String type, String key) {
    for (JsonNode alt : root.path("properties").path("namespaces").path("items").path("properties")
        .path("storage-engine").path("oneOf")) {
      JsonNode props = alt.path("properties");
      for (JsonNode t : props.path("type").path("enum")) {
        if (t.asText().equals(type)) {
          return props.get(key);
        }
      }
    }
    return null;
  }

  /** Schema of a service parameter, or null. */
  public JsonNode serviceProperty(String key) {
    return root.path("properties").path("service").path("properties").get(key);
  }

  /** Schema of a parameter of {@code network.<sub>} (service, heartbeat, fabric...), or null. */
  public JsonNode networkProperty(String sub, String key) {
    return root.path("properties").path("network").path("properties").path(sub).path("properties").get(key);
  }

  /** The {@code minimum} of an integer parameter (0 when none). */
  public static long minimum(JsonNode property) {
    return property == null ? 0 : property.path("minimum").asLong(0);
  }

  /**
   * Converts a value as {@code get-config} printed it to the parameter's schema type. Returns null
   * when the text does not fit the type (the caller drops the setting with that reason). Ranges are
   * NOT checked here: an out-of-range value is left for the schema validation to reject, with its path.
   */
  public static Object convert(JsonNode property, String text) {
    String type = property.path("type").asText("");
    switch (type) {
      case "integer":
        try {
          return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
          return null;
        }
      case "boolean":
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
          return Boolean.parseBoolean(text.toLowerCase());
        }
        return null;
      case "string":
        JsonNode allowed = property.get("enum");
        if (allowed != null) {
          for (JsonNode a : allowed) {
            if (a.asText().equals(text)) {
              return text;
            }
          }
          return null;
        }
        return text;
      default:
        return null;
    }
  }

  /** True when the converted value equals the parameter's schema default. */
  public static boolean isDefault(JsonNode property, Object value) {
    JsonNode d = property.get("default");
    if (d == null || value == null) {
      return false;
    }
    if (value instanceof Long l) {
      return d.isNumber() && d.asLong() == l;
    }
    if (value instanceof Boolean b) {
      return d.isBoolean() && d.asBoolean() == b;
    }
    return d.asText().equals(value.toString());
  }
}
